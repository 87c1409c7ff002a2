import Document
import Engine
import Foundation
import Tables

/// A table while it is built: the cells as shown, and beside them what only the builder knows,
/// the measure of each column and the engine's exact figure of each cell, from which the
/// derivations and the behind-schedule flags are decided (``ContentBuilder/decide(_:)``).
struct TableDraft {
  var columns: [TableColumn] = []
  /// The measure of each column.
  var measures: [Measure] = []
  var rows: [TableRow] = []
  /// The exact figure of each cell, row by row (nil for a blank cell).
  var figures: [[Figure?]] = []
  var unit = ""
  var labelHeader = "指标"

  /// Appends a row and the figures behind its cells.
  mutating func append(_ row: TableRow, figures: [Figure?]) {
    rows.append(row)
    self.figures.append(figures)
  }

  /// The exact number of a cell, nil when it is absent, blank or not a number.
  func number(_ row: Int, _ column: Int) -> Rational? {
    column < figures[row].count ? figures[row][column]?.number : nil
  }
}

/// The tables (表N): their cells, each with everything a renderer needs.
extension ContentBuilder {
  /// The indicator ids of an `indicators` or `schemes` table, `{scheme}` expanded.
  func expand(_ table: ReportTemplate.Table) -> [String] {
    let ids = table.indicators ?? table.indicator.map { [$0] } ?? []
    guard table.rows == .schemes else { return ids }
    return schemes.flatMap { scheme in
      ids.map { $0.replacingOccurrences(of: "{scheme}", with: scheme.rawValue) }
    }
  }

  var schemes: [Scheme] {
    Scheme.allCases.filter { scheme in report.indicators.contains { $0.scheme == scheme } }
  }

  func group(_ measure: Measure) -> String? {
    switch measure {
    case .month, .monthPrev, .monthYoyPct, .momPct, .monthChangePp: isSpan ? "本期" : "本月"
    case .ytd, .ytdPrev, .ytdChange, .ytdYoyPct, .ytdChangePp: report.period.cumulativeName + "累计"
    case .level, .levelPrev, .levelYoyPct, .levelMomPct, .levelChangePp, .prevYearEnd, .increase: "期末"
    case .target, .completionPct, .met, .timeProgressPct, .progressGapPp: "年度目标"
    case .sharePct, .rank: nil
    }
  }

  // MARK: Cells

  /// The cell of `measure` of `indicator` for `region`, with its figure; an indicator the report
  /// lacks gives an absent cell.
  func cell(_ indicator: IndicatorDefinition?, _ region: String, _ measure: Measure) -> (TableCell, Figure?) {
    guard let indicator else { return (.absent(symbol: IndicatorFormat.absentSymbol), nil) }
    let figure = report.figure(indicator.id, region: region, measure: measure)
    let footnotes = numbering.numbers(report.footnoteNumbers(indicator.id, region: region, measure: measure))
    let cell = Self.cell(
      figure, decimals: indicator.decimals(for: measure), unit: indicator.unit(for: measure),
      footnotes: footnotes)
    return (cell, figure)
  }

  /// The cell showing `figure` with `decimals` decimals.
  static func cell(_ figure: Figure?, decimals: Int, unit: String, footnotes: [Int] = []) -> TableCell {
    let text = IndicatorFormat.display(figure, decimals: decimals)
    switch figure {
    case .number(let number)?:
      return TableCell(
        text: text, value: spreadsheetValue(figure), decimals: decimals, unit: unit, footnotes: footnotes,
        showsMinus: IndicatorFormat.roundedValue(number, decimals: decimals).isNegative)
    case .flag?:
      return TableCell(text: text, value: nil, decimals: decimals, unit: unit, footnotes: footnotes)
    case .absent?, nil:
      return .absent(symbol: text, decimals: decimals, unit: unit, footnotes: footnotes)
    }
  }

  /// The unrounded value for a spreadsheet cell, correct to 15 significant digits (as Excel keeps).
  static func spreadsheetValue(_ figure: Figure?) -> Double? {
    guard let value = figure?.number else { return nil }
    return Double(IndicatorFormat.significant(value))
  }

  func column(_ measure: Measure, group: String? = nil) -> TableColumn {
    TableColumn(
      group: group ?? self.group(measure), header: measure.chineseLabel(span: isSpan),
      measure: measure.rawValue)
  }

  // MARK: Tables

