import Tables

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
    return computation.run()
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

  static func normalize(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      var value = scalar.value
      if (0xFF01...0xFF5E).contains(value) { value -= 0xFEE0 }
      if value == 0x3000 || Unicode.Scalar(value)!.properties.isWhitespace { continue }
      output.unicodeScalars.append(Unicode.Scalar(value)!)
    }
    return output.lowercased()
  }

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
    for target in tables.targets {
      guard let id = lookup[Computation.normalize(target.indicator)] else {
        throw EngineError(
          description: "\(target.source): unknown indicator '\(target.indicator)' in the targets "
            + "(write an indicator id such as employment.new_urban_jobs or its Chinese name such as 城镇新增就业人数)"
        )
      }
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

  // MARK: Values of one indicator

  private func months(_ first: YearMonth, _ last: YearMonth) -> [YearMonth] {
    (first.ordinal...last.ordinal).map(YearMonth.init(ordinal:))
  }

  /// The value over the months `first...last` of a flow, a net increase or a rate of flows.
  private func spanValue(
    _ definition: IndicatorDefinition, _ region: String, _ first: YearMonth, _ last: YearMonth, judgedAt: Day
  ) -> Val {
    let span = months(first, last)
    switch definition.formula {
    case .flow(let operand):
      return data.total(operand, region: region, months: span)
    case .netIncrease(let operand):
      return data.total(operand, region: region, months: [last])
        - data.total(operand, region: region, months: [first.adding(months: -1)])
    case .ratio(let numerator, let denominator, let scale, _):
      return Val.ratio(
        data.total(numerator, region: region, months: span),
        data.total(denominator, region: region, months: span),
        scale: scale)
    case .timeliness(let clock, let limit):
      let (numerator, denominator) = data.timeliness(
        clock, limit: limit, region: region, months: span, judgedAt: judgedAt)
      return Val.ratio(numerator, denominator)
    case .stock:
      preconditionFailure("a stock has no span value")
    }
  }

  /// The month-end value of a stock or a rate of stocks.
  private func levelValue(_ definition: IndicatorDefinition, _ region: String, _ month: YearMonth) -> Val {
    switch definition.formula {
    case .stock(let operand):
      return data.total(operand, region: region, months: [month])
    case .ratio(let numerator, let denominator, let scale, _):
      return Val.ratio(
        data.total(numerator, region: region, months: [month]),
        data.total(denominator, region: region, months: [month]), scale: scale)
    default:
      preconditionFailure("only stocks and rates of stocks have levels")
    }
  }

  /// Competition ranking (1, 2, 2, 4), largest first. If any value is absent no position can be
  /// established, so every rank is absent.
  private func ranks(_ values: [Val]) -> [Val] {
    if case .absent(let reason, let inputs)? = Val.mergeAbsent(values) {
      let absent = Val.absent(reason == .missingInput ? .missingInput : .notComputable, inputs)
      return values.map { _ in absent }
    }
    let numbers = values.map { $0.number! }
    return numbers.map { value in .num(Rational(1 + numbers.filter { $0 > value }.count)) }
  }

  /// A computed figure with the missing inputs behind it.
  private struct Entry {
    var figure: Figure
    var missing: Set<MissingInput>

    init(_ value: Val) {
      figure = value.figure
      missing = value.missingInputs
    }

    init(flag: Bool) {
      figure = .flag(flag)
      missing = []
    }
  }

  /// `target`, `completion_pct`, `met` and (for flows) `progress_gap_pp` against `value` (ytd for
  /// flows and rates of flows, level for stocks and rates of stocks).
  private func targetEntries(_ definition: IndicatorDefinition, region: String, value: Val) -> [Measure:
    Entry]
  {
    guard let target = targets[definition.id]?[region] else {
      let none = Entry(.absent(.noTarget, []))
      return [.target: none, .completionPct: none, .met: none, .progressGapPp: none]
    }
    let goal = Val.num(Rational(target.value))
    let completion = Val.ratio(value, goal)
    var entries: [Measure: Entry] = [
      .target: Entry(goal), .completionPct: Entry(completion),
      .progressGapPp: Entry(completion - .num(timeProgress)),
    ]
    if let number = value.number {
      let goalNumber = Rational(target.value)
      entries[.met] = Entry(flag: target.direction == .atMost ? number <= goalNumber : number >= goalNumber)
    } else {
      entries[.met] = Entry(value)
    }
    return entries
  }

  private func rows(_ definition: IndicatorDefinition) -> [[Measure: Entry]] {
    let first = period.firstMonth
    let last = period.lastMonth
    let count = period.monthCount
    let january = period.january
    var rows: [[Measure: Entry]] = []
    switch (definition.kind, definition.basis) {
    case (.flow, _):
      var ytds: [Val] = []
      for region in regions {
        var row: [Measure: Entry] = [:]
        let code = region.code
        let month = spanValue(definition, code, first, last, judgedAt: asOf)
        let monthPrev = spanValue(
          definition, code, first.adding(months: -12), last.adding(months: -12), judgedAt: previousAsOf)
        let preceding = spanValue(
          definition, code, first.adding(months: -count), last.adding(months: -count), judgedAt: asOf)
        let ytd = spanValue(definition, code, january, last, judgedAt: asOf)
        let ytdPrev = spanValue(
          definition, code, january.adding(months: -12), last.adding(months: -12), judgedAt: previousAsOf)
        row[.month] = Entry(month)
        row[.monthPrev] = Entry(monthPrev)
        row[.monthYoyPct] = Entry(Val.growthPct(month, monthPrev))
        row[.momPct] = Entry(Val.growthPct(month, preceding))
        row[.ytd] = Entry(ytd)
        row[.ytdPrev] = Entry(ytdPrev)
        row[.ytdChange] = Entry(ytd - ytdPrev)
        row[.ytdYoyPct] = Entry(Val.growthPct(ytd, ytdPrev))
        row[.timeProgressPct] = Entry(.num(timeProgress))
        row.merge(targetEntries(definition, region: code, value: ytd)) { $1 }
        ytds.append(ytd)
        rows.append(row)
      }
      addShareAndRank(&rows, ytds)
    case (.stock, _):
      var levels: [Val] = []
      for region in regions {
        var row: [Measure: Entry] = [:]
        let code = region.code
        let level = levelValue(definition, code, last)
        let levelPrev = levelValue(definition, code, last.adding(months: -12))
        let preceding = levelValue(definition, code, last.adding(months: -count))
        let yearEnd = levelValue(definition, code, period.previousYearEnd)
        row[.level] = Entry(level)
        row[.levelPrev] = Entry(levelPrev)
        row[.levelYoyPct] = Entry(Val.growthPct(level, levelPrev))
        row[.levelMomPct] = Entry(Val.growthPct(level, preceding))
        row[.prevYearEnd] = Entry(yearEnd)
        row[.increase] = Entry(level - yearEnd)
        row.merge(targetEntries(definition, region: code, value: level)) { $1 }
        levels.append(level)
        rows.append(row)
      }
      addShareAndRank(&rows, levels)
    case (.rate, .flow):
      for region in regions {
        var row: [Measure: Entry] = [:]
        let code = region.code
        let month = spanValue(definition, code, first, last, judgedAt: asOf)
        let monthPrev = spanValue(
          definition, code, first.adding(months: -12), last.adding(months: -12), judgedAt: previousAsOf)
        let ytd = spanValue(definition, code, january, last, judgedAt: asOf)
        let ytdPrev = spanValue(
          definition, code, january.adding(months: -12), last.adding(months: -12), judgedAt: previousAsOf)
        row[.month] = Entry(month)
        row[.monthPrev] = Entry(monthPrev)
        row[.monthChangePp] = Entry(month - monthPrev)
        row[.ytd] = Entry(ytd)
        row[.ytdPrev] = Entry(ytdPrev)
        row[.ytdChangePp] = Entry(ytd - ytdPrev)
        row.merge(targetEntries(definition, region: code, value: ytd)) { $1 }
        rows.append(row)
      }
    case (.rate, .stock):
      for region in regions {
        var row: [Measure: Entry] = [:]
        let code = region.code
        let level = levelValue(definition, code, last)
        let levelPrev = levelValue(definition, code, last.adding(months: -12))
        row[.level] = Entry(level)
        row[.levelPrev] = Entry(levelPrev)
        row[.levelChangePp] = Entry(level - levelPrev)
        row.merge(targetEntries(definition, region: code, value: level)) { $1 }
        rows.append(row)
      }
    }
    return rows
  }

  /// `share_pct` of every region against the report region (first), and `rank` of the children.
  private func addShareAndRank(_ rows: inout [[Measure: Entry]], _ values: [Val]) {
    for index in rows.indices { rows[index][.sharePct] = Entry(Val.ratio(values[index], values[0])) }
    let childRanks = ranks(Array(values.dropFirst()))
    for (offset, rank) in childRanks.enumerated() { rows[offset + 1][.rank] = Entry(rank) }
  }

  private func series(_ definition: IndicatorDefinition, region: String) -> (
    current: [(YearMonth, Val)], previous: [(YearMonth, Val)]
  ) {
    let last = period.lastMonth
    func point(_ month: YearMonth, judgedAt: Day) -> Val {
      switch (definition.kind, definition.basis) {
      case (.stock, _), (.rate, .stock): levelValue(definition, region, month)
      default: spanValue(definition, region, month, month, judgedAt: judgedAt)
      }
    }
    let current = (0..<13).map { last.adding(months: $0 - 12) }
    return (
      current.map { ($0, point($0, judgedAt: asOf)) },
      current.map { $0.adding(months: -12) }.map { ($0, point($0, judgedAt: previousAsOf)) }
    )
  }

  // MARK: Assembly

  func run() -> IndicatorReport {
    let footnotes = FootnoteBuilder(tree: tables.regions)
    var results: [IndicatorResult] = []
    var resultIndex: [String: [String: Int]] = [:]
    var seriesIndex: [String: [String: IndicatorSeries]] = [:]
    var pendingSeries: [(String, String, [(YearMonth, Val)], [(YearMonth, Val)])] = []
    for definition in definitions {
      let mode = targetModes[definition.id] ?? .atLeast
      for (region, row) in zip(regions, rows(definition)) {
        let isReport = region.code == reportRegion.code
        let figures = definition.measures(targetMode: mode, isReportRegion: isReport).map { measure in
          let entry = row[measure] ?? Entry(.absent(.notComputable, []))
          return MeasureFigure(
            measure: measure, figure: entry.figure, footnotes: footnotes.numbers(for: entry.missing))
        }
        resultIndex[definition.id, default: [:]][region.code] = results.count
        results.append(
          IndicatorResult(indicator: definition, region: region, isReportRegion: isReport, figures: figures))
        let (current, previous) = series(definition, region: region.code)
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
