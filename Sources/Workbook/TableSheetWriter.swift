import Document
import Foundation
import TextRules
import XLSX

/// One header cell of a table: its range (merged when it spans more than one cell) and text.
struct HeaderCell: Equatable {
  var range: CellRange
  var text: String
}

/// Writes one table (表N) on its own sheet.
///
/// Rows, zero-based: the title in row 0 (A1), the subtitle (unit and span) in row 1; in the
/// `accessible` layout the symbols legend from row 2 (one symbol per row) and the one header row
/// under it; in the `bulletin` layout the header in rows 2–3 (or row 2 alone when no column has
/// a group). The data rows follow, then a blank row, the source and notes, wrapped to the
/// table's width one line per row so that nothing prints beyond the table's last column. A
/// by-region table gets a native bar chart over its own cells, beside the table; the print area
/// is the table and its notes.
///
/// Geometry (widths, legend, header row) is worked out once in `init` from the content alone
/// (`TableSheetWriter+Geometry.swift`); the native chart is in `TableSheetWriter+Chart.swift`.
/// Every figure, formula and highlight comes from the document's cells and columns: the writer
/// only places them.
struct TableSheetWriter {
  let context: SheetContext
  let table: TableContent
  let sheet: Worksheet
  /// 1-based position among the document's tables (names the Excel table `表N`).
  let tableIndex: Int
  let accessible: Bool
  /// Column widths in Excel units (see ``columnWidths``).
  private(set) var widths: [Double]
  /// The accessible layout's symbols legend above the table, one line per row.
  private(set) var symbolLines: [String]
  /// The first header row: 2, or below the symbols legend.
  private(set) var headerTop: Int

  init(context: SheetContext, table: TableContent, sheet: Worksheet, tableIndex: Int) {
    self.context = context
    self.table = table
    self.sheet = sheet
    self.tableIndex = tableIndex
    accessible = context.document.layout == .accessible
    widths = []
    symbolLines = []
    headerTop = 2
    widths = columnWidths
    if accessible {
      let width = textWidth
      symbolLines = symbols.flatMap { TextWrap.lines($0, width: width) }
      headerTop = 2 + symbolLines.count
    }
  }

  var theme: WorkbookTheme { context.theme }

  // MARK: Writing

  func write() throws {
    try writeTitle()
    let header = try writeHeader(widths: widths)
    try writeRows()
    let highlighted = try addHighlights()
    let tableEnd = max(lastDataRow, firstDataRow - 1)
    let notesEnd = try writeNotes(below: tableEnd + 2, widths: widths, highlighted: highlighted) - 1
    if accessible && !table.rows.isEmpty {
      let range = CellRange(rows: headerTop...lastDataRow, columns: 0...lastColumn)
      try sheet.addTable(
        range, TableSpec(name: "表\(tableIndex)", headers: header, style: WorkbookTheme.tableStyle))
      // The table writes its own header cells; write them again with the wrapping header format.
      let format = try context.format(theme.header)
      for (column, text) in header.enumerated() {
        try sheet.write(text, at: Cell(row: headerTop, column: column), format: format)
      }
    }
    // The chart stands right of the table, for the screen; printing keeps to the table and its
    // notes, so no page break ever cuts the chart in two.
    try writeChart()
    let printed = notesEnd > tableEnd + 1 ? notesEnd : tableEnd
    try sheet.setPrintArea(CellRange(rows: 0...printed, columns: 0...lastColumn))
    for (column, width) in widths.enumerated() { try sheet.setColumnWidth(column, width) }
    try fitHeaderRows(widths: widths)
    try sheet.freezePanes(at: Cell(row: firstDataRow, column: 1))
    try sheet.setGridlines(screen: false, print: false)
    try sheet.setPageSetup(
      context.pageSetup(landscape: true, repeatRows: headerTop...firstDataRow - 1))
    if !table.rows.isEmpty && lastColumn > 0 {
      let body = CellRange(rows: firstDataRow...lastDataRow, columns: 1...lastColumn)
      try sheet.ignoreErrors(.numberStoredAsText, in: [body])
      if accessible { try sheet.ignoreErrors(.calculatedColumn, in: [body]) }
    }
  }

  private func writeTitle() throws {
    let titleFormat = try context.format(theme.title)
    try sheet.write(table.caption, at: Cell(row: 0, column: 0), format: titleFormat)
    if !accessible {
      // Centre across the table's width without merging: the title stays in A1.
      for column in stride(from: 1, through: lastColumn, by: 1) {
        try sheet.writeBlank(at: Cell(row: 0, column: column), format: titleFormat)
      }
    }
    try sheet.setRowHeight(0, 24)
    try sheet.write(table.subtitle, at: Cell(row: 1, column: 0), format: try context.format(theme.subtitle))
    let format = try context.format(theme.explanation)
    for (offset, line) in symbolLines.enumerated() {
      try sheet.write(line, at: Cell(row: 2 + offset, column: 0), format: format)
    }
  }

  /// The accessible layout's legend above the table, one symbol per entry.
  var symbols: [String] {
    var entries = ["符号说明：“\(DecimalText.absentSymbol)”表示无法计算或数据缺失。"]
    if !footnoteNumbers.isEmpty { entries.append("[注n]表示注释，内容见“注释”工作表。") }
    if hasHighlight { entries.append("红色底纹加粗的数值低于序时进度。") }
    return entries
  }

