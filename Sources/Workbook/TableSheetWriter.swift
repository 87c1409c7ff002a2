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
/// Geometry (widths, legend, header row) is worked out once in `init` from the content alone.
struct TableSheetWriter {
  let context: SheetContext
  let table: TableContent
  let sheet: Worksheet
  /// 1-based position among the document's tables (names the Excel table `表N`).
  let tableIndex: Int
  private let accessible: Bool
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

  private var theme: WorkbookTheme { context.theme }

  // MARK: Geometry

  /// Whether the bulletin header has two rows (some column has a group above it).
  var hasGroupRow: Bool { !accessible && table.columns.contains { $0.group != nil } }
  var headerRowCount: Int { hasGroupRow ? 2 : 1 }
  var firstDataRow: Int { headerTop + headerRowCount }
  /// The last data row; `firstDataRow - 1` for a table without rows.
  var lastDataRow: Int { firstDataRow + table.rows.count - 1 }
  /// The last column (the label is column 0, value column `j` is `j + 1`).
  var lastColumn: Int { table.columns.count }
  var grid: CellGrid { CellGrid(firstDataRow: firstDataRow) }
  var formulas: DerivedFormulas { DerivedFormulas(table: table, grid: grid) }

  func cell(_ row: Int, _ column: Int) -> TableCell {
    let cells = table.rows[row].cells
    return column < cells.count ? cells[column] : .blank
  }

  // MARK: Texts

  /// Footnote numbers to show beside a row's label: all of the row's in the accessible layout
  /// (notes are referenced from labels, never from data cells); in the bulletin layout those of
  /// cells that show a number, since an absent cell carries its own mark.
  func labelFootnotes(_ row: Int) -> [Int] {
    var numbers: Set<Int> = []
    for column in table.columns.indices {
      let cell = cell(row, column)
      if accessible || !cell.isAbsent { numbers.formUnion(cell.footnotes) }
    }
    return numbers.sorted()
  }

  /// The row label as written: the label followed by `[注n]` marks.
  func labelText(_ row: Int) -> String {
    table.rows[row].label + labelFootnotes(row).map(SheetContext.reference).joined()
  }

  /// An absent cell as written: `—`, with its `[注n]` marks in the bulletin layout.
  func absentText(_ cell: TableCell) -> String {
    accessible ? "—" : "—" + cell.footnotes.sorted().map(SheetContext.reference).joined()
  }

  /// The text a value cell shows (for column widths).
  func shownText(_ cell: TableCell) -> String { cell.isAbsent ? absentText(cell) : cell.text }

  /// Every footnote number the table refers to.
  var footnoteNumbers: [Int] {
    Set(table.rows.flatMap { $0.cells.flatMap(\.footnotes) }).sorted()
  }

  /// The accessible layout's header row: the label header and each column's one-line header,
  /// made unique (an Excel table requires it).
  var singleRowHeaders: [String] {
    var seen: Set<String> = []
    var result: [String] = []
    for text in [table.labelHeader] + table.columns.map(\.fullHeader) {
      var candidate = text.isEmpty ? "列\(result.count + 1)" : text
      var counter = 2
      while seen.contains(candidate.lowercased()) {
        candidate = "\(text)(\(counter))"
        counter += 1
      }
      seen.insert(candidate.lowercased())
      result.append(candidate)
    }
    return result
  }

