/// One region of the administrative tree (city, district, county).
public struct Region: Hashable, Sendable {
  /// Administrative division code, usually 6 digits (GB/T 2260).
  public let code: String
  public let name: String
  /// Code of the parent region; nil for the root.
  public let parentCode: String?
  /// Other names by which data files refer to this region.
  public let aliases: [String]
  /// Resident population, needed for per-10,000 rates.
  public let population: Int64?
  /// Display order among siblings; nil sorts after ordered siblings, by code.
  public let order: Int?

  public init(
    code: String, name: String, parentCode: String?, aliases: [String] = [],
    population: Int64? = nil, order: Int? = nil
  ) {
    self.code = code
    self.name = name
    self.parentCode = parentCode
    self.aliases = aliases
    self.population = population
    self.order = order
  }
}

/// The validated region tree: exactly one root, every parent known, no cycles.
/// Regions are kept in display order (depth first, siblings by `order`, then by code).
public struct RegionTree: Sendable {
  /// All regions in display order, the root first.
  public let regions: [Region]
  private let indexByCode: [String: Int]
  private let childCodes: [String: [String]]

  /// Builds the tree; returns nil if the regions do not form a single rooted tree
  /// (the loader reports the reason with file and line before calling this).
  public init?(regions unordered: [Region]) {
    let roots = unordered.filter { $0.parentCode == nil }
    guard roots.count == 1 else { return nil }
    var children: [String: [Region]] = [:]
    for region in unordered {
      if let parent = region.parentCode { children[parent, default: []].append(region) }
    }
    func displayOrder(_ a: Region, _ b: Region) -> Bool {
      switch (a.order, b.order) {
      case (let x?, let y?) where x != y: return x < y
      case (.some, nil): return true
      case (nil, .some): return false
      default: return a.code.utf8.lexicographicallyPrecedes(b.code.utf8)
      }
    }
    var ordered: [Region] = []
    var childCodes: [String: [String]] = [:]
    var visited = Set<String>()
    func visit(_ region: Region) {
      guard visited.insert(region.code).inserted else { return }
      ordered.append(region)
      let kids = (children[region.code] ?? []).sorted(by: displayOrder)
      childCodes[region.code] = kids.map(\.code)
      kids.forEach(visit)
    }
    visit(roots[0])
    guard ordered.count == unordered.count else { return nil }
    self.regions = ordered
    self.childCodes = childCodes
    self.indexByCode = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1.code, $0) })
  }

  public var root: Region { regions[0] }

  public func region(code: String) -> Region? {
    indexByCode[code].map { regions[$0] }
  }

  /// The region a user names on the command line: by code, name or alias (exact, trimmed).
  public func region(named text: String) -> Region? {
    let name = String(text.drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    return region(code: name) ?? regions.first { $0.name == name || $0.aliases.contains(name) }
  }

  /// Direct children in display order.
  public func children(of code: String) -> [Region] {
    (childCodes[code] ?? []).compactMap { region(code: $0) }
  }

  public func isLeaf(_ code: String) -> Bool { childCodes[code]?.isEmpty ?? true }

  /// The leaf regions at or under `code`, in display order.
  public func leaves(under code: String) -> [String] {
    guard indexByCode[code] != nil else { return [] }
    if isLeaf(code) { return [code] }
    return (childCodes[code] ?? []).flatMap { leaves(under: $0) }
  }

  /// Population of `code`: its own figure, or else the sum of its children's when all have one.
  public func population(of code: String) -> Int64? {
    if let own = region(code: code)?.population { return own }
    let kids = childCodes[code] ?? []
    guard !kids.isEmpty else { return nil }
    var total: Int64 = 0
    for kid in kids {
      guard let value = population(of: kid) else { return nil }
      // Populations are at most 14 digits each (the loader's limit): only tens of thousands of
      // regions could overflow, and then the sum is absent rather than a trap.
      let (sum, overflow) = total.addingReportingOverflow(value)
      guard !overflow else { return nil }
      total = sum
    }
    return total
  }
}
