import Engine
import Foundation
import TextRules

/// Output formats of `minsheng indicators --format`.
enum IndicatorOutputFormat: String, CaseIterable, Sendable {
  case table, csv, json
}

/// Text renderings of a report for the `minsheng indicators` command: an aligned terminal table,
/// JSON, or `indicators.csv`. Use `IndicatorReport.filtered(only:region:)` for `--only` and
/// `--region`.
enum IndicatorText {
  /// The report in `format`.
  static func render(_ report: IndicatorReport, format: IndicatorOutputFormat) throws -> String {
    switch format {
    case .table: table(report)
    case .csv: IndicatorCSV.text(report)
    case .json: try json(report)
    }
  }

  // MARK: JSON

  /// JSON with exact values (numbers to 15 significant digits, as in `indicators.csv`), the
  /// displayed digits, and footnotes, written by `JSONEncoder` (pretty-printed, keys sorted):
  ///
  ///     {"as_of": "2024-10-31", "footnotes": [{"number": 1, "text": …}],
  ///      "indicators": [{"decimals": 0, "id": …, "kind": "flow", "name": …,
  ///        "rows": [{"measures": {
  ///          "ytd": {"display": "678", "value": 678},
  ///          "ytd_yoy_pct": {"absent": "not_computable", "display": "—", "value": null}, …},
  ///          "region_code": …, "region_name": …}], "unit": …}],
  ///      "period": "2024-10", "period_name": …, "region": {"code": …, "name": …},
  ///      "time_progress_pct": 83.3333333333333}
  static func json(_ report: IndicatorReport) throws -> String {
    let encoder = JSONEncoder()
    // Sorted: `JSONEncoder` writes an object's keys in no fixed order otherwise.
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return String(decoding: try encoder.encode(ReportJSON(report)), as: UTF8.self) + "\n"
  }

  // MARK: Table

  /// An aligned terminal table per indicator: regions down, measures across, values rounded as
  /// published; East Asian wide characters count two columns. Footnote marks follow absent
  /// values (`—[注1]`) and the notes are listed at the end.
  static func table(_ report: IndicatorReport) -> String {
    let span = report.period.kind != .month
    var out =
      "\(report.region.name) \(report.period.chineseName)（累计\(report.period.cumulativeName)，截至\(report.asOf)）\n"
    for indicator in report.indicators {
      let rows = report.results(for: indicator.id)
      guard !rows.isEmpty else { continue }
      // The measures of a child row, in spec order; the report region's rank cell stays empty.
      let measures = indicator.measures(
        targetMode: report.targetModes[indicator.id] ?? .atLeast,
        isReportRegion: rows.allSatisfy(\.isReportRegion))
      out += "\n\(indicator.shortName)（\(indicator.unit)）  \(indicator.id)\n"
      var grid: [[String]] = [["地区"] + measures.map { $0.chineseLabel(span: span) }]
      for row in rows {
        grid.append(
          [row.region.name]
            + measures.map { measure in
              guard let figure = row.measureFigure(measure) else { return "" }
              let marks = figure.footnotes.map { "[注\($0)]" }.joined()
              return IndicatorFormat.display(figure.figure, of: indicator, measure: measure) + marks
            })
      }
      let widths = (0..<grid[0].count).map { column in grid.map { DisplayWidth.of($0[column]) }.max() ?? 0 }
      for cells in grid {
        let line = cells.enumerated().map { column, cell in
          let padding = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
          return column == 0 ? cell + padding : padding + cell
        }.joined(separator: "  ")
        out += line + "\n"
      }
    }
    let notes = report.tableFootnotes
    if !notes.isEmpty {
      out += "\n"
      for note in notes { out += "注\(note.number)：\(note.text)\n" }
    }
    return out
  }
}

/// A number written exactly as `indicators.csv` writes it (15 significant digits), as a JSON
/// number: `JSONEncoder` writes a `Decimal` with its own digits, where a `Double` could gain some.
private struct ExactNumber: Encodable {
  let text: String

  init(_ value: Rational) { text = IndicatorFormat.significant(value) }

