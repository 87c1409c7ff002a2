import TextRules

/// Output formats of `minsheng indicators --format`.
public enum IndicatorOutputFormat: String, CaseIterable, Sendable {
  case table, csv, json
}

/// Text renderings of a report for the `minsheng indicators` command: an aligned terminal table,
/// JSON, or `indicators.csv`. Use `IndicatorReport.filtered(only:region:)` for `--only` and
/// `--region`.
public enum IndicatorText {
  /// The report in `format`.
  public static func render(_ report: IndicatorReport, format: IndicatorOutputFormat) -> String {
    switch format {
    case .table: table(report)
    case .csv: IndicatorCSV.text(report)
    case .json: json(report)
    }
  }

  // MARK: JSON

  /// JSON with exact values (numbers to 15 significant digits, as in `indicators.csv`), the
  /// displayed digits, and footnotes:
  ///
  ///     {"period": "2024-10", "as_of": "2024-10-31", "region": {"code": …, "name": …},
  ///      "time_progress_pct": 83.3333333333333,
  ///      "indicators": [{"id": …, "name": …, "unit": …, "kind": "flow", "decimals": 0,
  ///        "rows": [{"region_code": …, "region_name": …, "measures": {
  ///          "ytd": {"value": 678, "display": "678"},
  ///          "ytd_yoy_pct": {"value": null, "display": "—", "absent": "not_computable"}, …}}]}],
  ///      "footnotes": [{"number": 1, "text": …}]}
  public static func json(_ report: IndicatorReport) -> String {
    var out = "{\n"
    out += "  \"period\": \(string(report.period.description)),\n"
    out += "  \"period_name\": \(string(report.period.chineseName)),\n"
    out += "  \"as_of\": \(string(report.asOf.description)),\n"
    out +=
      "  \"region\": {\"code\": \(string(report.region.code)), \"name\": \(string(report.region.name))},\n"
    out += "  \"time_progress_pct\": \(IndicatorFormat.significant(report.timeProgressPct)),\n"
    out += "  \"indicators\": ["
    var firstIndicator = true
    for indicator in report.indicators {
      let rows = report.results(for: indicator.id)
      guard !rows.isEmpty else { continue }
      out += (firstIndicator ? "\n" : ",\n")
      firstIndicator = false
      out += "    {\"id\": \(string(indicator.id)), \"name\": \(string(indicator.name)), "
      out += "\"unit\": \(string(indicator.unit)), \"kind\": \(string(indicator.kind.rawValue)), "
      out += "\"decimals\": \(indicator.decimals),\n      \"rows\": ["
      for (rowIndex, row) in rows.enumerated() {
        out += (rowIndex == 0 ? "\n" : ",\n")
        out +=
          "        {\"region_code\": \(string(row.region.code)), \"region_name\": \(string(row.region.name)), \"measures\": {"
        out += row.figures.map { figure in
          var item = "\(string(figure.measure.rawValue)): {\"value\": "
          switch figure.figure {
          case .number(let value): item += IndicatorFormat.significant(value)
          case .flag(let flag): item += flag ? "true" : "false"
          case .absent: item += "null"
          }
          item +=
            ", \"display\": \(string(IndicatorFormat.display(figure.figure, of: indicator, measure: figure.measure)))"
          if case .absent(let reason) = figure.figure { item += ", \"absent\": \(string(reason.rawValue))" }
          if !figure.footnotes.isEmpty {
            item += ", \"footnotes\": [\(figure.footnotes.map(String.init).joined(separator: ", "))]"
          }
          return item + "}"
        }.joined(separator: ", ")
        out += "}}"
      }
      out += "\n      ]}"
    }
    out += firstIndicator ? "],\n" : "\n  ],\n"
    out += "  \"footnotes\": ["
    out += report.tableFootnotes.map { "{\"number\": \($0.number), \"text\": \(string($0.text))}" }.joined(
      separator: ", ")
    out += "]\n}\n"
    return out
  }

  /// A JSON string literal.
  static func string(_ text: String) -> String {
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }

  // MARK: Table

  /// An aligned terminal table per indicator: regions down, measures across, values rounded as
  /// published; East Asian wide characters count two columns. Footnote marks follow absent
  /// values (`—[注1]`) and the notes are listed at the end.
  public static func table(_ report: IndicatorReport) -> String {
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
      let widths = (0..<grid[0].count).map { column in grid.map { displayWidth($0[column]) }.max() ?? 0 }
      for cells in grid {
        let line = cells.enumerated().map { column, cell in
          let padding = String(repeating: " ", count: widths[column] - displayWidth(cell))
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

  /// Columns a string occupies in a terminal.
  public static func displayWidth(_ text: String) -> Int { DisplayWidth.of(text) }
}
