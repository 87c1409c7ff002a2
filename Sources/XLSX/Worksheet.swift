internal import CXlsxWriter
import TextRules

/// What the Swift side remembers about a worksheet: its C pointer, its name, and what it needs
/// for column fitting and for the cumulative `ignore_errors` ranges.
final class SheetState {
  let pointer: UnsafeMutablePointer<lxw_worksheet>
  let name: String
  let index: Int
  /// Display width of what was written: per column, a width per row (-1 where nothing was).
  var contentWidths: [Int: [Int]] = [:]
  /// Ranges given to ``Worksheet/ignoreErrors(_:in:)`` so far, per kind.
  var ignoredErrors: [IgnoredError: [CellRange]] = [:]

  init(pointer: UnsafeMutablePointer<lxw_worksheet>, name: String, index: Int) {
    self.pointer = pointer
    self.name = name
    self.index = index
  }

  func noteWidth(_ width: Int, at cell: Cell) {
    Self.note(width, row: cell.row, in: &contentWidths[cell.column, default: []])
  }

  private static func note(_ width: Int, row: Int, in widths: inout [Int]) {
    if widths.count <= row { widths.append(contentsOf: repeatElement(-1, count: row + 1 - widths.count)) }
    widths[row] = width
  }
}

/// A worksheet of a ``Workbook``; get one with ``Workbook/addWorksheet(named:)``.
///
/// A non-owning handle: the C worksheet belongs to the workbook and lives until the workbook is
/// closed; afterwards every method throws `XLSX_WORKBOOK_CLOSED`. Every method that can fail
/// throws an ``XLSXError`` naming the C function, this sheet and the cell.
public struct Worksheet {
  let workbook: Workbook
  let state: SheetState

  /// The sheet's name (its tab label).
  public var name: String { state.name }
  /// Zero-based position among the workbook's worksheets.
  public var index: Int { state.index }

  /// The C worksheet, or `XLSX_WORKBOOK_CLOSED`.
  func open(_ function: String, cell: @autoclosure () -> String? = nil) throws(XLSXError)
    -> UnsafeMutablePointer<lxw_worksheet>
  {
    _ = try workbook.open(function, sheet: name, cell: cell())
    return state.pointer
  }

  /// Throws an ``XLSXError`` with this sheet's context unless `status` is `LXW_NO_ERROR`.
  func check(_ status: lxw_error, _ function: String, cell: @autoclosure () -> String? = nil)
    throws(XLSXError)
  {
    try XLSX.check(status, function, sheet: name, cell: cell())
  }

  /// An error with this sheet's context.
  func error(_ code: XLSXError.Code, _ function: String, cell: String? = nil, message: String? = nil)
    -> XLSXError
  {
    XLSXError(code, message: message, function: function, sheet: name, cell: cell)
  }

  /// The C row and column of `cell`, or `LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE`.
  func position(_ cell: Cell, _ function: String) throws(XLSXError) -> (lxw_row_t, lxw_col_t) {
    guard cell.isOnGrid else { throw error(.worksheetIndexOutOfRange, function, cell: "\(cell)") }
    return (lxw_row_t(cell.row), lxw_col_t(cell.column))
  }

  /// The C corners of `range`, or `LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE`.
  func corners(_ range: CellRange, _ function: String) throws(XLSXError)
    -> (lxw_row_t, lxw_col_t, lxw_row_t, lxw_col_t)
  {
    guard range.first.isOnGrid, range.last.isOnGrid else {
      throw error(.worksheetIndexOutOfRange, function, cell: "\(range)")
    }
    return (
      lxw_row_t(range.first.row), lxw_col_t(range.first.column), lxw_row_t(range.last.row),
      lxw_col_t(range.last.column)
    )
  }

  /// The C format of `format` (`NULL` for none), or `XLSX_FOREIGN_HANDLE`.
  func cFormat(_ format: Format?, _ function: String, cell: @autoclosure () -> String? = nil)
    throws(XLSXError)
    -> UnsafeMutablePointer<lxw_format>?
  {
    guard let format else { return nil }
    guard format.workbook === workbook else { throw error(.foreignHandle, function, cell: cell()) }
    return format.pointer
  }

