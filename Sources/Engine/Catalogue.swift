import Foundation
import Tables
import YAMLFiles
import Yams

/// How 序时进度 (time progress) is computed.
public enum TimeProgressRule: String, Sendable, Hashable {
  /// M / 12 × 100.
  case months
  /// Days from 1 January to the end of the span's last month / days in the year × 100.
  case days
}

/// The template settings of the catalogue (`settings:` in `indicators.yaml`). Every setting,
/// the typed ones and any an office adds, can be referenced in filters as `{name}`.
public struct CatalogueSettings: Sendable {
  /// 集体访 from this many persons.
  public var groupVisitThreshold = 5
  /// 受理 within this many calendar days.
  public var acceptanceDays = 15
  /// 办结 within this many calendar days.
  public var closureDays = 60
  /// Categories shown by the bulletin before 其他.
  public var topCategories = 8
  /// How 序时进度 is computed (`time_progress`).
  public var timeProgress = TimeProgressRule.months
  /// Completion within ± this many points of time progress is 基本一致.
  public var progressBandPp = Rational(1)
  /// Default decimals of percentages.
  public var percentDecimals = 1
  /// Default decimals of percentage points.
  public var pointsDecimals = 1
  /// Default decimals of money (万元).
  public var moneyDecimals = 2
  /// Every setting as written, for `{name}` substitution.
  public internal(set) var values: [String: String] = [:]

  /// The defaults of spec §4 (5 persons, 15 and 60 days, top 8, M/12, ±1 pp).
  public init() {}
}

/// An invalid catalogue: the file, the line and what is wrong.
public struct CatalogueError: Error, CustomStringConvertible, Sendable {
  public let file: String
  /// 1-based line, when known.
  public let line: Int?
  public let message: String

  /// `indicators.yaml:23: indicator 'petitions.x': unknown key 'wher' …`.
  public var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// A YAML node reduced to what the catalogue needs, with line numbers (Sendable, unlike Yams').
indirect enum RawNode: Sendable {
  case scalar(String, line: Int)
  case sequence([RawNode], line: Int)
  case mapping([(key: String, value: RawNode)], line: Int)

  var line: Int {
    switch self {
    case .scalar(_, let line), .sequence(_, let line), .mapping(_, let line): line
    }
  }
}

/// One top-level item of `indicators:`: an indicator, or a block expanded per scheme or category.
enum CatalogueItem: Sendable {
  case single(RawNode)
  case eachScheme([RawNode])
  case eachCategory([RawNode])
}

/// The indicator catalogue: every indicator's id, name, unit, decimals, kind and formula, plus the
/// template settings, as data (`templates/indicators.yaml`), so that an office adds an indicator
/// (say `category == 劳动和社会保障` or `persons >= 10`) without touching Swift.
///
/// Entries inside `each_scheme:` are expanded for every scheme present in the data, scheme by
/// scheme in the data contract's order; entries inside `each_category:` for every category that
/// occurs from January of Y-1 to month M of Y, in code-point order. The catalogue is fully
/// validated when loaded.
public struct IndicatorCatalogue: Sendable {
  public let settings: CatalogueSettings
  /// The file name used in error messages.
  public let file: String
  let items: [CatalogueItem]

  /// Reads and validates the catalogue at `url`.
  public static func load(from url: URL) throws -> IndicatorCatalogue {
    let yaml: YAMLFile
    do {
      yaml = try YAMLFile.read(url, file: url.path)
    } catch {
      let message =
        error.kind == .notUTF8
        ? "the catalogue is not valid UTF-8" : "cannot read the catalogue: \(error.message)"
      throw CatalogueError(file: url.path, line: nil, message: message)
    }
    return try parse(yaml.text, file: url.lastPathComponent)
  }

