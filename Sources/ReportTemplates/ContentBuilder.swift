import ChartModel
import Document
import Engine
import Foundation
import Tables

/// Builds the bulletin's content from a template and the engine's figures: every printed digit
/// comes from `IndicatorFormat`, every value from the `IndicatorReport`.
public struct ContentBuilder {
  public let template: ReportTemplate
  public let report: IndicatorReport
  /// Release date printed in the masthead.
  public let releaseDate: Day
  /// Use the template's ASCII name for files.
  public let asciiNames: Bool
  /// The input files read, for the cover sheet.
  public let inputs: [InputFile]
  /// Whether `build` also formats the 数据 sheet's tidy rows (``tidy(_:)``); a caller that formats
  /// them elsewhere meanwhile (the pipeline does, on another core) sets this to false and fills
  /// in `BulletinDocument.tidy` itself.
  public var makesTidyRows = true

  public init(
    template: ReportTemplate, report: IndicatorReport, releaseDate: Day, asciiNames: Bool = false,
    inputs: [InputFile] = []
  ) {
    self.template = template
    self.report = report
    self.releaseDate = releaseDate
    self.asciiNames = asciiNames
    self.inputs = inputs
  }

  private var isSpan: Bool { report.period.kind != .month }
  private var root: String { report.region.code }

  /// The whole bulletin; a name the template uses that the report lacks is a `TemplateError`.
  public func build() throws(TemplateError) -> BulletinDocument {
    let narrative = Narrative(report: report, office: template.office)
    var sections: [SectionContent] = []
    var tableNumber = 0
    var chartNumber = 0
    var definitions: [Definition] = []
    var defined: Set<String> = []
    func define(_ id: String) {
      guard let indicator = report.indicator(id), defined.insert(id).inserted, !indicator.definition.isEmpty
      else {
        return
      }
      definitions.append(Definition(name: indicator.shortName, text: indicator.definition))
    }
    for section in template.sections {
      if let prefix = section.requires, !report.indicators.contains(where: { $0.id.hasPrefix(prefix) }) {
        continue
      }
      var paragraphs: [String] = []
      if let file = section.narrative {
        paragraphs = try narrative.render(
          file: template.folder.appending(path: file), displayName: "templates/reports/\(file)")
      }
      var charts: [ChartContent] = []
      for chart in section.charts ?? [] {
        // A leaf report region has no districts to compare.
        if chart.kind == .districts || chart.kind == .completion, report.regions.count < 2 { continue }
        chartNumber += 1
        charts.append(ChartContent(number: chartNumber, spec: try chartSpec(chart)))
        if let id = chart.indicator { define(id) }
      }
      var tables: [TableContent] = []
      for table in section.tables ?? [] {
        tableNumber += 1
        let content = try tableContent(table, number: tableNumber)
        tables.append(content)
        expand(table).forEach(define)
      }
      sections.append(
        SectionContent(
          id: section.id, title: section.title, paragraphs: paragraphs, charts: charts, tables: tables))
    }
    let stem = asciiNames ? "\(template.asciiName)_\(report.period)" : "\(template.title)_\(report.period)"
    let date = releaseDate.components
    return BulletinDocument(
      title: template.title, office: template.office, issue: template.issue ?? report.period.lastMonth.month,
      periodName: report.period.chineseName, periodCode: report.period.description,
      releaseDate: "\(date.year)年\(date.month)月\(date.day)日", releaseDateISO: releaseDate.description,
      layout: template.layout, fileStem: stem, source: template.source,
      headlines: try template.headlines.filter(hasDataset).map(headline), sections: sections,
      definitions: definitions,
      footnotes: report.footnotes.map { Document.Footnote(number: $0.number, text: $0.text) },
      notes: [
        "“—”表示无法计算或数据缺失（如基数为零的增长率）；[注n]说明缺失原因。",
        "表中数据按四舍五入修约，分项之和与合计可能存在尾差；增长速度按未经修约的数据计算。",
      ],
      inputs: inputs, tidy: makesTidyRows ? Self.tidy(report) : [])
  }

  /// The rows of indicators.csv, as written there.
  public static func tidy(_ report: IndicatorReport) -> [TidyRow] {
    IndicatorCSV.rows(report).map { row in
      TidyRow(
        period: row.period, regionCode: row.regionCode, regionName: row.regionName, indicator: row.indicator,
        measure: row.measure, value: IndicatorCSV.value(row.value))
    }
  }

  // MARK: Headlines

