import Tables
import TextRules

/// What a region reference in a data row resolved to.
enum RegionReference: Equatable {
  /// A leaf region: the only kind data rows may be about.
  case leaf(String)
  /// A reported total: a non-leaf region's code, or nil for `合计`-style names (all leaves).
  case total(String?)
  case unknown
}

/// Resolves region references (code, name or alias, after normalisation) without memory of
/// earlier lookups, so that it can be shared by threads.
struct RegionNames: Sendable {
  let tree: RegionTree
  private let codeByKey: [String: String]
  private let subtotalNames: Set<String>

  init(tree: RegionTree, subtotalNames: Set<String>) {
    self.tree = tree
    self.subtotalNames = subtotalNames
    var codeByKey: [String: String] = [:]
    for region in tree.regions {
      for name in [region.code, region.name] + region.aliases {
        codeByKey[TextNormalization.key(name)] = region.code
      }
    }
    self.codeByKey = codeByKey
  }

  func resolve(_ raw: String) -> RegionReference {
    let key = TextNormalization.key(raw)
    if let code = codeByKey[key] {
      return tree.isLeaf(code) ? .leaf(code) : .total(code)
    }
    if subtotalNames.contains(key) { return .total(nil) }
    return .unknown
  }
}

/// Resolves region references (code, name or alias, after normalisation) and suggests the
/// closest known names for unknown ones.
struct RegionResolver {
  let names: RegionNames
  var tree: RegionTree { names.tree }
  /// Raw spellings already resolved (exports repeat the same few names).
  private let cache = ResolutionCache()
  private let knownNames: [String]

  init(tree: RegionTree, subtotalNames: Set<String>) {
    names = RegionNames(tree: tree, subtotalNames: subtotalNames)
    knownNames = tree.regions.map(\.name)
  }

  func resolve(_ raw: String) -> RegionReference {
    if let known = cache.references[raw] { return known }
    let reference = names.resolve(raw)
    cache.references[raw] = reference
    return reference
  }

  /// Up to three known names closest to `raw` (shared characters, then edit distance).
  func suggestions(for raw: String) -> [String] {
    let text = TextNormalization.trimmed(raw)
    let scored = knownNames.map { name -> (String, Int) in
      var distance = EditDistance.between(text, name)
      if name.contains(text) || text.contains(name) { distance = min(distance, 1) }
      return (name, distance)
    }
    let limit = max(2, text.count / 2)
    return scored.filter { $0.1 <= limit }.sorted { $0.1 < $1.1 || ($0.1 == $1.1 && $0.0 < $1.0) }
      .prefix(3).map(\.0)
  }

  func label(_ code: String) -> String {
    guard let region = tree.region(code: code) else { return code }
    return "\(region.name) (\(region.code))"
  }
}

/// Memo of region references, shared by the copies of a resolver within one load.
final class ResolutionCache {
  var references: [String: RegionReference] = [:]
}

/// Tallies unknown region names across a dataset so that each distinct name is reported once,
/// with how many rows use it and where it first occurs.
final class UnknownRegionTally {
  private var order: [String] = []
  private var entries: [String: (first: SourceLocation, column: String, rows: Int)] = [:]

  func record(_ raw: String, at location: SourceLocation, column: String) {
    let name = TextNormalization.trimmed(raw)
    if let entry = entries[name] {
      entries[name] = (entry.first, entry.column, entry.rows + 1)
    } else {
      order.append(name)
      entries[name] = (location, column, 1)
    }
  }

  func report(to log: DiagnosticLog, resolver: RegionResolver, skipInvalid: Bool) {
    for name in order {
      guard let entry = entries[name] else { continue }
      let suggestions = resolver.suggestions(for: name)
      var message = "unknown region '\(name)' (used by \(entry.rows) row\(entry.rows == 1 ? "" : "s")"
      message += suggestions.isEmpty ? ")" : "; closest: \(suggestions.joined(separator: ", ")))"
      if skipInvalid { message += " (rows skipped)" }
      log.add(
        Diagnostic(skipInvalid ? .warning : .error, at: entry.first, column: entry.column, message: message))
    }
  }
}

/// Reads `regions.csv` into a validated tree.
struct RegionsReader {
  let dictionary: HeaderDictionary
  private var regions: [Region] = []
  private var lines: [String: SourceLocation] = [:]
  private var names: [String: SourceLocation] = [:]

  init(dictionary: HeaderDictionary) {
    self.dictionary = dictionary
  }