  /// Parses and validates catalogue YAML; `file` names it in error messages.
  public static func parse(_ yaml: String, file: String = "indicators.yaml") throws -> IndicatorCatalogue {
    let root: Node?
    do {
      root = try YAMLFile(text: yaml, file: file).root()
    } catch {
      let message = error.kind == .syntax ? "not valid YAML: \(error.message)" : error.message
      throw CatalogueError(file: file, line: error.line, message: message)
    }
    guard let root else { throw CatalogueError(file: file, line: 1, message: "the catalogue is empty") }
    let raw = try RawNode(root, file: file)
    let parser = CatalogueParser(file: file)
    guard case .mapping(let top, _) = raw else {
      throw parser.error(raw.line, "the catalogue must be a mapping with 'settings' and 'indicators'")
    }
    try parser.checkKeys(top, allowed: ["settings", "indicators"], line: raw.line, context: "the catalogue")
    let settings = try parser.settings(top.first { $0.key == "settings" }?.value)
    guard let list = top.first(where: { $0.key == "indicators" })?.value else {
      throw parser.error(raw.line, "missing key 'indicators'")
    }
    guard case .sequence(let entries, _) = list else {
      throw parser.error(list.line, "'indicators' must be a list")
    }
    var items: [CatalogueItem] = []
    for entry in entries {
      if case .mapping(let pairs, let line) = entry, pairs.count == 1,
        pairs[0].key == "each_scheme" || pairs[0].key == "each_category"
      {
        guard case .sequence(let inner, _) = pairs[0].value, !inner.isEmpty else {
          throw parser.error(line, "'\(pairs[0].key)' must be a non-empty list of indicators")
        }
        items.append(pairs[0].key == "each_scheme" ? .eachScheme(inner) : .eachCategory(inner))
      } else {
        items.append(.single(entry))
      }
    }
    let catalogue = IndicatorCatalogue(settings: settings, file: file, items: items)
    // Validate every entry by expanding it for every scheme and a sample category.
    let all = try catalogue.expand(schemes: Scheme.allCases, categories: ["示例类别"])
    var seen: [String: Int] = [:]
    for definition in all {
      if let first = seen[definition.id] {
        throw parser.error(
          definition.line, "duplicate indicator id '\(definition.id)' (first at line \(first))")
      }
      seen[definition.id] = definition.line
    }
    return catalogue
  }

  /// The catalogue's indicators for the given schemes and categories, in catalogue order.
  /// (The catalogue was validated when loaded, so this only fails on a catalogue built by hand.)
  public func definitions(schemes: [Scheme], categories: [String]) throws -> [IndicatorDefinition] {
    try expand(schemes: schemes, categories: categories)
  }

  private func expand(schemes: [Scheme], categories: [String]) throws -> [IndicatorDefinition] {
    let parser = CatalogueParser(file: file)
    var result: [IndicatorDefinition] = []
    for item in items {
      switch item {
      case .single(let node):
        result.append(try parser.definition(node, settings: settings, expansion: .none))
      case .eachScheme(let nodes):
        for scheme in Scheme.allCases where schemes.contains(scheme) {
          for node in nodes {
            result.append(try parser.definition(node, settings: settings, expansion: .scheme(scheme)))
          }
        }
      case .eachCategory(let nodes):
        for category in categories.sorted(by: codePointOrder) {
          for node in nodes {
            result.append(try parser.definition(node, settings: settings, expansion: .category(category)))
          }
        }
      }
    }
    return result
  }

  /// The ids as written (templates unexpanded), for listing.
  public var templateIds: [String] {
    items.flatMap { item -> [String] in
      let nodes: [RawNode]
      switch item {
      case .single(let node): nodes = [node]
      case .eachScheme(let list), .eachCategory(let list): nodes = list
      }
      return nodes.compactMap { node in
        guard case .mapping(let pairs, _) = node,
          case .scalar(let id, _)? = pairs.first(where: { $0.key == "id" })?.value
        else { return nil }
        return id
      }
    }
  }
}

/// Orders strings by their Unicode code points (not by locale or canonical equivalence).
func codePointOrder(_ a: String, _ b: String) -> Bool {
  a.unicodeScalars.lexicographicallyPrecedes(b.unicodeScalars)
}

extension RawNode {
  init(_ node: Node, file: String) throws {
    let line = node.mark?.line ?? 0
    switch node {
    case .scalar(let scalar):
      self = .scalar(scalar.string, line: line)
    case .sequence(let sequence):
      self = .sequence(try sequence.map { try RawNode($0, file: file) }, line: line)
    case .mapping(let mapping):
      var pairs: [(key: String, value: RawNode)] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else {
          throw CatalogueError(file: file, line: key.mark?.line, message: "mapping keys must be plain names")
        }
        if pairs.contains(where: { $0.key == keyScalar.string }) {
          throw CatalogueError(
            file: file, line: key.mark?.line, message: "duplicate key '\(keyScalar.string)'")
        }
        pairs.append((keyScalar.string, try RawNode(value, file: file)))
      }
      self = .mapping(pairs, line: line)
    case .alias:
      throw CatalogueError(file: file, line: line, message: "YAML aliases are not supported in the catalogue")
    }
  }
}
