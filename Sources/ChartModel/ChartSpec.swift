/// What kind of chart a ``ChartSpec`` draws.
public enum ChartKind: String, Hashable, Sendable, CaseIterable {
  /// Lines over categories (e.g. months), one per series; an absent value leaves a gap.
  case line
  /// Columns; several primary series stand side by side (grouped bars); secondary-axis series are
  /// drawn as lines on a right-hand axis.
  case verticalBar
  /// Bars from the left, categories top to bottom in the given order (rankings), with optional
  /// reference lines (序时进度).
  case horizontalBar
  /// Columns for the primary series and lines for the secondary-axis series (e.g. ytd value and 同比).
  case combo
  /// One series as horizontal bars labelled with value and share of the total (top 8 + 其他:
  /// the caller passes the categories, and marks 其他 in ``ChartSpec/mutedCategories``). The
  /// labels come with the series: a chart computes no statistic.
  case composition
  /// One series as a ring with a legend of values and shares; the shares come as the series'
  /// labels and the total as ``ChartSpec/totalLabel``.
  case donut
}

/// Which value axis a series or reference line belongs to.
public enum AxisSide: Hashable, Sendable {
  /// The left axis (the bottom axis of horizontal bars).
  case primary
  /// The right axis.
  case secondary
}

/// A value axis: its unit and how its numbers are written.
public struct ValueAxis: Hashable, Sendable {
  /// Unit shown with the axis and used for data labels: `件`, `人`, `万人`, `%`.
  public var unit: String
  /// An optional name shown with the unit: `同比（%）` instead of `单位：%`.
  public var title: String?
  /// Decimals of data labels; `nil` picks 1 for `%`, 0 for whole numbers, 2 otherwise.
  public var decimals: Int?
  /// Whether the axis starts at (or spans) zero. Bars always start at zero.
  public var includesZero: Bool

  public init(unit: String, title: String? = nil, decimals: Int? = nil, includesZero: Bool = true) {
    self.unit = unit
    self.title = title
    self.decimals = decimals
    self.includesZero = includesZero
  }

  /// Whether values are percentages (data labels get a `%`).
  public var isPercent: Bool { unit == "%" }

  /// The text naming the axis: `单位：件`, or `同比（%）` when it has a title.
  public var caption: String {
    if let title { return "\(title)（\(unit)）" }
    return "单位：\(unit)"
  }
}

/// One data series: a value per category, `nil` where the value is absent.
public struct Series: Hashable, Sendable {
  public var name: String
  /// One value per category, in the axis unit (percentages as 87.0, not 0.87). `nil` is absent:
  /// never drawn as zero (a gap in a line, no bar and a `—` label for a bar).
  public var values: [Double?]
  public var axis: AxisSide
  /// Data label texts made by the caller (the engine's published digits, so a chart shows the
  /// same digit string as the tables), one per category; `nil` formats the values here. Required
  /// in a composition (the whole label, e.g. `1,234（23.3%）`) and a donut (the share column,
  /// e.g. `23.3%`) for every present value: shares are statistics, which the caller computes.
  public var labels: [String?]?
  /// Whether values are written next to the marks (dropped where they would collide).
  public var showsDataLabels: Bool

  public init(
    name: String, values: [Double?], axis: AxisSide = .primary, labels: [String?]? = nil,
    showsDataLabels: Bool = true
  ) {
    self.name = name
    self.values = values
    self.axis = axis
    self.labels = labels
    self.showsDataLabels = showsDataLabels
  }
}

/// A constant line across the plot with a label, e.g. 序时进度 at 83.3 %.
public struct ReferenceLine: Hashable, Sendable {
  public var value: Double
  public var label: String
  public var axis: AxisSide

  public init(value: Double, label: String, axis: AxisSide = .primary) {
    self.value = value
    self.label = label
    self.axis = axis
  }
}

/// Everything a chart shows, as plain values: no engine types, no drawing.
public struct ChartSpec: Hashable, Sendable {
  /// Stable id, used for file names (`charts/<id>.png`).
  public var id: String
  public var kind: ChartKind
  public var title: String
  /// A second line under the title: period, scope.
  public var subtitle: String?
  /// Where the data come from, shown bottom-left as `资料来源：<source>`.
  public var source: String?
  /// A note shown after the source line, e.g. `注：“—”表示数据缺失。`.
  public var note: String?
  public var categories: [String]
  public var series: [Series]
  public var valueAxis: ValueAxis
  /// The right-hand axis, for series with `axis: .secondary`.
  public var secondaryAxis: ValueAxis?
  public var referenceLines: [ReferenceLine]
  /// Categories drawn in neutral grey: 其他 in a composition, the report region in a ranking.
  public var mutedCategories: Set<Int>
  /// The total written in a donut's middle, with its unit (e.g. `7,999件`); required for a donut,
  /// unused by the other kinds. Made by the caller, like the shares.
  public var totalLabel: String?