  /// A headline about a dataset the folder does not hold (no employment file, say) is left out;
  /// a misspelt id of a dataset that is there stays an error.
  private func hasDataset(_ spec: ReportTemplate.Headline) -> Bool {
    let area = spec.indicator.split(separator: ".").first.map { String($0) + "." } ?? spec.indicator
    return report.indicators.contains { $0.id.hasPrefix(area) }
  }

  private func headline(_ spec: ReportTemplate.Headline) throws(TemplateError) -> HeadlineCard {
    let indicator = try self.indicator(spec.indicator)
    let measure = try self.measure(spec.measure)
    let figure = report.figure(indicator.id, region: root, measure: measure)
    var value = IndicatorFormat.display(figure, of: indicator, measure: measure)
    var unit = indicator.unit(for: measure)
    if let number = figure?.number, number.magnitude >= Rational(10_000), unit != "%" {
      value = IndicatorFormat.display(number / Rational(10_000), decimals: 2)
      unit = "万" + unit
    }
    let changeMeasure: Measure
    switch (indicator.kind, measure) {
    case (.rate, .level): changeMeasure = .levelChangePp
    case (.rate, .month): changeMeasure = .monthChangePp
    case (.rate, _): changeMeasure = .ytdChangePp
    case (_, .level): changeMeasure = .levelYoyPct
    case (_, .month): changeMeasure = .monthYoyPct
    default: changeMeasure = .ytdYoyPct
    }
    var change: String?
    var direction: HeadlineCard.Direction?
    if let number = report.figure(indicator.id, region: root, measure: changeMeasure)?.number {
      let decimals = indicator.decimals(for: changeMeasure)
      let rounded = IndicatorFormat.roundedValue(number, decimals: decimals)
      direction = rounded.isZero ? .flat : (rounded.isNegative ? .down : .up)
      let text = IndicatorFormat.display(number, decimals: decimals)
      let suffix = changeMeasure.quantity == .points ? "个百分点" : "%"
      change = (direction == .up ? "+" : "") + text + suffix
    }
    var progress: String?
    if let completion = report.figure(indicator.id, region: root, measure: .completionPct)?.number {
      progress = "完成年度目标" + IndicatorFormat.percent(completion, decimals: indicator.percentDecimals)
      if let gap = report.figure(indicator.id, region: root, measure: .progressGapPp)?.number,
        let wording = IndicatorFormat.progress(gap: gap, decimals: indicator.pointsDecimals)
      {
        progress! += "，" + wording
      }
    } else if case .flag(let met)? = report.figure(indicator.id, region: root, measure: .met) {
      let target = IndicatorFormat.display(
        report.figure(indicator.id, region: root, measure: .target), of: indicator, measure: .target)
      progress = (met ? "控制在目标以内" : "超出控制目标") + "（\(target)\(indicator.unit)）"
    }
    return HeadlineCard(
      label: spec.label ?? indicator.shortName, value: value, unit: unit, change: change,
      direction: direction,
      progress: progress)
  }

  // MARK: Tables

  /// The indicator ids of an `indicators` or `schemes` table, `{scheme}` expanded.
  private func expand(_ table: ReportTemplate.Table) -> [String] {
    let ids = table.indicators ?? table.indicator.map { [$0] } ?? []
    guard table.rows == .schemes else { return ids }
    return schemes.flatMap { scheme in
      ids.map { $0.replacingOccurrences(of: "{scheme}", with: scheme.rawValue) }
    }
  }

  private var schemes: [Scheme] {
    Scheme.allCases.filter { scheme in report.indicators.contains { $0.scheme == scheme } }
  }

  private func group(_ measure: Measure) -> String? {
    switch measure {
    case .month, .monthPrev, .monthYoyPct, .momPct, .monthChangePp: isSpan ? "本期" : "本月"
    case .ytd, .ytdPrev, .ytdChange, .ytdYoyPct, .ytdChangePp: report.period.cumulativeName + "累计"
    case .level, .levelPrev, .levelYoyPct, .levelMomPct, .levelChangePp, .prevYearEnd, .increase: "期末"
    case .target, .completionPct, .met, .timeProgressPct, .progressGapPp: "年度目标"
    case .sharePct, .rank: nil
    }
  }

  private func cell(_ indicator: IndicatorDefinition?, _ region: String, _ measure: Measure) -> TableCell {
    guard let indicator else { return TableCell(text: IndicatorFormat.absentSymbol, value: nil, decimals: 0) }
    let figure = report.figure(indicator.id, region: region, measure: measure)
    return TableCell(
      text: IndicatorFormat.display(figure, of: indicator, measure: measure),
      value: Self.spreadsheetValue(figure),
      decimals: indicator.decimals(for: measure),
      footnotes: report.footnoteNumbers(indicator.id, region: region, measure: measure))
  }