  /// The bulletin header: the label header merged down both rows; consecutive columns of one
  /// group under a merged group cell; a column without a group (or alone in a group of its own
  /// name) merged down both rows.
  var bulletinHeader: [HeaderCell] {
    let top = headerTop
    guard hasGroupRow else {
      return ([table.labelHeader] + table.columns.map(\.header)).enumerated().map { column, text in
        HeaderCell(range: CellRange(Cell(row: top, column: column)), text: text)
      }
    }
    var cells = [HeaderCell(range: CellRange(rows: top...top + 1, columns: 0...0), text: table.labelHeader)]
    var index = 0
    let columns = table.columns
    while index < columns.count {
      let group = columns[index].group
      var end = index
      while let group, end + 1 < columns.count, columns[end + 1].group == group { end += 1 }
      if let group, !(end == index && columns[index].header == group) {
        cells.append(HeaderCell(range: CellRange(rows: top...top, columns: index + 1...end + 1), text: group))
        for column in index...end {
          cells.append(
            HeaderCell(range: CellRange(Cell(row: top + 1, column: column + 1)), text: columns[column].header)
          )
        }
      } else {
        cells.append(
          HeaderCell(
            range: CellRange(rows: top...top + 1, columns: index + 1...index + 1), text: columns[index].header
          ))
      }
      index = end + 1
    }
    return cells
  }

  /// The header text that sets a value column's width: its own header (bottom row).
  private func headerText(ofColumn column: Int) -> String {
    accessible ? singleRowHeaders[column + 1] : table.columns[column].header
  }

  // MARK: Column widths

  /// Widest header shown on one line; longer headers wrap (at a space where they have one).
  static let headerLineLimit = 20

  /// The display width that text above and below the table may take: the table's width, at
  /// least ``minimumTextWidth``.
  var textWidth: Int { max(Self.minimumTextWidth, Int(widths.reduce(0, +)) - 4) }

  /// Narrowest width of a table with its title, subtitle and notes.
  static let minimumTextWidth = 40
  /// Widest a table is made to fit its title (wider titles are still written whole).
  static let maximumTitleWidth = 110

  /// Column widths in Excel units, from the display width of what each column shows (a CJK
  /// character counts two); group cells widen the columns under them when needed, and all value
  /// columns widen together when the table is narrower than its title (14 pt, so 1.3 times
  /// wider than body text) or its subtitle: a title centred across a narrower table, or text
  /// beyond the table's last column, would be cut off in print.
  private var columnWidths: [Double] {
    var widths: [Double] = []
    let labelWidth = table.rows.indices.map { DisplayWidth.of(labelText($0)) }.max() ?? 0
    let labelHeader = accessible ? singleRowHeaders[0] : table.labelHeader
    widths.append(
      DisplayWidth.columnWidth(
        forDisplayWidth: max(labelWidth, min(DisplayWidth.of(labelHeader), 20)), padding: 3, minimum: 10,
        maximum: 60))
    for column in table.columns.indices {
      let data = table.rows.indices.map { DisplayWidth.of(shownText(cell($0, column))) }.max() ?? 0
      let header = Self.headerLineWidth(headerText(ofColumn: column))
      widths.append(
        DisplayWidth.columnWidth(forDisplayWidth: max(data + 1, header), padding: 3, minimum: 8, maximum: 40))
    }
    guard !accessible else { return widenedForTitle(widths) }
    for cell in bulletinHeader where cell.range.columnCount > 1 {
      let needed = Double(DisplayWidth.of(cell.text) + 2)
      let have = cell.range.columns.reduce(0) { $0 + widths[$1] }
      if needed > have {
        let extra = (needed - have) / Double(cell.range.columnCount)
        for column in cell.range.columns { widths[column] += extra }
      }
    }
    return widenedForTitle(widths)
  }

  private func widenedForTitle(_ widths: [Double]) -> [Double] {
    let title = (Double(DisplayWidth.of(table.caption)) * 1.3).rounded(.up) + 4
    let needed = min(
      max(title, Double(DisplayWidth.of(table.subtitle) + 4), Double(Self.minimumTextWidth + 4)),
      Double(Self.maximumTitleWidth))
    let have = widths.reduce(0, +)
    guard needed > have else { return widths }
    let widened = widths.count > 1 ? 1..<widths.count : 0..<widths.count
    let extra = ((needed - have) / Double(widened.count)).rounded(.up)
    var result = widths
    for column in widened { result[column] += extra }
    return result
  }

