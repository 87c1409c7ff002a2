/// Why a figure has no value. Shown as `—` and exported as an empty cell; only
/// `missingInput` is footnoted (see `MeasureFigure.footnotes`).
public enum Absence: String, Sendable, Hashable {
  /// An input the figure needs is missing: an absent column, an empty cell, an `--allow-missing`
  /// region-month gap, or a region without population. Footnoted in every output.
  case missingInput = "missing_input"
  /// The month lies outside the data (e.g. December two years back for a net increase's ytd_prev).
  case notInData = "not_in_data"
  /// Arithmetic has no answer: growth on a zero base, a ratio with a zero denominator, a rank
  /// among siblings some of which have no value.
  case notComputable = "not_computable"
  /// No target was stated for this region and year.
  case noTarget = "no_target"
}

/// One figure of a report: a number, a yes/no (`met`), or absent with the reason.
public enum Figure: Hashable, Sendable {
  case absent(Absence)
  case number(Rational)
  case flag(Bool)

  /// The number, when there is one.
  public var number: Rational? {
    if case .number(let value) = self { return value }
    return nil
  }

  /// True when there is no value to show (`—`).
  public var isAbsent: Bool {
    if case .absent = self { return true }
    return false
  }
}

/// The measures (columns) of an indicator, in the order of spec §2. The raw value is the name
/// used in `indicators.csv` and in templates.
public enum Measure: String, CaseIterable, Sendable, Hashable {
  case month
  case monthPrev = "month_prev"
  case monthYoyPct = "month_yoy_pct"
  case momPct = "mom_pct"
  case ytd
  case ytdPrev = "ytd_prev"
  case ytdChange = "ytd_change"
  case ytdYoyPct = "ytd_yoy_pct"
  case level
  case levelPrev = "level_prev"
  case levelYoyPct = "level_yoy_pct"
  case levelMomPct = "level_mom_pct"
  case prevYearEnd = "prev_year_end"
  case increase
  case monthChangePp = "month_change_pp"
  case ytdChangePp = "ytd_change_pp"
  case levelChangePp = "level_change_pp"
  case sharePct = "share_pct"
  case rank
  case target
  case completionPct = "completion_pct"
  case met
  case timeProgressPct = "time_progress_pct"
  case progressGapPp = "progress_gap_pp"

  /// What kind of quantity the measure holds, which decides its unit and decimals.
  public enum Quantity: Sendable {
    /// In the indicator's own unit (persons, 件, 万元, or % for a rate's level).
    case value
    /// A percentage computed by the engine (growth, share, completion, time progress).
    case percent
    /// A difference of two percentages, in 百分点 (for a rate not in %, in its own unit).
    case points
    /// A position, 1 = largest.
    case rank
    /// true / false.
    case flag
  }

  /// What kind of quantity the measure holds.
  public var quantity: Quantity {
    switch self {
    case .month, .monthPrev, .ytd, .ytdPrev, .ytdChange, .level, .levelPrev, .prevYearEnd, .increase,
      .target:
      .value
    case .monthYoyPct, .momPct, .ytdYoyPct, .levelYoyPct, .levelMomPct, .sharePct, .completionPct,
      .timeProgressPct:
      .percent
    case .monthChangePp, .ytdChangePp, .levelChangePp, .progressGapPp: .points
    case .rank: .rank
    case .met: .flag
    }
  }

  /// The Chinese column heading. `span` is true for quarter, half and year periods, where 本月
  /// becomes 本期.
  public func chineseLabel(span: Bool = false) -> String {
    switch self {
    case .month: span ? "本期" : "本月"
    case .monthPrev: span ? "去年同期" : "去年同月"
    case .monthYoyPct: span ? "本期同比(%)" : "本月同比(%)"
    case .momPct: "环比(%)"
    case .ytd: "累计"
    case .ytdPrev: "去年同期累计"
    case .ytdChange: "累计比去年同期增减"
    case .ytdYoyPct: "累计同比(%)"
    case .level: "期末数"
    case .levelPrev: "去年同期"
    case .levelYoyPct: "同比(%)"
    case .levelMomPct: "环比(%)"
    case .prevYearEnd: "上年末"
    case .increase: "比上年末增减"
    case .monthChangePp: span ? "本期比去年同期增减" : "本月比去年同月增减"
    case .ytdChangePp: "累计比去年同期增减"
    case .levelChangePp: "比去年同期增减"
    case .sharePct: "占比(%)"
    case .rank: "位次"
    case .target: "年度目标"
    case .completionPct: "完成率(%)"
    case .met: "是否达标"
    case .timeProgressPct: "序时进度(%)"
    case .progressGapPp: "超序时进度(百分点)"
    }
  }
}

/// A figure with its measure and the numbers of the footnotes that explain its absence.
public struct MeasureFigure: Sendable, Hashable {
  public let measure: Measure
  public let figure: Figure
  /// Numbers (1-based, into `IndicatorReport.footnotes`) of the missing inputs behind an absent
  /// figure; empty for figures that have a value.
  public let footnotes: [Int]

  public init(measure: Measure, figure: Figure, footnotes: [Int] = []) {
    self.measure = measure
    self.figure = figure
    self.footnotes = footnotes
  }
}

/// A note explaining figures that are absent because an input is missing
/// (`注1：就业数据缺报：东区 2024-03。`).
public struct Footnote: Sendable, Hashable {
  /// 1-based number, as printed in marks such as `[注1]`.
  public let number: Int
  /// The Chinese note text, without the `注1：` prefix.
  public let text: String
}

/// The comparison of target completion with time progress, for narrative wording
/// (快于序时进度 / 与序时进度基本一致 / 慢于序时进度).
public enum ProgressVerdict: String, Sendable {
  case ahead = "快于"
  case inLine = "基本一致"
  case behind = "慢于"

  /// `gap` is progress_gap_pp; within ±`band` percentage points (inclusive) is 基本一致.
  public static func of(gap: Rational, band: Rational) -> ProgressVerdict {
    if gap > band { return .ahead }
    if gap < -band { return .behind }
    return .inLine
  }

  /// The phrase for a narrative: `快于序时进度`, `与序时进度基本一致`, `慢于序时进度`.
  public var phrase: String {
    switch self {
    case .ahead: "快于序时进度"
    case .inLine: "与序时进度基本一致"
    case .behind: "慢于序时进度"
    }
  }
}
