import Foundation
import Tables
import TextRules

/// A report cannot be computed: unknown region, an as-of date before the period, or a target
/// naming an indicator the catalogue does not know.
public struct EngineError: Error, CustomStringConvertible, Sendable {
  public let description: String
}

/// The indicator engine: turns validated, aggregated tables into every indicator of the
/// catalogue for one period and one report region (spec `indicators.md`).
///
/// Values roll up the region tree from leaves; a total with any absent component is absent and
/// footnoted; growth on a zero or absent base is absent; petition counts with no items are 0;
/// insurance schemes are never summed. All arithmetic is exact (`Rational`); rounding happens
/// only in `IndicatorFormat`.
public struct Engine: Sendable {
  public let catalogue: IndicatorCatalogue
  public let tables: DataTables
  /// Threads that evaluate the indicators (nil: one per core, at most two). The report is the
  /// same for any number.
  var evaluationThreads: Int?

  /// An engine over validated tables with a loaded catalogue; `compute` may be called for any
  /// number of periods and regions.
  public init(catalogue: IndicatorCatalogue, tables: DataTables) {
    self.catalogue = catalogue
    self.tables = tables
  }

  /// Computes every indicator for `period` for `region` (a region code or exact name; default:
  /// the root) and its direct children. `asOf` is the date timeliness is judged at (default: the
  /// period's last day; it may not be before the period begins).
  ///
  /// Throws `EngineError` for an unknown region, an as-of date before the period, or a target
  /// whose indicator is neither an id nor a name the catalogue knows.
  public func compute(period: ReportPeriod, region: String? = nil, asOf: Day? = nil) throws -> IndicatorReport
  {
    let reportRegion: Region
    if let region {
      guard let found = tables.regions.region(named: region)
      else { throw EngineError(description: "unknown report region '\(region)'") }
      reportRegion = found
    } else {
      reportRegion = tables.regions.root
    }
    let asOf = asOf ?? period.lastDay
    guard asOf >= period.firstMonth.firstDay else {
      throw EngineError(description: "the as-of date \(asOf) is before the period \(period) begins")
    }
    let computation = try Computation(
      catalogue: catalogue, tables: tables, period: period, region: reportRegion, asOf: asOf)
    return computation.run(threads: evaluationThreads ?? Computation.defaultThreads)
  }
}

extension Engine {
  /// The targets whose indicator is neither an id nor a name the catalogue knows, in the tables'
  /// order: what `compute` refuses, for `check` to report each at its row.
  public static func unknownTargets(catalogue: IndicatorCatalogue, tables: DataTables) throws -> [Target] {
    guard !tables.targets.isEmpty else { return [] }
    var known = Set<String>()
    let categories = tables.petitions?.categories ?? []
    for definition in try catalogue.definitions(schemes: Scheme.allCases, categories: categories) {
      for key in [definition.id, definition.name, definition.shortName] {
        known.insert(TextNormalization.key(key))
      }
    }
    return tables.targets.filter { !known.contains(TextNormalization.key($0.indicator)) }
  }

  /// What is wrong with a target of an unknown indicator (without its location).
  public static func unknownTargetMessage(_ target: Target) -> String {
    "unknown indicator '\(target.indicator)' in the targets (write an indicator id such as "
      + "employment.new_urban_jobs or its Chinese name such as 城镇新增就业人数)"
  }
}

/// The state of one `compute` call.
private final class Computation {
  let catalogue: IndicatorCatalogue
  let tables: DataTables
  let period: ReportPeriod
  let reportRegion: Region
  let regions: [Region]
  let asOf: Day
  let previousAsOf: Day
  let data: DataAccess
  let timeProgress: Rational
  var definitions: [IndicatorDefinition] = []
  var targets: [String: [String: Target]] = [:]
  var targetModes: [String: TargetMode] = [:]
  var warnings: [String] = []

  init(catalogue: IndicatorCatalogue, tables: DataTables, period: ReportPeriod, region: Region, asOf: Day)
    throws
  {
    self.catalogue = catalogue
    self.tables = tables
    self.period = period
    self.reportRegion = region
    self.regions = [region] + tables.regions.children(of: region.code)
    self.asOf = asOf
    self.previousAsOf = asOf.sameDateLastYear
    self.data = DataAccess(tables: tables)
    switch catalogue.settings.timeProgress {
    case .months:
      timeProgress = Rational(period.lastMonth.month) / Rational(12) * .hundred
    case .days:
      let elapsed = period.lastDay.number - period.january.firstDay.number + 1
      timeProgress = Rational(elapsed) / Rational(Day.isLeap(period.year) ? 366 : 365) * .hundred
    }
    try selectIndicators()
    try resolveTargets()
  }

  // MARK: Which indicators

  private func selectIndicators() throws {
    var available = Set<Dataset>()
    if tables.petitions != nil { available.insert(.petitions) }
    if tables.employment != nil { available.insert(.employment) }
    if tables.insurance != nil { available.insert(.insurance) }
    let categories = data.categories(
      under: reportRegion.code, from: period.january.adding(months: -12), to: period.lastMonth)
    var seen = Set<String>()
    for definition in try catalogue.definitions(schemes: data.schemesPresent, categories: categories)
    where definition.datasets.isSubset(of: available) {
      guard seen.insert(definition.id).inserted else {
        warnings.append(
          "indicator id '\(definition.id)' occurs twice; the second (catalogue line \(definition.line)) is left out"
        )
        continue
      }
      definitions.append(definition)
    }
  }

  // MARK: Targets

  static func normalize(_ text: String) -> String { TextNormalization.key(text) }