  // MARK: Cells

  /// Writes `text` as a string — always as a string: text starting with `=`, `+`, `-` or `@` stays
  /// literal text and is never taken for a formula (use ``writeFormula(_:cachedNumber:at:format:)``
  /// for formulas).
  public func write(_ text: String, at cell: Cell, format: Format? = nil) throws(XLSXError) {
    let function = "worksheet_write_string"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    let status = try withCString(text, function, sheet: name, cell: "\(cell)") {
      worksheet_write_string(worksheet, row, column, $0, cFormat)
    }
    try check(status, function, cell: "\(cell)")
    state.noteWidth(DisplayWidth.of(text), at: cell)
  }

  /// Writes a number. NaN and infinities are refused (`XLSX_NON_FINITE_NUMBER`): decide what an
  /// absent or undefined value shows in the model, and write that.
  public func write(_ number: Double, at cell: Cell, format: Format? = nil) throws(XLSXError) {
    let function = "worksheet_write_number"
    let worksheet = try open(function, cell: "\(cell)")
    guard number.isFinite else { throw error(.nonFiniteNumber, function, cell: "\(cell)") }
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    try check(worksheet_write_number(worksheet, row, column, number, cFormat), function, cell: "\(cell)")
    noteNumberWidth(number, format: format, at: cell)
  }

  /// Writes an integer as a number.
  public func write(_ number: Int, at cell: Cell, format: Format? = nil) throws(XLSXError) {
    try write(Double(number), at: cell, format: format)
  }

  /// Writes a boolean (shown as TRUE/FALSE).
  public func write(_ value: Bool, at cell: Cell, format: Format? = nil) throws(XLSXError) {
    let function = "worksheet_write_boolean"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    try check(
      worksheet_write_boolean(worksheet, row, column, value ? 1 : 0, cFormat), function, cell: "\(cell)")
    state.noteWidth(value ? 4 : 5, at: cell)
  }

  /// Writes a formula together with its computed numeric value, so a reader that does not
  /// recalculate (or Excel before recalculating) shows the right number.
  ///
  /// Write formulas as Excel stores them: English function names, commas between arguments,
  /// e.g. `=(B5-C5)/C5*100`; the leading `=` is optional.
  public func writeFormula(
    _ formula: String, cachedNumber value: Double, at cell: Cell, format: Format? = nil
  ) throws(XLSXError) {
    let function = "worksheet_write_formula_num"
    let worksheet = try open(function, cell: "\(cell)")
    guard value.isFinite else { throw error(.nonFiniteNumber, function, cell: "\(cell)") }
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    let status = try withCString(formula, function, sheet: name, cell: "\(cell)") {
      worksheet_write_formula_num(worksheet, row, column, $0, cFormat, value)
    }
    try check(status, function, cell: "\(cell)")
    noteNumberWidth(value, format: format, at: cell)
  }

