import Foundation
import Testing

@testable import Engine
@testable import Tables

/// Builders for small `DataTables` fixtures: a city (全市) with three children, one of which
/// (南县) has two leaves, so that totals roll up more than one level.
enum Fixture {
  static let root = "100000"
  static let east = "100100"
  static let west = "100200"
  static let south = "100300"
  static let southA = "100301"
  static let southB = "100302"
  static let leaves = [east, west, southA, southB]

  static let tree = RegionTree(regions: [
    Region(code: root, name: "全市", parentCode: nil, population: 1_000_000),
    Region(code: east, name: "东区", parentCode: root, population: 400_000, order: 1),
    Region(code: west, name: "西区", parentCode: root, population: 350_000, order: 2),
    Region(code: south, name: "南县", parentCode: root, order: 3),
    Region(code: southA, name: "南县甲镇", parentCode: south, population: 150_000),
    Region(code: southB, name: "南县乙镇", parentCode: south, population: 100_000),
  ])!

  /// The real catalogue, `templates/indicators.yaml`, found relative to this file.
  static let catalogueURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(
      "templates/indicators.yaml")

  static let catalogue: IndicatorCatalogue = try! IndicatorCatalogue.load(from: catalogueURL)

  static func month(_ text: String) -> YearMonth {
    let parts = text.split(separator: "-").map { Int($0)! }
    return YearMonth(year: parts[0], month: parts[1])!
  }

  static func day(_ text: String) -> Day {
    let parts = text.split(separator: "-").map { Int($0)! }
    return Day(year: parts[0], month: parts[1], day: parts[2])!
  }

  static func fp(_ text: String) -> FixedPoint {
    let value = Rational(decimal: text)!
    return FixedPoint(scaled: Int64(value.numerator * 10_000 / value.denominator))
  }

  static func target(
    _ indicator: String, _ region: String, _ value: String, year: Int, _ direction: TargetDirection = .atLeast
  ) -> Target {
    Target(
      year: year, regionCode: region, indicator: indicator, value: fp(value), direction: direction,
      source: Tables.SourceLocation(file: "targets.csv", line: 2))
  }

  static func compute(
    _ tables: DataTables, _ period: String, region: String? = nil, asOf: Day? = nil,
    catalogue: IndicatorCatalogue = Fixture.catalogue
  ) throws -> IndicatorReport {
    try Engine(catalogue: catalogue, tables: tables).compute(
      period: ReportPeriod.parse(period), region: region, asOf: asOf)
  }
}

/// Builds a region-month table cell by cell.
struct RegionMonthBuilder<Field: Hashable & Sendable> {
  var table = RegionMonthTable<Field>()

  mutating func set(_ region: String, _ month: String, _ field: Field, _ value: String, scheme: Scheme? = nil)
  {
    let key = RegionMonthKey(regionCode: region, month: Fixture.month(month), scheme: scheme)
    table.rows[key, default: [:]][field] = Fixture.fp(value)
  }

  /// Sets a series of months starting at `first`.
  mutating func series(
    _ region: String, from first: String, _ field: Field, _ values: [String], scheme: Scheme? = nil
  ) {
    let start = Fixture.month(first)
    for (offset, value) in values.enumerated() {
      set(region, start.adding(months: offset).description, field, value, scheme: scheme)
    }
  }

  /// A row that exists without this field (an empty cell).
  mutating func touch(_ region: String, _ month: String, scheme: Scheme? = nil) {
    let key = RegionMonthKey(regionCode: region, month: Fixture.month(month), scheme: scheme)
    table.rows[key, default: [:]] = table.rows[key] ?? [:]
  }

  mutating func allowMissing(_ region: String, _ month: String, scheme: Scheme? = nil) {
    let key = RegionMonthKey(regionCode: region, month: Fixture.month(month), scheme: scheme)
    table.rows[key] = nil
    table.missing.insert(key)
  }
}

/// Builds the petition cube item by item, as the loader aggregates it: items with the same
/// cell are counted in one entry.
struct PetitionBuilder {
  private var categories: [String] = []
  private var cells: [PetitionCell: Int] = [:]
  private var timelines = PetitionTimelines()

  var table: PetitionTable {
    var counts = PetitionCounts()
    for (cell, count) in cells { counts.add(cell, count: count) }
    return PetitionTable(categories: categories, counts: counts, timelines: timelines)
  }

  mutating func add(
    _ region: String, received: String, channel: PetitionChannel = .letter, level: PetitionLevel = .local,
    repeat isRepeat: Bool = false, persons: Int = 1, category: String = "劳动和社会保障",
    satisfaction: Satisfaction = .notEvaluated, accepted: String? = nil, closed: String? = nil, count: Int = 1
  ) {
    let receivedDay = Fixture.day(received)
    let index: Int
    if let existing = categories.firstIndex(of: category) {
      index = existing
    } else {
      categories.append(category)
      index = categories.count - 1
    }
    let cell = PetitionCell(
      regionCode: region, month: receivedDay.yearMonth, channel: channel, level: level, isRepeat: isRepeat,
      persons: persons, category: index, satisfaction: satisfaction)
    cells[cell, default: 0] += count
    let timeline = PetitionTimeline(
      regionCode: region, received: receivedDay, accepted: accepted.map(Fixture.day),
      closed: closed.map(Fixture.day))
    timelines.add(timeline, count: count)
  }
}

/// Reads figures by id, region and measure, failing the test when a row or measure is missing.
struct Reader {
  let report: IndicatorReport

  func figure(
    _ id: String, _ region: String, _ measure: Measure,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  )
    -> Figure
  {
    guard let figure = report.figure(id, region: region, measure: measure) else {
      Issue.record("no figure \(id) \(region) \(measure.rawValue)", sourceLocation: sourceLocation)
      return .absent(.notComputable)
    }
    return figure
  }

  func value(
    _ id: String, _ region: String, _ measure: Measure,
    sourceLocation: Testing.SourceLocation = #_sourceLocation
  )
    -> Rational?
  {
    figure(id, region, measure, sourceLocation: sourceLocation).number
  }
}

/// `a/b` as a Rational, for readable expectations.
func q(_ numerator: Int, _ denominator: Int = 1) -> Rational {
  Rational(Int128(numerator), Int128(denominator))
}

/// The text of the first footnote among `numbers`; records an issue (instead of crashing) when
/// there is none.
func noteText(
  _ report: IndicatorReport, _ numbers: [Int], sourceLocation: Testing.SourceLocation = #_sourceLocation
) -> String {
  guard let first = numbers.first, report.footnotes.indices.contains(first - 1) else {
    Issue.record("no footnote", sourceLocation: sourceLocation)
    return ""
  }
  return report.footnotes[first - 1].text
}