  private func resolveTargets() throws {
    guard !tables.targets.isEmpty else {
      for definition in definitions {
        targetModes[definition.id] = definition.kind == .rate ? TargetMode.none : .atLeast
      }
      return
    }
    var lookup: [String: String] = [:]
    func register(_ definition: IndicatorDefinition) {
      for key in [definition.id, definition.name, definition.shortName] {
        let normalized = Computation.normalize(key)
        if lookup[normalized] == nil { lookup[normalized] = definition.id }
      }
    }
    definitions.forEach(register)
    let reportIds = Set(definitions.map(\.id))
    // Indicators the catalogue knows but this report does not show (a scheme not in the data).
    let allCategories = tables.petitions?.categories ?? []
    try catalogue.definitions(schemes: Scheme.allCases, categories: allCategories).forEach(register)
    let codes = Set(regions.map(\.code))
    let unknown = tables.targets.filter { lookup[Computation.normalize($0.indicator)] == nil }
    if !unknown.isEmpty {
      throw EngineError(
        description: unknown.map { "\($0.source): \(Engine.unknownTargetMessage($0))" }.joined(
          separator: "\n"))
    }
    for target in tables.targets {
      guard let id = lookup[Computation.normalize(target.indicator)] else { continue }
      guard target.year == period.year, codes.contains(target.regionCode) else { continue }
      guard reportIds.contains(id) else {
        warnings.append(
          "\(target.source): target for '\(target.indicator)' ignored: the indicator is not in this report's data"
        )
        continue
      }
      if let earlier = targets[id]?[target.regionCode] {
        warnings.append(
          "\(target.source): target for '\(target.indicator)' in region \(target.regionCode) replaces the one at \(earlier.source)"
        )
      }
      targets[id, default: [:]][target.regionCode] = target
    }
    for definition in definitions {
      let stated = targets[definition.id]?.values.map(\.direction) ?? []
      if stated.contains(.atMost) {
        targetModes[definition.id] = .atMost
      } else if definition.kind == .rate && stated.isEmpty {
        targetModes[definition.id] = TargetMode.none
      } else {
        targetModes[definition.id] = .atLeast
      }
    }
  }

  // MARK: Assembly

  /// Threads that evaluate indicators unless told: one per core, at most two.
  static var defaultThreads: Int { max(1, min(2, ProcessInfo.processInfo.activeProcessorCount)) }

  /// The period's last month when the data has petition exports but not one item received in
  /// that month: every petition figure of the month is then 0 for want of data, not of
  /// petitions, and carries a footnote saying so (never a silent 同比下降100.0%).
  private func monthWithoutPetitions() -> YearMonth? {
    guard let petitions = tables.petitions else { return nil }
    let month = period.lastMonth
    let ordinal = Int32(month.ordinal)
    return petitions.counts.entries.contains { $0.month == ordinal && $0.count > 0 } ? nil : month
  }

  /// Evaluates every indicator (on `threads` threads), then numbers the footnotes and assembles
  /// the report in catalogue order.
  func run(threads: Int) -> IndicatorReport {
    let footnotes = FootnoteBuilder(tree: tables.regions)
    var results: [IndicatorResult] = []
    var resultIndex: [String: [String: Int]] = [:]
    var seriesIndex: [String: [String: IndicatorSeries]] = [:]
    var pendingSeries: [(String, String, [(YearMonth, Val)], [(YearMonth, Val)])] = []
    let scope = IndicatorEvaluator.Scope(
      period: period, regions: regions, asOf: asOf, previousAsOf: previousAsOf, timeProgress: timeProgress,
      targets: targets)
    let evaluations = IndicatorEvaluator.evaluate(
      definitions, scope: scope, data: data.seed, workers: threads)
    let silentMonth = monthWithoutPetitions()
    for (definition, evaluation) in zip(definitions, evaluations) {
      let mode = targetModes[definition.id] ?? .atLeast
      let monthNote =
        silentMonth.map {
          definition.datasets.contains(.petitions) ? [footnotes.number(forNoPetitionsIn: $0)] : []
        }
        ?? []
      for (index, region) in regions.enumerated() {
        let row = evaluation.rows[index]
        let isReport = region.code == reportRegion.code
        let figures = definition.measures(targetMode: mode, isReportRegion: isReport).map { measure in
          let entry = row[measure] ?? IndicatorEvaluator.Entry(.absent(.notComputable, []))
          return MeasureFigure(
            measure: measure, figure: entry.figure,
            footnotes: (footnotes.numbers(for: entry.missing) + monthNote).sorted())
        }
        resultIndex[definition.id, default: [:]][region.code] = results.count
        results.append(
          IndicatorResult(indicator: definition, region: region, isReportRegion: isReport, figures: figures))
        let (current, previous) = evaluation.series[index]
        pendingSeries.append((definition.id, region.code, current, previous))
      }
    }
    // Series are numbered after the tables so that table footnotes come first.
    for (id, code, current, previous) in pendingSeries {
      func points(_ values: [(YearMonth, Val)]) -> [SeriesPoint] {
        values.map {
          SeriesPoint(
            month: $0.0, figure: $0.1.figure,
            footnotes: footnotes.numbers(for: $0.1.missingInputs, forSeries: true))
        }
      }
      seriesIndex[id, default: [:]][code] = IndicatorSeries(
        indicatorId: id, regionCode: code, current: points(current), previousYear: points(previous))
    }
    return IndicatorReport(
      period: period, asOf: asOf, previousAsOf: previousAsOf, region: reportRegion, regions: regions,
      indicators: definitions, results: results, footnotes: footnotes.footnotes(),
      settings: catalogue.settings,
      timeProgressPct: timeProgress, targetModes: targetModes, warnings: warnings, resultIndex: resultIndex,
      seriesIndex: seriesIndex)
  }
}