  /// Writes the header; returns the accessible layout's header texts (empty for bulletin).
  private func writeHeader(widths: [Double]) throws -> [String] {
    let format = try context.format(theme.header)
    if accessible {
      let headers = singleRowHeaders
      for (column, text) in headers.enumerated() {
        try sheet.write(text, at: Cell(row: headerTop, column: column), format: format)
      }
      return headers
    }
    for cell in bulletinHeader {
      if cell.range.first == cell.range.last {
        try sheet.write(cell.text, at: cell.range.first, format: format)
      } else {
        try sheet.merge(cell.range, text: cell.text, format: format)
      }
    }
    return []
  }

  /// Sets header row heights for wrapped header text.
  private func fitHeaderRows(widths: [Double]) throws {
    var linesPerRow: [Int: Int] = [:]
    let cells =
      accessible
      ? singleRowHeaders.enumerated().map {
        HeaderCell(range: CellRange(Cell(row: headerTop, column: $0)), text: $1)
      }
      : bulletinHeader
    for cell in cells {
      let width = cell.range.columns.reduce(0) { $0 + widths[$1] }
      let lines = Self.lines(cell.text, width: width)
      // A cell merged down both rows shares its lines between them.
      let perRow = (lines + cell.range.rowCount - 1) / cell.range.rowCount
      for row in cell.range.rows { linesPerRow[row] = max(linesPerRow[row] ?? 1, perRow) }
    }
    for (row, lines) in linesPerRow { try context.fitRow(sheet, row: row, lines: lines) }
  }

  private func writeRows() throws {
    let hasTotal = table.rows.contains(where: \.isTotal)
    for (index, row) in table.rows.enumerated() {
      let sheetRow = grid.sheetRow(index)
      try sheet.write(
        labelText(index), at: Cell(row: sheetRow, column: 0),
        format: try context.format(theme.label(isTotal: row.isTotal, indented: hasTotal && !row.isTotal)))
      for column in table.columns.indices {
        let cell = cell(index, column)
        let position = Cell(row: sheetRow, column: grid.sheetColumn(column))
        if cell.isAbsent {
          try sheet.write(
            absentText(cell), at: position, format: try context.format(theme.symbol(isTotal: row.isTotal)))
        } else if let value = cell.value {
          // A negative value shown without its sign (it rounds to zero) keeps the document's digits.
          let signless = value < 0 && !cell.showsMinus
          let format = try context.format(
            theme.number(decimals: cell.decimals, isTotal: row.isTotal, signless: signless))
          if let derivation = cell.derivation {
            let formula = grid.formula(derivation, row: index)
            try sheet.writeFormula(formula, cachedNumber: value, at: position, format: format)
          } else {
            try sheet.write(value, at: position, format: format)
          }
        } else if cell.text.isEmpty {
          if !accessible { try sheet.writeBlank(at: position, format: try context.format(theme.blank)) }
        } else {
          try sheet.write(
            cell.text, at: position, format: try context.format(theme.symbol(isTotal: row.isTotal)))
        }
      }
    }
  }

  // MARK: Highlights

  /// Whether some column shows a progress gap, or a completion rate with the time progress.
  var hasHighlight: Bool { !highlightRules.isEmpty && !table.rows.isEmpty }

  /// Conditional-format rules: (value column, formula relative to the column's first data cell),
  /// from the columns' schedule tests, so that the highlight a spreadsheet shows holds exactly
  /// for the cells the document flags as behind schedule.
  var highlightRules: [(column: Int, formula: String)] {
    table.columns.indices.compactMap { column in
      table.columns[column].scheduleTest.map { (column, grid.highlightFormula($0, column: column)) }
    }
  }

  private func addHighlights() throws -> Bool {
    guard hasHighlight else { return false }
    let format = try context.format(theme.behindSchedule)
    for rule in highlightRules {
      let column = grid.sheetColumn(rule.column)
      try sheet.addConditionalFormat(
        .formula(rule.formula), format: format,
        to: CellRange(rows: firstDataRow...lastDataRow, columns: column...column))
    }
    return true
  }

  // MARK: Notes and chart

  /// The lines under the table: source, the table's notes, footnotes (bulletin) or a pointer to
  /// the notes sheet (accessible), and what the highlight means.
  func noteLines(highlighted: Bool) -> [String] {
    var lines: [String] = []
    if table.rows.isEmpty { lines.append("本表本期无数据。") }
    if let source = table.sourceLine { lines.append(source) }
    for note in table.notes where !note.isEmpty {
      lines.append(note.hasPrefix("注") ? note : "注：\(note)")
    }
    if accessible {
      if !footnoteNumbers.isEmpty {
        lines.append(footnoteNumbers.map(Footnote.mark).joined(separator: "、") + "的内容见“注释”工作表。")
      }
    } else {
      for number in footnoteNumbers {
        lines.append("\(Footnote.mark(number)) \(context.document.footnoteText(number) ?? "")")
      }
      if highlighted { lines.append("红色底纹加粗的数值低于序时进度。") }
    }
    return lines
  }

  /// Writes the note lines, wrapped to the table's width one line per row; returns the next row.
  private func writeNotes(below start: Int, widths: [Double], highlighted: Bool) throws -> Int {
    let format = try context.format(theme.note)
    let width = textWidth
    var row = start
    for line in noteLines(highlighted: highlighted) {
      for part in TextWrap.lines(line, width: width) {
        try sheet.write(part, at: Cell(row: row, column: 0), format: format)
        row += 1
      }
    }
    return row
  }
}