  mutating func read(_ record: CSVRecord, context: FileContext) {
    var row = RowReader(context: context, record: record)
    let code = row.cell("code").map(TextNormalization.trimmed) ?? ""
    let name = row.cell("name").map(TextNormalization.trimmed) ?? ""
    if code.isEmpty { row.problem("code", "required value is empty") }
    if name.isEmpty { row.problem("name", "required value is empty") }
    if let problem = FreeText.problem(name) { row.problem("name", problem) }
    if let first = lines[code], !code.isEmpty {
      row.problem("code", "duplicate region code '\(code)' (first at line \(first.line))")
    }
    if let first = names[TextNormalization.key(name)], !name.isEmpty {
      row.problem("name", "duplicate region name '\(name)' (first at line \(first.line))")
    }
    let parent = row.cell("parent").map(TextNormalization.trimmed).flatMap { $0.isEmpty ? nil : $0 }
    let aliases = (row.cell("aliases") ?? "").split(separator: "|").map {
      TextNormalization.trimmed(String($0))
    }.filter { !$0.isEmpty }
    let population = row.value("population", ValueParsing.count)
    let order = row.value("order", ValueParsing.number)
    if let order, !order.isWholeNumber { row.problem("order", "'\(order)' is not a whole number") }
    guard row.finish() else { return }
    lines[code] = row.location
    names[TextNormalization.key(name)] = row.location
    regions.append(
      Region(
        code: code, name: name, parentCode: parent, aliases: aliases,
        population: population.map { $0.scaled / FixedPoint.scale },
        order: order.map { Int($0.scaled / FixedPoint.scale) }))
  }

  /// Checks the tree rules (one root, known parents, no cycles, unambiguous aliases).
  func finish(file: String, log: DiagnosticLog) -> RegionTree? {
    let codes = Set(regions.map(\.code))
    var ok = true
    for region in regions {
      if let parent = region.parentCode, !codes.contains(parent) {
        log.add(
          Diagnostic(
            .error, at: lines[region.code]!, column: header("parent"),
            message: "parent code '\(parent)' of \(region.name) is not a region in this file"))
        ok = false
      }
    }
    let roots = regions.filter { $0.parentCode == nil }
    if roots.count != 1 {
      let list = roots.map { "\($0.name) (line \(lines[$0.code]!.line))" }.joined(separator: ", ")
      log.add(
        Diagnostic(
          .error, file: file, column: header("parent"),
          message: "exactly one root region (empty parent code) is needed, found \(roots.count)"
            + (roots.isEmpty ? "" : ": \(list)")))
      ok = false
    }
    var owner: [String: String] = [:]
    for region in regions {
      for name in Set([region.code, region.name] + region.aliases) {
        let key = TextNormalization.key(name)
        if let other = owner[key], other != region.code {
          log.add(
            Diagnostic(
              .error, at: lines[region.code]!, column: header("aliases"),
              message: "'\(name)' names both \(other) and \(region.code)"))
          ok = false
        }
        owner[key] = region.code
      }
    }
    guard ok else { return nil }
    guard let tree = RegionTree(regions: regions) else {
      for cycle in cycles() {
        log.add(
          Diagnostic(
            .error, at: lines[cycle[0]]!, column: header("parent"),
            message: "the parent codes form a cycle: \((cycle + [cycle[0]]).joined(separator: " → ")) "
              + "(these regions are not under the root)"))
      }
      return nil
    }
    return tree
  }

  /// Every cycle of parent codes, each once, as codes from the cycle's region that comes first in
  /// the file, following parents. Called once every parent is known to be a region of the file.
  private func cycles() -> [[String]] {
    let parentOf = Dictionary(
      regions.map { ($0.code, $0.parentCode) }, uniquingKeysWith: { first, _ in first })
    let fileOrder = Dictionary(
      regions.enumerated().map { ($1.code, $0) }, uniquingKeysWith: { first, _ in first })
    var settled = Set<String>()
    var found: [[String]] = []
    for region in regions where !settled.contains(region.code) {
      var path: [String] = []
      var onPath: [String: Int] = [:]
      var current: String? = region.code
      while let code = current, !settled.contains(code) {
        if let start = onPath[code] {
          let cycle = Array(path[start...])
          let first = cycle.indices.min { fileOrder[cycle[$0]] ?? 0 < fileOrder[cycle[$1]] ?? 0 } ?? 0
          found.append(Array(cycle[first...] + cycle[..<first]))
          break
        }
        onPath[code] = path.count
        path.append(code)
        current = parentOf[code] ?? nil
      }
      settled.formUnion(path)
    }
    return found.sorted { (fileOrder[$0[0]] ?? 0) < (fileOrder[$1[0]] ?? 0) }
  }

  private func header(_ field: String) -> String {
    dictionary.datasets["regions"]?.fields[field]?.headers.first ?? field
  }
}
