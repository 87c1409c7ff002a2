import Tables

/// The dataset an indicator reads.
public enum Dataset: String, Sendable, CaseIterable, Hashable {
  case petitions, employment, insurance

  /// `信访`, `就业`, `社会保险参保`.
  public var chineseName: String {
    switch self {
    case .petitions: "信访"
    case .employment: "就业"
    case .insurance: "社会保险参保"
    }
  }
}

/// The kind of an indicator, which decides its measures (spec §2).
public enum IndicatorKind: String, Sendable, Hashable {
  /// Summed over time (new jobs, petitions); also the net-increase view of a stock.
  case flow
  /// A month-end level (insured persons, registered unemployed).
  case stock
  /// A ratio of two aggregates (of flows or of stocks), usually in %.
  case rate
}

/// How the targets of one indicator are judged in a report year.
public enum TargetMode: String, Sendable, Hashable {
  /// No target measures (rates without any target in the year).
  case none
  /// `completion_pct` (and for flows `progress_gap_pp`).
  case atLeast = "at_least"
  /// `met` in place of `completion_pct` and `progress_gap_pp`: some region has a 不高于 target.
  case atMost = "at_most"
}

/// One indicator of the catalogue after expansion (per scheme, per category): what it is called,
/// how it is shown, and what it is computed from.
public struct IndicatorDefinition: Sendable, Identifiable {
  /// Stable id, e.g. `employment.new_urban_jobs`, `insurance.pension_enterprise.insured`,
  /// `petitions.category.劳动和社会保障`.
  public let id: String
  /// Chinese display name as in spec §4, e.g. `信访总量(件)`, `城镇新增就业人数`.
  public let name: String
  /// Base unit: `件`, `人次`, `人`, `批次`, `万元`, `%`, `件/万人`.
  public let unit: String
  /// Decimals for values in the indicator's unit (counts 0, 万元 2, rates 1).
  public let decimals: Int
  /// Decimals for percentages derived from it (growth, share, completion); default 1.
  public let percentDecimals: Int
  /// Decimals for percentage-point differences; default 1.
  public let pointsDecimals: Int
  public let kind: IndicatorKind
  /// Flow for flows, net increases and rates of flows; stock for stocks and rates of stocks.
  public let basis: MeasureKind
  /// True for a flow view of a stock (`insurance.S.net_increase`): ytd is the level's increase.
  public let isNetIncrease: Bool
  /// The datasets read; the indicator appears only when all of them are in the data.
  public let datasets: Set<Dataset>
  /// The scheme of a per-scheme indicator.
  public let scheme: Scheme?
  /// The category of a per-category indicator.
  public let category: String?
  /// The id as written in the catalogue (with `{scheme}` or `{category}`).
  public let templateId: String
  /// Chinese definition text for cover sheets (口径说明); may be empty.
  public let definition: String
  /// 1-based line of the entry in the catalogue file.
  public let line: Int
  let formula: Formula

  /// The name without a trailing unit in brackets: `信访总量(件)` → `信访总量`.
  public var shortName: String {
    guard name.hasSuffix(")") || name.hasSuffix("）"),
      let open = name.lastIndex(where: { $0 == "(" || $0 == "（" }), open != name.startIndex
    else { return name }
    return String(name[..<open])
  }

  /// The measures of one region row, in the order of spec §2. The report region has no `rank`;
  /// rates have target measures only when the indicator has a target in the year.
  public func measures(targetMode: TargetMode, isReportRegion: Bool) -> [Measure] {
    var list: [Measure]
    switch (kind, basis) {
    case (.flow, _):
      list = [
        .month, .monthPrev, .monthYoyPct, .momPct, .ytd, .ytdPrev, .ytdChange, .ytdYoyPct, .sharePct, .rank,
      ]
      list +=
        targetMode == .atMost
        ? [.target, .met, .timeProgressPct] : [.target, .completionPct, .timeProgressPct, .progressGapPp]
    case (.stock, _):
      list = [.level, .levelPrev, .levelYoyPct, .levelMomPct, .prevYearEnd, .increase, .sharePct, .rank]
      list += targetMode == .atMost ? [.target, .met] : [.target, .completionPct]
    case (.rate, .flow):
      list = [.month, .monthPrev, .monthChangePp, .ytd, .ytdPrev, .ytdChangePp]
      list += rateTargetMeasures(targetMode)
    case (.rate, .stock):
      list = [.level, .levelPrev, .levelChangePp]
      list += rateTargetMeasures(targetMode)
    }
    if isReportRegion { list.removeAll { $0 == .rank } }
    return list
  }

