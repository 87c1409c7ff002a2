import Document
import TextRules
import XLSX

/// Where things go on a table's sheet: rows of the header and data, texts as written, widths.
extension TableSheetWriter {
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

  func cell(_ row: Int, _ column: Int) -> TableCell { table.cell(row, column) }

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
    table.rows[row].label + Footnote.marks(labelFootnotes(row))
  }

  /// An absent cell as written: the absent symbol, with its `[注n]` marks in the bulletin layout.
  func absentText(_ cell: TableCell) -> String {
    accessible ? cell.text : cell.text + Footnote.marks(cell.footnotes.sorted())
  }

  /// The text a value cell shows (for column widths).
  func shownText(_ cell: TableCell) -> String { cell.isAbsent ? absentText(cell) : cell.text }

  /// Every footnote number the table refers to.
  var footnoteNumbers: [Int] { table.footnoteNumbers }

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
  func headerText(ofColumn column: Int) -> String {
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
  var columnWidths: [Double] {
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

  func widenedForTitle(_ widths: [Double]) -> [Double] {
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
  static func lines(_ text: String, width: Double) -> Int {
    TextWrap.lines(text, width: Int(width) - 2).count
  }
}