  /// The unrounded value for a spreadsheet cell, correct to 15 significant digits (as Excel keeps).
  static func spreadsheetValue(_ figure: Figure?) -> Double? {
    guard let value = figure?.number else { return nil }
    return Double(IndicatorFormat.significant(value))
  }

  private func cell(_ value: Figure, decimals: Int) -> TableCell {
    TableCell(
      text: IndicatorFormat.display(value, decimals: decimals), value: Self.spreadsheetValue(value),
      decimals: decimals)
  }

  private func column(_ measure: Measure, group: String? = nil) -> TableColumn {
    TableColumn(
      group: group ?? self.group(measure), header: measure.chineseLabel(span: isSpan),
      measure: measure.rawValue)
  }

  private func tableContent(_ table: ReportTemplate.Table, number: Int) throws(TemplateError) -> TableContent
  {
    var measures: [Measure] = []
    for name in table.measures { measures.append(try measure(name)) }
    var columns: [TableColumn] = []
    var rows: [TableRow] = []
    var unit = ""
    var labelHeader = "指标"
    switch table.rows {
    case .indicators:
      columns = measures.map { column($0) }
      for id in table.indicators ?? [] {
        let indicator = try self.indicator(id)
        // Rows of different indicators carry their own unit in the label: 及时受理率(%).
        let hasUnit = indicator.name.hasSuffix(")") || indicator.name.hasSuffix("）")
        let label =
          hasUnit || indicator.unit.isEmpty ? indicator.name : "\(indicator.name)(\(indicator.unit))"
        rows.append(TableRow(label: label, cells: measures.map { cell(indicator, root, $0) }))
      }
    case .schemes:
      labelHeader = "险种"
      let templates = table.indicators ?? []
      for scheme in schemes {
        var indicators: [IndicatorDefinition] = []
        for template in templates {
          indicators.append(
            try indicator(template.replacingOccurrences(of: "{scheme}", with: scheme.rawValue)))
        }
        if columns.isEmpty {
          columns = indicators.flatMap { indicator in
            measures.map { column($0, group: indicators.count > 1 ? schemeless(indicator) : nil) }
          }
          unit = indicators.first?.unit ?? ""
        }
        rows.append(
          TableRow(
            label: scheme.chineseName,
            cells: indicators.flatMap { indicator in measures.map { cell(indicator, root, $0) } }))
      }
    case .regions:
      guard let id = table.indicator else {
        throw template.error(
          mentioning: table.id, "table '\(table.id)' with rows: regions needs an indicator")
      }
      let indicator = try self.indicator(id)
      unit = indicator.unit
      labelHeader = "地区"
      columns = measures.map { column($0) }
      for region in report.regions {
        let isRoot = region.code == root
        rows.append(
          TableRow(
            label: region.name, regionCode: region.code, isTotal: isRoot,
            cells: measures.map { isRoot && $0 == .rank ? TableCell.blank : cell(indicator, region.code, $0) }
          ))
      }
    case .categories:
      unit = "件"
      labelHeader = "问题类别"
      columns = measures.map { column($0) }
      for slice in report.categoryBreakdown(region: root, measure: .ytd) {
        let indicator = slice.indicatorId.flatMap(report.indicator)
        rows.append(
          TableRow(
            label: slice.name,
            cells: measures.map { measure in
              switch measure {
              case .sharePct: return cell(slice.sharePct, decimals: 1)
              case .ytd where indicator == nil: return cell(.number(slice.value), decimals: 0)
              default: return indicator == nil ? TableCell.blank : cell(indicator, root, measure)
              }
            }))
      }
    }
    // Month-end levels are dated at the end of the period, flows by their span.
    let isLevels = measures.allSatisfy { group($0) == "期末" || $0 == .sharePct || $0 == .rank }
    let end = report.period.lastMonth
    let span =
      isLevels
      ? "\(end.year)年\(end.month)月末"
      : isSpan ? report.period.chineseName : "\(report.period.year)年\(report.period.cumulativeName)"
    return TableContent(
      id: table.id, number: number, title: table.title,
      subtitle: (unit.isEmpty ? "" : "单位：\(unit)；") + span, labelHeader: labelHeader, columns: columns,
      rows: rows,
      notes: table.note.map { [$0] } ?? [], source: template.source)
  }