  public init(
    id: String, kind: ChartKind, title: String, subtitle: String? = nil, source: String? = nil,
    note: String? = nil, categories: [String], series: [Series], valueAxis: ValueAxis,
    secondaryAxis: ValueAxis? = nil, referenceLines: [ReferenceLine] = [],
    mutedCategories: Set<Int> = [], totalLabel: String? = nil
  ) {
    self.id = id
    self.kind = kind
    self.title = title
    self.subtitle = subtitle
    self.source = source
    self.note = note
    self.categories = categories
    self.series = series
    self.valueAxis = valueAxis
    self.secondaryAxis = secondaryAxis
    self.referenceLines = referenceLines
    self.mutedCategories = mutedCategories
    self.totalLabel = totalLabel
  }

  /// The source line as shown: `资料来源：…`.
  public var sourceLine: String? {
    guard let source, !source.isEmpty else { return nil }
    return source.hasPrefix("资料来源") ? source : "资料来源：\(source)"
  }

  /// Whether the chart has anything to draw: a category and a present value. A chart without data
  /// is valid and draws an empty state (本期无数据) instead of its marks.
  public var hasData: Bool {
    !categories.isEmpty && series.contains { $0.values.contains { $0 != nil } }
  }

  /// Checks that the spec can be drawn: series lengths match the categories, a secondary axis
  /// exists for secondary series, one series for compositions and donuts, with a label for every
  /// present value (and a total label for a donut with data), finite values and reference lines.
  /// No categories, no series or no present value is valid: an empty chart (``hasData``).
  public func validate() throws(ChartError) {
    for s in series {
      guard s.values.count == categories.count else {
        throw .invalidSpec(
          id: id,
          "series \(s.name) has \(s.values.count) values for \(categories.count) categories")
      }
      if let labels = s.labels, labels.count != categories.count {
        throw .invalidSpec(id: id, "series \(s.name) has \(labels.count) labels")
      }
      if s.values.contains(where: { $0.map { !$0.isFinite } ?? false }) {
        throw .invalidSpec(id: id, "series \(s.name) has a value that is not finite")
      }
      if s.axis == .secondary && secondaryAxis == nil {
        throw .invalidSpec(id: id, "series \(s.name) is on the secondary axis, which is not defined")
      }
    }
    if let line = referenceLines.first(where: { !$0.value.isFinite }) {
      throw .invalidSpec(id: id, "reference line \(line.label) has a value that is not finite")
    }
    if kind == .composition || kind == .donut {
      guard series.count == 1 || (series.isEmpty && !hasData) else {
        throw .invalidSpec(id: id, "a \(kind.rawValue) chart shows exactly one series")
      }
      if series.first?.values.contains(where: { ($0 ?? 0) < 0 }) == true {
        throw .invalidSpec(id: id, "a \(kind.rawValue) chart cannot show negative values")
      }
      if hasData { try validateShareLabels() }
    }
    if kind == .horizontalBar || kind == .composition,
      series.contains(where: { $0.axis == .secondary })
    {
      throw .invalidSpec(id: id, "horizontal bars have no secondary axis")
    }
  }
}

extension ChartSpec {
  /// A composition's or donut's labels (and a donut's total) come from the caller: the chart
  /// draws shares, it does not compute them.
  fileprivate func validateShareLabels() throws(ChartError) {
    let only = series[0]
    guard let labels = only.labels else {
      throw .invalidSpec(id: id, "a \(kind.rawValue) chart needs the caller's labels (value shares)")
    }
    if let missing = only.values.indices.first(where: { only.values[$0] != nil && labels[$0] == nil }) {
      throw .invalidSpec(id: id, "series \(only.name) has no label for \(categories[missing])")
    }
    if kind == .donut, totalLabel == nil {
      throw .invalidSpec(id: id, "a donut chart needs a total label")
    }
  }
}

/// Why a chart could not be made.
public enum ChartError: Error, Equatable, CustomStringConvertible {
  case invalidSpec(id: String, String)

  public var description: String {
    switch self {
    case .invalidSpec(let id, let message): return "chart \(id): \(message)"
    }
  }
}
