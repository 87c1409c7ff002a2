import Concurrency
import Tables

/// Evaluates one indicator at a time: its measures for every region of the report and its
/// 13-month series. Each thread evaluates with an evaluator of its own, because `DataAccess`
/// memoises what it reads; everything else an evaluator holds is read-only.
final class IndicatorEvaluator {
  /// What every evaluator of one `compute` call reads.
  struct Scope: Sendable {
    let period: ReportPeriod
    /// The report region first, then its children.
    let regions: [Region]
    let asOf: Day
    let previousAsOf: Day
    let timeProgress: Rational
    /// By indicator id, then region code.
    let targets: [String: [String: Target]]
  }

  /// One indicator evaluated: per region (in `Scope.regions` order) its row of measures and its
  /// monthly series for the last 13 months and the same months a year earlier.
  struct Evaluation: Sendable {
    let rows: [[Measure: Entry]]
    let series: [(current: [(YearMonth, Val)], previous: [(YearMonth, Val)])]
  }

  private let period: ReportPeriod
  private let regions: [Region]
  private let asOf: Day
  private let previousAsOf: Day
  private let timeProgress: Rational
  private let targets: [String: [String: Target]]
  private let data: DataAccess

  init(scope: Scope, data: DataAccess) {
    period = scope.period
    regions = scope.regions
    asOf = scope.asOf
    previousAsOf = scope.previousAsOf
    timeProgress = scope.timeProgress
    targets = scope.targets
    self.data = data
  }

  /// Every indicator of `definitions`, on up to `workers` threads, in the order given.
  static func evaluate(
    _ definitions: [IndicatorDefinition], scope: Scope, data: DataAccess.Seed, workers: Int
  ) -> [Evaluation] {
    concurrentMap(
      count: definitions.count, workers: workers,
      makeWorker: { IndicatorEvaluator(scope: scope, data: DataAccess(seed: data)) }
    ) { evaluator, index in
      evaluator.evaluate(definitions[index])
    }
  }

  /// One indicator's rows and series, for every region of the report.
  func evaluate(_ definition: IndicatorDefinition) -> Evaluation {
    Evaluation(rows: rows(definition), series: regions.map { series(definition, region: $0.code) })
  }

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
  struct Entry: Sendable {
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

  /// A flow's (or a rate of flows') value over the period, 1–M months, and both a year earlier
  /// (judged at the same date a year earlier).
  private func spans(_ definition: IndicatorDefinition, _ region: String) -> (
    month: Val, monthPrev: Val, ytd: Val, ytdPrev: Val
  ) {
    let (first, last, january) = (period.firstMonth, period.lastMonth, period.january)
    let yearEarlier = (first.adding(months: -12), last.adding(months: -12), january.adding(months: -12))
    return (
      spanValue(definition, region, first, last, judgedAt: asOf),
      spanValue(definition, region, yearEarlier.0, yearEarlier.1, judgedAt: previousAsOf),
      spanValue(definition, region, january, last, judgedAt: asOf),
      spanValue(definition, region, yearEarlier.2, yearEarlier.1, judgedAt: previousAsOf)
    )
  }

  private func rows(_ definition: IndicatorDefinition) -> [[Measure: Entry]] {
    let first = period.firstMonth
    let last = period.lastMonth
    let count = period.monthCount
    var rows: [[Measure: Entry]] = []
    switch (definition.kind, definition.basis) {
    case (.flow, _):
      var ytds: [Val] = []
      for region in regions {
        var row: [Measure: Entry] = [:]
        let code = region.code
        let (month, monthPrev, ytd, ytdPrev) = spans(definition, code)
        let preceding = spanValue(
          definition, code, first.adding(months: -count), last.adding(months: -count), judgedAt: asOf)
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
        let (month, monthPrev, ytd, ytdPrev) = spans(definition, code)
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
}