  private func schemeless(_ indicator: IndicatorDefinition) -> String {
    guard let scheme = indicator.scheme else { return indicator.shortName }
    let name = indicator.shortName
    return name.hasPrefix(scheme.chineseName) ? String(name.dropFirst(scheme.chineseName.count)) : name
  }

  // MARK: Charts

  private func chartSpec(_ chart: ReportTemplate.Chart) throws(TemplateError) -> ChartSpec {
    let source = template.source
    switch chart.kind {
    case .trend:
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
        id: chart.id, kind: .line, title: chart.title, source: source, categories: categories,
        series: [
          Series(name: "本期", values: values(series.current), labels: labels(series.current)),
          Series(
            name: "上年同期", values: values(series.previousYear), labels: labels(series.previousYear),
            showsDataLabels: false),
        ],
        valueAxis: ValueAxis(unit: indicator.unit))
    case .completion:
      let indicator = try self.indicator(try required(chart.indicator, chart))
      let rows = report.regions.dropFirst().map { region in
        (region.name, report.figure(indicator.id, region: region.code, measure: .completionPct)?.number)
      }.sorted { ($0.1 ?? Rational(-1_000_000)) > ($1.1 ?? Rational(-1_000_000)) }
      return ChartSpec(
        id: chart.id, kind: .horizontalBar, title: chart.title, source: source, categories: rows.map(\.0),
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
    case .districts:
      let indicator = try self.indicator(try required(chart.indicator, chart))
      let children = Array(report.regions.dropFirst())
      let ytd = children.map { report.figure(indicator.id, region: $0.code, measure: .ytd)?.number }
      let yoy = children.map { report.figure(indicator.id, region: $0.code, measure: .ytdYoyPct)?.number }
      return ChartSpec(
        id: chart.id, kind: .combo, title: chart.title, source: source, categories: children.map(\.name),
        series: [
          Series(
            name: report.period.cumulativeName + "累计", values: ytd.map { $0?.doubleValue },
            labels: ytd.map { $0.map { IndicatorFormat.display($0, decimals: indicator.decimals) } }),
          Series(
            name: "同比(%)", values: yoy.map { $0?.doubleValue }, axis: .secondary,
            labels: yoy.map { $0.map { IndicatorFormat.display($0, decimals: indicator.percentDecimals) } }),
        ],
        valueAxis: ValueAxis(unit: indicator.unit), secondaryAxis: ValueAxis(unit: "%", includesZero: true))
    case .composition:
      let slices = report.categoryBreakdown(region: root, measure: .ytd)
      return ChartSpec(
        id: chart.id, kind: .composition, title: chart.title, source: source, categories: slices.map(\.name),
        series: [
          Series(
            name: "占比", values: slices.map { $0.sharePct.number?.doubleValue },
            labels: slices.map { $0.sharePct.number.map { IndicatorFormat.percent($0, decimals: 1) } })
        ],
        valueAxis: ValueAxis(unit: "%"))
    case .schemes:
      let template = try required(chart.indicator, chart)
      var names: [String] = []
      var current: [Rational?] = []
      var previous: [Rational?] = []
      for scheme in schemes {
        let id = template.replacingOccurrences(of: "{scheme}", with: scheme.rawValue)
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
        id: chart.id, kind: .verticalBar, title: chart.title, source: source, categories: names,
        series: [
          Series(name: "本月末", values: inTenThousands(current), labels: labels(current)),
          Series(name: "去年同期", values: inTenThousands(previous), labels: labels(previous)),
        ],
        valueAxis: ValueAxis(unit: "万人"))
    }
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

  // MARK: Names

  private func required(_ value: String?, _ chart: ReportTemplate.Chart) throws(TemplateError) -> String {
    guard let value else {
      throw template.error(
        mentioning: chart.id, "chart '\(chart.id)' of kind \(chart.kind.rawValue) needs an indicator")
    }
    return value
  }

  private func indicator(_ id: String) throws(TemplateError) -> IndicatorDefinition {
    guard let indicator = report.indicator(id) else {
      throw template.error(
        mentioning: id, "unknown indicator '\(id)' (not in the catalogue or not in the data)")
    }
    return indicator
  }

  private func measure(_ name: String) throws(TemplateError) -> Measure {
    guard let measure = Measure(rawValue: name) else {
      throw template.error(
        mentioning: name,
        "unknown measure '\(name)' (known: \(Measure.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return measure
  }
}
