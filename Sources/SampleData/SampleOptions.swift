import Tables

/// What to generate: the seed, the export month (year Y, month M) and the petition volume.
public struct SampleOptions: Hashable, Sendable {
  public static let defaultSeed: UInt64 = 42
  public static let defaultYear = 2024
  public static let defaultMonth = 10
  /// Petition items in a full year; sized so that the committed `sample-data/` stays under 3 MB.
  public static let defaultPetitionsPerYear = 8_000

  public var seed: UInt64
  /// The export year Y: data covers Y-2 and Y-1 in full and months 1…M of Y.
  public var year: Int
  /// The export month M; the export date is its last day.
  public var month: Int
  /// Petition items in a full year (year Y-1; the other years follow from growth).
  public var petitionsPerYear: Int

  public init(
    seed: UInt64 = defaultSeed, year: Int = defaultYear, month: Int = defaultMonth,
    petitionsPerYear: Int = defaultPetitionsPerYear
  ) {
    self.seed = seed
    self.year = year
    self.month = month
    self.petitionsPerYear = petitionsPerYear
  }

  /// Why these options cannot be generated, or nil when they can.
  public var problem: String? {
    if !(1902...2999).contains(year) { return "year must be in 1902…2999 (data starts in year - 2)" }
    if !(1...12).contains(month) { return "month must be in 1…12" }
    if !(0...10_000_000).contains(petitionsPerYear) { return "petitions must be in 0…10000000" }
    return nil
  }

  /// The report month Y-M.
  public var exportMonth: YearMonth { YearMonth(year: year, month: month)! }
  /// The last day of month M of year Y: no date in the data is later.
  public var exportDate: Day { exportMonth.lastDay }
  /// January of Y-2, the first month of every dataset.
  public var firstMonth: YearMonth { YearMonth(year: year - 2, month: 1)! }
  /// Every month of the region-month datasets, January of Y-2 through month M of Y.
  public var months: [YearMonth] {
    (firstMonth.ordinal...exportMonth.ordinal).map { YearMonth(ordinal: $0) }
  }
}

/// One file the generator wrote.
public struct SampleFile: Hashable, Sendable {
  /// Path relative to the output folder, `/`-separated (`信访/2024年1-10月.csv`).
  public let path: String
  public let byteCount: Int
  /// Data rows (records after the header); 0 for the README.
  public let rowCount: Int
}

/// Why sample data could not be written.
public enum SampleError: Error, CustomStringConvertible {
  case invalidOptions(String)
  case cannotWrite(path: String, reason: String)

  public var description: String {
    switch self {
    case .invalidOptions(let problem): "invalid sample options: \(problem)"
    case .cannotWrite(let path, let reason): "cannot write \(path): \(reason)"
    }
  }
}