  private func rateTargetMeasures(_ mode: TargetMode) -> [Measure] {
    switch mode {
    case .none: []
    case .atLeast: [.target, .completionPct]
    case .atMost: [.target, .met]
    }
  }

  /// Decimals to display `measure` with.
  public func decimals(for measure: Measure) -> Int {
    switch measure.quantity {
    case .value: decimals
    case .percent: percentDecimals
    case .points: isPercent || measure == .progressGapPp ? pointsDecimals : decimals
    case .rank, .flag: 0
    }
  }

  /// Unit of `measure`: the indicator's unit, `%`, `百分点`, or empty for ranks and flags.
  public func unit(for measure: Measure) -> String {
    switch measure.quantity {
    case .value: unit
    case .percent: "%"
    case .points: isPercent || measure == .progressGapPp ? "百分点" : unit
    case .rank, .flag: ""
    }
  }

  /// True when values are percentages (most rates), so their differences are 百分点.
  public var isPercent: Bool { unit == "%" }
}

/// Which count of petition items a quantity takes.
enum PetitionCount: String, Sendable, Hashable {
  /// Items (件, 批次).
  case items
  /// Sum of persons (人次).
  case persons
}

/// A comparison in a petition filter.
enum Comparison: String, Sendable, Hashable {
  case equal = "==", notEqual = "!=", atLeast = ">=", atMost = "<=", greater = ">", less = "<"

  func holds(_ lhs: Int, _ rhs: Int) -> Bool {
    switch self {
    case .equal: lhs == rhs
    case .notEqual: lhs != rhs
    case .atLeast: lhs >= rhs
    case .atMost: lhs <= rhs
    case .greater: lhs > rhs
    case .less: lhs < rhs
    }
  }
}

/// One condition of a petition filter (`channel == visit`, `persons >= 5`).
enum PetitionCondition: Sendable, Hashable {
  case channel(Set<PetitionChannel>)
  case level(Set<PetitionLevel>)
  case satisfaction(Set<Satisfaction>)
  case isRepeat(Bool)
  case persons(Comparison, Int)
  case personsIn(Set<Int>, negated: Bool)
  case category(Set<String>, negated: Bool)

  func matches(_ cell: PetitionCell, categoryName: String) -> Bool {
    switch self {
    case .channel(let set): set.contains(cell.channel)
    case .level(let set): set.contains(cell.level)
    case .satisfaction(let set): set.contains(cell.satisfaction)
    case .isRepeat(let flag): cell.isRepeat == flag
    case .persons(let comparison, let value): comparison.holds(cell.persons, value)
    case .personsIn(let set, let negated): set.contains(cell.persons) != negated
    case .category(let set, let negated): set.contains(categoryName) != negated
    }
  }
}

/// The conjunction of conditions a petition cell must satisfy to be counted.
struct PetitionFilter: Sendable, Hashable {
  var conditions: [PetitionCondition] = []

  func matches(_ cell: PetitionCell, categoryName: String) -> Bool {
    conditions.allSatisfy { $0.matches(cell, categoryName: categoryName) }
  }

  /// Whether the category conditions accept `name` (other conditions are ignored).
  func matchesCategory(_ name: String) -> Bool {
    conditions.allSatisfy {
      guard case .category(let names, let negated) = $0 else { return true }
      return names.contains(name) != negated
    }
  }
}

/// What a numerator, denominator, flow or stock is read from.
enum Operand: Sendable, Hashable {
  /// A count of petition items or persons, always a flow.
  case petitions(PetitionCount, PetitionFilter)
  /// The sum of employment fields (all of one kind).
  case employment([EmploymentField])
  /// The sum of insurance fields of one scheme (all of one kind).
  case insurance([InsuranceField], Scheme)
  /// 常住人口 from regions.csv, the same in every month and year.
  case population

  var datasets: Set<Dataset> {
    switch self {
    case .petitions: [.petitions]
    case .employment: [.employment]
    case .insurance: [.insurance]
    case .population: []
    }
  }
}

/// The clock of a timeliness rate (spec §4).
enum TimelinessClock: String, Sendable, Hashable {
  /// 及时受理率: accepted − received <= limit.
  case acceptance
  /// 按期办结率: closed − start <= limit, start = accepted (by the as-of date) or received.
  case closure
}

/// How an indicator is computed.
enum Formula: Sendable {
  case flow(Operand)
  case stock(Operand)
  /// A stock viewed as a flow: the value of a span is level(end) − level(before start).
  case netIncrease(Operand)
  case ratio(numerator: Operand, denominator: Operand, scale: Rational, basis: MeasureKind)
  case timeliness(TimelinessClock, limitDays: Int)
}
