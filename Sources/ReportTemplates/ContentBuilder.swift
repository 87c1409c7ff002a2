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
  /// The document's footnotes and the engine's numbers mapped onto them.
  let numbering: FootnoteNumbering

  public init(
    template: ReportTemplate, report: IndicatorReport, releaseDate: Day, asciiNames: Bool = false,
    inputs: [InputFile] = []
  ) {
    self.template = template
    self.report = report
    self.releaseDate = releaseDate
    self.asciiNames = asciiNames
    self.inputs = inputs
    numbering = FootnoteNumbering(report)
  }

  var isSpan: Bool { report.period.kind != .month }
  var root: String { report.region.code }

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
        charts.append(try chartContent(chart, number: chartNumber))
        if let id = chart.indicator { define(id) }
      }
      var tables: [TableContent] = []
      for table in section.tables ?? [] {
        tableNumber += 1
        tables.append(try tableContent(table, number: tableNumber))
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
      footnotes: numbering.footnotes,
      notes: [
        "“\(IndicatorFormat.absentSymbol)”表示无法计算或数据缺失（如基数为零的增长率）；[注n]说明缺失原因。",
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

  // MARK: Names

  func required(_ value: String?, _ chart: ReportTemplate.Chart) throws(TemplateError) -> String {
    guard let value else {
      throw template.error(
        mentioning: chart.id, "chart '\(chart.id)' of kind \(chart.kind.rawValue) needs an indicator")
    }
    return value
  }

  func indicator(_ id: String) throws(TemplateError) -> IndicatorDefinition {
    guard let indicator = report.indicator(id) else {
      throw template.error(
        mentioning: id, "unknown indicator '\(id)' (not in the catalogue or not in the data)")
    }
    return indicator
  }

  func measure(_ name: String) throws(TemplateError) -> Measure {
    guard let measure = Measure(rawValue: name) else {
      throw template.error(
        mentioning: name,
        "unknown measure '\(name)' (known: \(Measure.allCases.map(\.rawValue).joined(separator: ", ")))")
    }
    return measure
  }
}
