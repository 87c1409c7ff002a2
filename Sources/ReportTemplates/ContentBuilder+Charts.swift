import ChartModel
import Document
import Engine
import Foundation
import Tables

/// The charts (图N): their specs, as plain values, and the notes on their missing points.
extension ContentBuilder {
  /// Chart `number` of the bulletin. A chart whose data miss inputs refers to the document's
  /// footnotes that explain them, under the chart (`注：图中缺失的数据见[注1]。`).
  func chartContent(_ chart: ReportTemplate.Chart, number: Int) throws(TemplateError) -> ChartContent {
    var spec = try chartSpec(chart)
    let footnotes = numbering.numbers(try engineFootnotes(chart))
    if !footnotes.isEmpty { spec.note = "注：图中缺失的数据见\(Document.Footnote.marks(footnotes))。" }
    return ChartContent(number: number, spec: spec, footnotes: footnotes)
  }

  /// The engine's footnote numbers of the figures a chart draws.
  func engineFootnotes(_ chart: ReportTemplate.Chart) throws(TemplateError) -> [Int] {
    let children = report.regions.dropFirst()
    switch chart.kind {
    case .trend:
      let id = try indicator(try required(chart.indicator, chart)).id
      guard let series = report.series(id, region: root) else { return [] }
      return (series.current + series.previousYear).flatMap(\.footnotes)
    case .completion:
      let id = try indicator(try required(chart.indicator, chart)).id
      return children.flatMap { report.footnoteNumbers(id, region: $0.code, measure: .completionPct) }
    case .districts:
      let id = try indicator(try required(chart.indicator, chart)).id
      return children.flatMap { region in
        [Measure.ytd, .ytdYoyPct].flatMap { report.footnoteNumbers(id, region: region.code, measure: $0) }
      }
    case .composition:
      return []
    case .schemes:
      let template = try required(chart.indicator, chart)
      return schemes.flatMap { scheme in
        let id = template.replacingOccurrences(of: "{scheme}", with: scheme.rawValue)
        return [Measure.level, .levelPrev].flatMap { report.footnoteNumbers(id, region: root, measure: $0) }
      }
    }
  }