  /// The width a header needs: all of it up to ``headerLineLimit``; beyond, its widest line
  /// when wrapped in two (or more) lines.
  static func headerLineWidth(_ text: String) -> Int {
    let width = DisplayWidth.of(text)
    guard width > Self.headerLineLimit else { return width }
    let half = max(Self.headerLineLimit / 2, (width + 1) / 2)
    return TextWrap.lines(text, width: half).map { DisplayWidth.of($0) }.max() ?? width
  }

  /// Lines a text needs in a cell `width` wide (the padding kept as slack).
  private static func lines(_ text: String, width: Double) -> Int {
    TextWrap.lines(text, width: Int(width) - 2).count
  }

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
    var entries = ["符号说明：“—”表示无法计算或数据缺失。"]
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
    let formulas = self.formulas
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
          let signless = value < 0 && !cell.text.hasPrefix("-")
          let format = try context.format(
            theme.number(decimals: cell.decimals, isTotal: row.isTotal, signless: signless))
          if let formula = formulas.formula(row: index, column: column) {
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

  /// Conditional-format rules: (value column, formula relative to the column's first data cell).
  ///
  /// A progress gap is highlighted when it rounds (as shown) below zero; a completion rate when
  /// it is behind the time progress of its row — from a `time_progress_pct` column when there is
  /// one, else from the row's gap. Text (`—`) never matches: each rule tests `ISNUMBER` first.
  var highlightRules: [(column: Int, formula: String)] {
    var rules: [(column: Int, formula: String)] = []
    let formulas = self.formulas
    let row = firstDataRow + 1
    func reference(_ column: Int) -> String { "$\(Cell.columnName(grid.sheetColumn(column)))\(row)" }
    for block in Set(formulas.blocks).sorted() {
      let first = formulas.blocks.firstIndex(of: block) ?? 0
      let gap = formulas.column(of: "progress_gap_pp", inBlockOf: first)
      let completion = formulas.column(of: "completion_pct", inBlockOf: first)
      let progress = formulas.column(of: "time_progress_pct", inBlockOf: first)
      let decimals = gap.map(self.decimals(ofColumn:)) ?? 1
      if let gap {
        let g = reference(gap)
        rules.append((gap, "=AND(ISNUMBER(\(g)),ROUND(\(g),\(decimals))<0)"))
      }
      if let completion {
        let c = reference(completion)
        if let progress {
          let p = reference(progress)
          rules.append((completion, "=AND(ISNUMBER(\(c)),ISNUMBER(\(p)),ROUND(\(c)-\(p),\(decimals))<0)"))
        } else if let gap {
          let g = reference(gap)
          rules.append((completion, "=AND(ISNUMBER(\(c)),ISNUMBER(\(g)),ROUND(\(g),\(decimals))<0)"))
        }
      }
    }
    return rules
  }

  /// The decimals of a column's first number (1 when it has none).
  private func decimals(ofColumn column: Int) -> Int {
    table.rows.indices.lazy.map { cell($0, column) }.first { $0.value != nil }?.decimals ?? 1
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
    let source = table.source.trimmingCharacters(in: .whitespaces)
    if !source.isEmpty { lines.append(source.hasPrefix("资料来源") ? source : "资料来源：\(source)") }
    for note in table.notes where !note.isEmpty {
      lines.append(note.hasPrefix("注") ? note : "注：\(note)")
    }
    let texts = Dictionary(
      context.document.footnotes.map { ($0.number, $0.text) }, uniquingKeysWith: { first, _ in first })
    if accessible {
      if !footnoteNumbers.isEmpty {
        lines.append(footnoteNumbers.map(SheetContext.reference).joined(separator: "、") + "的内容见“注释”工作表。")
      }
    } else {
      for number in footnoteNumbers {
        lines.append("\(SheetContext.reference(number)) \(texts[number] ?? "")")
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

  /// The by-region column charted natively: the first of `ytd`, `level`, `month` whose cells
  /// are numbers on every row below the total row, and those rows (contiguous, at least two).
  var chartedColumn: (column: Int, rows: ClosedRange<Int>)? {
    guard let total = table.rows.firstIndex(where: \.isTotal) else { return nil }
    let children = table.rows.indices.filter { !table.rows[$0].isTotal }
    guard children.count >= 2, let first = children.first, let last = children.last,
      last - first + 1 == children.count, !(first...last).contains(total)
    else { return nil }
    for measure in ["ytd", "level", "month"] {
      guard let column = table.columns.firstIndex(where: { $0.measure == measure }) else { continue }
      if children.allSatisfy({ !cell($0, column).isAbsent && cell($0, column).value != nil }) {
        return (column, first...last)
      }
    }
    return nil
  }

  /// The name of a charted column: its group when the header only repeats it (`1-10月累计`
  /// rather than `1-10月累计 累计`), else its one-line header.
  func chartSeriesName(_ column: Int) -> String {
    let definition = table.columns[column]
    if let group = definition.group, group.hasSuffix(definition.header) { return group }
    return definition.fullHeader
  }

  /// The unit from the subtitle (`单位：件；2024年1-10月` → `件`), if stated.
  var unit: String? {
    guard let range = table.subtitle.range(of: "单位：") else { return nil }
    let rest = table.subtitle[range.upperBound...]
    let unit = rest.prefix { $0 != "；" && $0 != ";" && $0 != "，" && $0 != " " }
    return unit.isEmpty ? nil : String(unit)
  }

  /// Inserts a bar chart of the charted column beside the table, level with its header.
  private func writeChart() throws {
    guard let (column, rows) = chartedColumn else { return }
    let workbook = context.workbook
    let sheetColumn = grid.sheetColumn(column)
    let sheetRows = grid.sheetRow(rows.lowerBound)...grid.sheetRow(rows.upperBound)
    let chart = try workbook.addChart(.bar)
    let header = chartSeriesName(column)
    let series = try chart.addSeries(
      values: SheetRange(sheet.name, CellRange(rows: sheetRows, columns: sheetColumn...sheetColumn)),
      categories: SheetRange(sheet.name, CellRange(rows: sheetRows, columns: 0...0)), name: .text(header))
    let decimals = cell(rows.lowerBound, column).decimals
    try series.setDataLabels(
      numberFormat: WorkbookTheme.numberFormat(decimals: decimals), position: .outsideEnd,
      font: ChartFont(size: 9))
    try series.setFill(Color(rgb: 0x2F5597))
    let title = "\(table.caption)（\(header)）"
    try chart.setTitle(title, font: ChartFont(size: 12, bold: true))
    try chart.setLegend(.none)
    try chart.setGap(60)
    // The first region at the top, and the value axis kept at the bottom.
    try chart.categoryAxis.setReversed()
    try chart.categoryAxis.setCrossingAtMaximum()
    try chart.categoryAxis.setLabelFont(ChartFont(size: 9))
    let unitCaption = unit.map { "单位：\($0)" } ?? table.subtitle
    try chart.valueAxis.setTitle(unitCaption, font: ChartFont(size: 9))
    try chart.valueAxis.setNumberFormat("#,##0")
    try chart.valueAxis.setLabelFont(ChartFont(size: 9))
    // Bars start at zero (the scale would otherwise start near the smallest value).
    if rows.allSatisfy({ (cell($0, column).value ?? 0) >= 0 }) {
      try chart.valueAxis.setBounds(minimum: 0)
    }
    let points = rows.map { "\(table.rows[$0].label) \(cell($0, column).text)" }.joined(separator: "；")
    let altText =
      "条形图：\(title)（\(unitCaption)，\(table.subtitle)）。按表中顺序，各地区数值为：\(points)。数据见本表“\(table.columns[column].fullHeader)”列。"
    let height = Double(max(260, 30 * rows.count + 110))
    try sheet.insertChart(
      chart, at: Cell(row: headerTop, column: lastColumn + 2), altText: altText, width: 560, height: height)
  }
}