  func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    guard let decimal = Decimal(string: text) else {
      throw EncodingError.invalidValue(
        text, .init(codingPath: encoder.codingPath, debugDescription: "not a decimal number: \(text)"))
    }
    try container.encode(decimal)
  }
}

/// The JSON document of `minsheng indicators --format json`.
private struct ReportJSON: Encodable {
  struct RegionJSON: Encodable {
    let code: String
    let name: String
  }

  struct FootnoteJSON: Encodable {
    let number: Int
    let text: String
  }

  let period: String
  let periodName: String
  let asOf: String
  let region: RegionJSON
  let timeProgressPct: ExactNumber
  let indicators: [IndicatorJSON]
  let footnotes: [FootnoteJSON]

  enum CodingKeys: String, CodingKey {
    case period, periodName = "period_name", asOf = "as_of", region, timeProgressPct = "time_progress_pct"
    case indicators, footnotes
  }

  init(_ report: IndicatorReport) {
    period = report.period.description
    periodName = report.period.chineseName
    asOf = report.asOf.description
    region = RegionJSON(code: report.region.code, name: report.region.name)
    timeProgressPct = ExactNumber(report.timeProgressPct)
    indicators = report.indicators.compactMap { indicator in
      let rows = report.results(for: indicator.id)
      return rows.isEmpty ? nil : IndicatorJSON(indicator, rows: rows)
    }
    footnotes = report.tableFootnotes.map { FootnoteJSON(number: $0.number, text: $0.text) }
  }
}

/// One indicator with its rows, in the JSON document.
private struct IndicatorJSON: Encodable {
  struct RowJSON: Encodable {
    let regionCode: String
    let regionName: String
    let measures: [String: MeasureJSON]

    enum CodingKeys: String, CodingKey {
      case regionCode = "region_code", regionName = "region_name", measures
    }
  }

  let id: String
  let name: String
  let unit: String
  let kind: String
  let decimals: Int
  let rows: [RowJSON]

  init(_ indicator: IndicatorDefinition, rows: [IndicatorResult]) {
    id = indicator.id
    name = indicator.name
    unit = indicator.unit
    kind = indicator.kind.rawValue
    decimals = indicator.decimals
    self.rows = rows.map { row in
      RowJSON(
        regionCode: row.region.code, regionName: row.region.name,
        measures: Dictionary(
          row.figures.map { ($0.measure.rawValue, MeasureJSON($0, of: indicator)) },
          uniquingKeysWith: { first, _ in first }))
    }
  }
}

/// One measure's figure: the exact value (a number, a flag, or null), the displayed digits, why
/// it is absent, and its footnote numbers.
private struct MeasureJSON: Encodable {
  enum Value: Encodable {
    case number(ExactNumber), flag(Bool), absent

    func encode(to encoder: any Encoder) throws {
      var container = encoder.singleValueContainer()
      switch self {
      case .number(let number): try container.encode(number)
      case .flag(let flag): try container.encode(flag)
      case .absent: try container.encodeNil()
      }
    }
  }

  let value: Value
  let display: String
  let absent: String?
  let footnotes: [Int]?

  init(_ figure: MeasureFigure, of indicator: IndicatorDefinition) {
    switch figure.figure {
    case .number(let number):
      value = .number(ExactNumber(number))
      absent = nil
    case .flag(let flag):
      value = .flag(flag)
      absent = nil
    case .absent(let reason):
      value = .absent
      absent = reason.rawValue
    }
    display = IndicatorFormat.display(figure.figure, of: indicator, measure: figure.measure)
    footnotes = figure.footnotes.isEmpty ? nil : figure.footnotes
  }

  enum CodingKeys: String, CodingKey { case value, display, absent, footnotes }

  /// `value` is always written, null when absent; `absent` and `footnotes` only when there are.
  func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(value, forKey: .value)
    try container.encode(display, forKey: .display)
    try container.encodeIfPresent(absent, forKey: .absent)
    try container.encodeIfPresent(footnotes, forKey: .footnotes)
  }
}