  func chartSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    switch chart.kind {
    case .trend: try trendSpec(chart)
    case .completion: try completionSpec(chart)
    case .districts: try districtsSpec(chart)
    case .composition: compositionSpec(chart)
    case .schemes: try schemesSpec(chart)
    }
  }

  /// The 13 months to the period's end, this year and the year before.
  func trendSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    let indicator = try self.indicator(try required(chart.indicator, chart))
    guard let series = report.series(indicator.id, region: root) else {
      throw template.error(
        mentioning: chart.id, "chart '\(chart.id)': no monthly series for \(indicator.id)")
    }
    let categories = series.current.enumerated().map { index, point in
      index == 0 || point.month.month == 1
        ? "\(point.month.year % 100)年\(point.month.month)月" : "\(point.month.month)月"
    }
    func values(_ points: [SeriesPoint]) -> [Double?] { points.map { $0.figure.number?.doubleValue } }
    func labels(_ points: [SeriesPoint]) -> [String?] {
      points.map { $0.figure.number.map { IndicatorFormat.display($0, decimals: indicator.decimals) } }
    }
    return ChartSpec(
      id: chart.id, kind: .line, title: chart.title, source: template.source, categories: categories,
      series: [
        Series(name: "本期", values: values(series.current), labels: labels(series.current)),
        Series(
          name: "上年同期", values: values(series.previousYear), labels: labels(series.previousYear),
          showsDataLabels: false),
      ],
      valueAxis: ValueAxis(unit: indicator.unit))
  }

  /// Each district's completion of its annual target, against the time progress.
  func completionSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    let indicator = try self.indicator(try required(chart.indicator, chart))
    let rows = report.regions.dropFirst().map { region in
      (region.name, report.figure(indicator.id, region: region.code, measure: .completionPct)?.number)
    }.sorted { ($0.1 ?? Rational(-1_000_000)) > ($1.1 ?? Rational(-1_000_000)) }
    return ChartSpec(
      id: chart.id, kind: .horizontalBar, title: chart.title, source: template.source,
      categories: rows.map(\.0),
      series: [
        Series(
          name: "完成率", values: rows.map { $0.1?.doubleValue },
          labels: rows.map { $0.1.map { IndicatorFormat.display($0, decimals: indicator.percentDecimals) } }
        )
      ],
      valueAxis: ValueAxis(unit: "%"),
      referenceLines: [
        ReferenceLine(
          value: report.timeProgressPct.doubleValue,
          label: "序时进度" + IndicatorFormat.percent(report.timeProgressPct, decimals: 1))
      ])
  }

  /// Each district's cumulative figure (bars) and its growth (line, right axis).
  func districtsSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    let indicator = try self.indicator(try required(chart.indicator, chart))
    let children = Array(report.regions.dropFirst())
    let ytd = children.map { report.figure(indicator.id, region: $0.code, measure: .ytd)?.number }
    let yoy = children.map { report.figure(indicator.id, region: $0.code, measure: .ytdYoyPct)?.number }
    return ChartSpec(
      id: chart.id, kind: .combo, title: chart.title, source: template.source,
      categories: children.map(\.name),
      series: [
        Series(
          name: report.period.cumulativeName + "累计", values: ytd.map { $0?.doubleValue },
          labels: ytd.map { $0.map { IndicatorFormat.display($0, decimals: indicator.decimals) } }),
        Series(
          name: "同比(%)", values: yoy.map { $0?.doubleValue }, axis: .secondary,
          labels: yoy.map { $0.map { IndicatorFormat.display($0, decimals: indicator.percentDecimals) } }),
      ],
      valueAxis: ValueAxis(unit: indicator.unit), secondaryAxis: ValueAxis(unit: "%", includesZero: true))
  }

  /// The shares of the petition categories.
  func compositionSpec(_ chart: ReportTemplate.Chart) -> ChartSpec {
    let slices = report.categoryBreakdown(region: root, measure: .ytd)
    return ChartSpec(
      id: chart.id, kind: .composition, title: chart.title, source: template.source,
      categories: slices.map(\.name),
      series: [
        Series(
          name: "占比", values: slices.map { $0.sharePct.number?.doubleValue },
          labels: slices.map { $0.sharePct.number.map { IndicatorFormat.percent($0, decimals: 1) } })
      ],
      valueAxis: ValueAxis(unit: "%"))
  }

  /// Each insurance scheme's insured at the month's end, this year and the year before.
  func schemesSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    let pattern = try required(chart.indicator, chart)
    var names: [String] = []
    var current: [Rational?] = []
    var previous: [Rational?] = []
    for scheme in schemes {
      let id = pattern.replacingOccurrences(of: "{scheme}", with: scheme.rawValue)
      guard report.indicator(id) != nil else { continue }
      names.append(Self.shortSchemeName(scheme))
      current.append(report.figure(id, region: root, measure: .level)?.number)
      previous.append(report.figure(id, region: root, measure: .levelPrev)?.number)
    }
    func inTenThousands(_ values: [Rational?]) -> [Double?] {
      values.map { $0.map { ($0 / Rational(10_000)).doubleValue } }
    }
    func labels(_ values: [Rational?]) -> [String?] {
      values.map { $0.map { IndicatorFormat.display($0 / Rational(10_000), decimals: 2) } }
    }
    return ChartSpec(
      id: chart.id, kind: .verticalBar, title: chart.title, source: template.source, categories: names,
      series: [
        Series(name: "本月末", values: inTenThousands(current), labels: labels(current)),
        Series(name: "去年同期", values: inTenThousands(previous), labels: labels(previous)),
      ],
      valueAxis: ValueAxis(unit: "万人"))
  }

  /// Scheme names short enough for a chart axis.
  static func shortSchemeName(_ scheme: Scheme) -> String {
    switch scheme {
    case .pensionEnterprise: "企业养老"
    case .pensionResident: "居民养老"
    case .medicalEmployee: "职工医保"
    case .medicalResident: "居民医保"
    case .unemployment: "失业保险"
    case .workInjury: "工伤保险"
    case .maternity: "生育保险"
    }
  }
}