  func tableContent(_ table: ReportTemplate.Table, number: Int) throws(TemplateError) -> TableContent {
    var measures: [Measure] = []
    for name in table.measures { measures.append(try measure(name)) }
    var draft: TableDraft
    switch table.rows {
    case .indicators: draft = try indicatorRows(table, measures)
    case .schemes: draft = try schemeRows(table, measures)
    case .regions: draft = try regionRows(table, measures)
    case .categories: draft = categoryRows(measures)
    }
    decide(&draft)
    // Month-end levels are dated at the end of the period, flows by their span.
    let isLevels = measures.allSatisfy { group($0) == "期末" || $0 == .sharePct || $0 == .rank }
    let end = report.period.lastMonth
    let span =
      isLevels
      ? "\(end.year)年\(end.month)月末"
      : isSpan ? report.period.chineseName : "\(report.period.year)年\(report.period.cumulativeName)"
    let unit = draft.unit
    return TableContent(
      id: table.id, number: number, title: table.title, subtitle: (unit.isEmpty ? "" : "单位：\(unit)；") + span,
      unit: unit.isEmpty ? nil : unit, labelHeader: draft.labelHeader, columns: draft.columns,
      rows: draft.rows, notes: table.note.map { [$0] } ?? [], source: template.source,
      chartableColumns: [Measure.ytd, .level, .month].compactMap { draft.measures.firstIndex(of: $0) })
  }

  /// One row per indicator, of the report region; rows carry their own unit in the label.
  func indicatorRows(_ table: ReportTemplate.Table, _ measures: [Measure]) throws(TemplateError) -> TableDraft
  {
    var draft = TableDraft()
    draft.columns = measures.map { column($0) }
    draft.measures = measures
    for id in table.indicators ?? [] {
      let indicator = try self.indicator(id)
      // Rows of different indicators carry their own unit in the label: 及时受理率(%).
      let hasUnit = indicator.name.hasSuffix(")") || indicator.name.hasSuffix("）")
      let label = hasUnit || indicator.unit.isEmpty ? indicator.name : "\(indicator.name)(\(indicator.unit))"
      let cells = measures.map { cell(indicator, root, $0) }
      draft.append(TableRow(label: label, cells: cells.map(\.0)), figures: cells.map(\.1))
    }
    return draft
  }

  /// One row per insurance scheme; the measures repeat for each indicator of the template.
  func schemeRows(_ table: ReportTemplate.Table, _ measures: [Measure]) throws(TemplateError) -> TableDraft {
    var draft = TableDraft()
    draft.labelHeader = "险种"
    let templates = table.indicators ?? []
    for scheme in schemes {
      var indicators: [IndicatorDefinition] = []
      for template in templates {
        indicators.append(
          try indicator(template.replacingOccurrences(of: "{scheme}", with: scheme.rawValue)))
      }
      if draft.columns.isEmpty {
        draft.columns = indicators.flatMap { indicator in
          measures.map { column($0, group: indicators.count > 1 ? schemeless(indicator) : nil) }
        }
        draft.measures = indicators.flatMap { _ in measures }
        draft.unit = indicators.first?.unit ?? ""
      }
      let cells = indicators.flatMap { indicator in measures.map { cell(indicator, root, $0) } }
      draft.append(TableRow(label: scheme.chineseName, cells: cells.map(\.0)), figures: cells.map(\.1))
    }
    return draft
  }

  /// One row per region, the report region first (the total row, without a rank).
  func regionRows(_ table: ReportTemplate.Table, _ measures: [Measure]) throws(TemplateError) -> TableDraft {
    guard let id = table.indicator else {
      throw template.error(
        mentioning: table.id, "table '\(table.id)' with rows: regions needs an indicator")
    }
    let indicator = try self.indicator(id)
    var draft = TableDraft()
    draft.unit = indicator.unit
    draft.labelHeader = "地区"
    draft.columns = measures.map { column($0) }
    draft.measures = measures
    for region in report.regions {
      let isRoot = region.code == root
      let cells = measures.map {
        isRoot && $0 == .rank ? (TableCell.blank, nil) : cell(indicator, region.code, $0)
      }
      draft.append(
        TableRow(label: region.name, regionCode: region.code, isTotal: isRoot, cells: cells.map(\.0)),
        figures: cells.map(\.1))
    }
    return draft
  }

  /// One row per petition category (the largest, then 其他), their shares of all categories.
  func categoryRows(_ measures: [Measure]) -> TableDraft {
    var draft = TableDraft()
    draft.unit = "件"
    draft.labelHeader = "问题类别"
    draft.columns = measures.map { column($0) }
    draft.measures = measures
    for slice in report.categoryBreakdown(region: root, measure: .ytd) {
      let indicator = slice.indicatorId.flatMap(report.indicator)
      let cells = measures.map { measure -> (TableCell, Figure?) in
        switch measure {
        case .sharePct: return (Self.cell(slice.sharePct, decimals: 1, unit: "%"), slice.sharePct)
        case .ytd where indicator == nil:
          let figure = Figure.number(slice.value)
          return (Self.cell(figure, decimals: 0, unit: "件"), figure)
        default: return indicator == nil ? (TableCell.blank, nil) : cell(indicator, root, measure)
        }
      }
      draft.append(TableRow(label: slice.name, cells: cells.map(\.0)), figures: cells.map(\.1))
    }
    return draft
  }

  func schemeless(_ indicator: IndicatorDefinition) -> String {
    guard let scheme = indicator.scheme else { return indicator.shortName }
    let name = indicator.shortName
    return name.hasPrefix(scheme.chineseName) ? String(name.dropFirst(scheme.chineseName.count)) : name
  }
}