  /// Writes a formula together with its computed text value (e.g. `=IF(B5>0,"增","减")`).
  public func writeFormula(
    _ formula: String, cachedString value: String, at cell: Cell, format: Format? = nil
  ) throws(XLSXError) {
    let function = "worksheet_write_formula_str"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      worksheet_write_formula_str(
        worksheet, row, column, try arena.copy(formula), cFormat, try arena.copy(value))
    }
    try check(status, function, cell: "\(cell)")
    state.noteWidth(DisplayWidth.of(value), at: cell)
  }

  /// Writes an empty cell that carries a format (borders or fill around absent values).
  /// libxlsxwriter ignores a blank without a format, so one is required.
  public func writeBlank(at cell: Cell, format: Format) throws(XLSXError) {
    let function = "worksheet_write_blank"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    try check(worksheet_write_blank(worksheet, row, column, cFormat), function, cell: "\(cell)")
  }

  /// Writes a hyperlink (`https:`, `http:`, `mailto:`, `file:` or `internal:`) shown as `text`
  /// (the URL itself when `nil`). Without a format the link gets Excel's blue underlined
  /// Hyperlink style.
  public func writeURL(
    _ url: String, text: String? = nil, tooltip: String? = nil, at cell: Cell, format: Format? = nil
  ) throws(XLSXError) {
    let function = "worksheet_write_url_opt"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    let cFormat = try cFormat(format, function, cell: "\(cell)")
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      worksheet_write_url_opt(
        worksheet, row, column, try arena.copy(url), cFormat, try arena.copy(text), try arena.copy(tooltip))
    }
    try check(status, function, cell: "\(cell)")
    state.noteWidth(DisplayWidth.of(text ?? url), at: cell)
  }

  /// Writes a link to a cell of a worksheet in this workbook (`internal:'Sheet'!A1`), e.g. from
  /// the contents sheet to each table. The target sheet may be added later.
  public func writeLink(
    toSheet sheet: String, cell target: Cell = Cell(row: 0, column: 0), text: String,
    tooltip: String? = nil, at cell: Cell, format: Format? = nil
  ) throws(XLSXError) {
    try writeURL(
      Worksheet.internalLink(sheet: sheet, cell: target), text: text, tooltip: tooltip, at: cell,
      format: format)
  }

  /// `internal:'Sheet'!A1`, with apostrophes in the sheet name doubled as Excel requires.
  public static func internalLink(sheet: String, cell: Cell) -> String {
    let quoted = sheet.replacingOccurrences(of: "'", with: "''")
    return "internal:'\(quoted)'!\(cell)"
  }

  /// Merges `range` into one cell showing `text` (always as a string).
  ///
  /// Merged cells count for no single column in ``fitColumnsToContent(rows:padding:minimum:maximum:)``.
  public func merge(_ range: CellRange, text: String, format: Format? = nil) throws(XLSXError) {
    let function = "worksheet_merge_range"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    let cFormat = try cFormat(format, function, cell: "\(range)")
    let status = try withCString(text, function, sheet: name, cell: "\(range)") {
      worksheet_merge_range(worksheet, firstRow, firstColumn, lastRow, lastColumn, $0, cFormat)
    }
    try check(status, function, cell: "\(range)")
  }

  /// Merges `range` into one cell showing a number.
  public func merge(_ range: CellRange, number: Double, format: Format? = nil) throws(XLSXError) {
    try merge(range, text: "", format: format)
    let function = "worksheet_write_number"
    guard number.isFinite else { throw error(.nonFiniteNumber, function, cell: "\(range.first)") }
    let (row, column) = try position(range.first, function)
    let status = worksheet_write_number(
      state.pointer, row, column, number, try cFormat(format, function, cell: "\(range.first)"))
    try check(status, function, cell: "\(range.first)")
  }

  // MARK: Column widths

  private func noteNumberWidth(_ number: Double, format: Format?, at cell: Cell) {
    let text = DisplayWidth.displayText(of: number, numberFormat: format?.spec.numberFormat)
    state.noteWidth(DisplayWidth.of(text), at: cell)
  }

  /// The display width (see ``DisplayWidth``) of the widest content written so far in `column`,
  /// over `rows` (all rows when `nil`); merged ranges are not counted. 0 for an empty column.
  public func contentWidth(ofColumn column: Int, rows: ClosedRange<Int>? = nil) -> Int {
    guard let widths = state.contentWidths[column], !widths.isEmpty else { return 0 }
    let first = max(0, rows?.lowerBound ?? 0)
    let last = min(widths.count - 1, rows?.upperBound ?? widths.count - 1)
    guard first <= last else { return 0 }
    return max(0, widths[first...last].max()!)
  }

  /// Sets every column that has content to fit its widest content (counting East Asian wide
  /// characters as two), plus `padding`, within `minimum…maximum`.
  ///
  /// Pass `rows` to leave out, say, a long title in A1 or notes under the table. Numbers count
  /// as shown by their format's ``FormatSpec/numberFormat``.
  public func fitColumnsToContent(
    rows: ClosedRange<Int>? = nil, padding: Double = 2, minimum: Double = 6, maximum: Double = 60
  ) throws(XLSXError) {
    for column in state.contentWidths.keys.sorted() {
      let width = contentWidth(ofColumn: column, rows: rows)
      guard width > 0 else { continue }
      try setColumnWidth(
        column,
        DisplayWidth.columnWidth(forDisplayWidth: width, padding: padding, minimum: minimum, maximum: maximum)
      )
    }
  }
}
