import Tables
import TextRules

/// One validated petition item, compact so that memory grows with distinct ids, not file size.
struct PetitionItem: Sendable {
  var region: Int32
  var received: Int32
  var accepted: Int32
  var closed: Int32
  var persons: Int32
  var category: Int32
  var channel: UInt8
  var level: UInt8
  var satisfaction: UInt8
  var isRepeat: Bool

  static let noDate = PetitionTimelines.Entry.noDate
  static let channels = PetitionChannel.allCases
  static let levels = PetitionLevel.allCases
  static let satisfactions = Satisfaction.allCases
  static let localLevel = levels.firstIndex { $0.rawValue == "local" }!
  static let notEvaluated = satisfactions.firstIndex { $0.rawValue == "not_evaluated" }!
}

/// What a petition file's columns are and how its coded values read: everything a worker
/// thread needs to parse a block, shared read-only.
struct PetitionCodes: Sendable {
  let dictionary: HeaderDictionary
  let regions: RegionNames
  /// Index of each leaf code in `leafCodes`.
  let leafIndex: [String: Int32]
  let leafCodes: [String]

  init(dictionary: HeaderDictionary, regions: RegionNames) {
    self.dictionary = dictionary
    self.regions = regions
    leafCodes = regions.tree.regions.map(\.code).filter(regions.tree.isLeaf)
    leafIndex = Dictionary(uniqueKeysWithValues: leafCodes.enumerated().map { ($1, Int32($0)) })
  }

  /// The dictionary's id for a coded cell as `RowReader.coded` finds it: "" for a blank cell,
  /// nil for an unknown value.
  func codedOrEmpty(_ text: String, _ enumeration: String) -> String? {
    TextNormalization.trimmed(text).isEmpty ? "" : dictionary.canonical(enumeration, text)
  }

  /// The case index of a coded cell; -1 when blank or unknown (the general path decides).
  func coded(_ text: String, _ enumeration: String) -> Int {
    guard let id = codedOrEmpty(text, enumeration), !id.isEmpty else { return -1 }
    switch enumeration {
    case "channel": return PetitionItem.channels.firstIndex { $0.rawValue == id } ?? -1
    case "level": return PetitionItem.levels.firstIndex { $0.rawValue == id } ?? -1
    default: return PetitionItem.satisfactions.firstIndex { $0.rawValue == id } ?? -1
    }
  }
}

/// Where the petition fields lie in one file's columns.
struct PetitionColumns: Sendable {
  /// A petition field, in the order of the data contract's table (§5); each case is named as the
  /// header dictionary's field.
  enum Role: Int, CaseIterable, Sendable {
    case id, received, channel, region, category, persons, level, `repeat`, accepted, closed, satisfaction
  }

  /// The column of each role (by `rawValue`); -1 when the file has no such column.
  private(set) var columnOf = [Int](repeating: -1, count: Role.allCases.count)
  /// Columns that map to no petition field.
  private(set) var unmapped: [Int] = []
  /// Number of columns the header names.
  private(set) var width = 0
  /// True when the header names exactly the contract's fields in the contract's order, so
  /// that a record's cells can be read as they are found.
  private(set) var isContractOrder = false

  init(_ mapping: ColumnMapping) {
    for role in Role.allCases { columnOf[role.rawValue] = mapping.column("\(role)")?.index ?? -1 }
    width = mapping.width
    unmapped = (0..<width).filter { !columnOf.contains($0) }
    isContractOrder = columnOf == Array(0..<Role.allCases.count) && width == Role.allCases.count
  }

  @inline(__always)
  func column(_ role: Role) -> Int { columnOf[role.rawValue] }
}
