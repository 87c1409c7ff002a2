internal import CXlsxWriter

/// Page orientation for printing.
public enum PageOrientation: Hashable, Sendable {
  case portrait, landscape
}

/// Page margins in inches.
public struct PageMargins: Hashable, Sendable {
  /// Left margin.
  public var left: Double
  /// Right margin.
  public var right: Double
  /// Top margin (the header sits inside it).
  public var top: Double
  /// Bottom margin (the footer sits inside it).
  public var bottom: Double

  /// Margins in inches.
  public init(left: Double, right: Double, top: Double, bottom: Double) {
    self.left = left
    self.right = right
    self.top = top
    self.bottom = bottom
  }

  /// Excel's "Normal" margins: 0.7 left and right, 0.75 top and bottom.
  public static let normal = PageMargins(left: 0.7, right: 0.7, top: 0.75, bottom: 0.75)
  /// Excel's "Narrow" margins: 0.25 left and right, 0.75 top and bottom.
  public static let narrow = PageMargins(left: 0.25, right: 0.25, top: 0.75, bottom: 0.75)
}

/// How a worksheet prints.
public struct PageSetup: Hashable, Sendable {
  /// Portrait or landscape.
  public var orientation: PageOrientation
  /// Excel paper code: 9 is A4, 1 US Letter; 0 leaves the printer's default.
  public var paperSize: Int
  /// Scale so all columns fit one page wide, as many pages tall as needed
  /// (`worksheet_fit_to_pages(ws, 1, 0)`).
  public var fitToWidth: Bool
  /// Zero-based rows printed at the top of every page (the table header).
  public var repeatRows: ClosedRange<Int>?
  /// Margins; Excel's normal margins when `nil`.
  public var margins: PageMargins?
  /// Page header in Excel's header syntax (`&L`, `&C`, `&R` sections, `&P` page, `&N` pages),
  /// at most 255 characters.
  public var header: String?
  /// Page footer, e.g. `&C第 &P 页 共 &N 页&R某市统计局`.
  public var footer: String?
  /// Centre the printed area between the left and right margins.
  public var centerHorizontally: Bool

  /// A4 paper code.
  public static let a4 = 9

  /// A page setup; the defaults are Excel's, except that A4 paper is chosen.
  public init(
    orientation: PageOrientation = .portrait, paperSize: Int = PageSetup.a4, fitToWidth: Bool = false,
    repeatRows: ClosedRange<Int>? = nil, margins: PageMargins? = nil, header: String? = nil,
    footer: String? = nil, centerHorizontally: Bool = false
  ) {
    self.orientation = orientation
    self.paperSize = paperSize
    self.fitToWidth = fitToWidth
    self.repeatRows = repeatRows
    self.margins = margins
    self.header = header
    self.footer = footer
    self.centerHorizontally = centerHorizontally
  }
}

/// Kinds of Excel's green-triangle warnings that ``Worksheet/ignoreErrors(_:in:)`` can silence.
public enum IgnoredError: Hashable, Sendable, CaseIterable {
  /// "Number stored as text" — e.g. `—` or `12*` standing in a numeric column.
  case numberStoredAsText
  /// Formula evaluates to an error.
  case evalError
  /// Formula differs from the formulas around it.
  case formulaDiffers
  /// Formula omits adjacent cells.
  case formulaRange
  /// Unlocked cell contains a formula.
  case formulaUnlocked
  /// Formula refers to empty cells.
  case emptyCellReference
  /// Value not in the data-validation list.
  case listDataValidation
  /// Inconsistent calculated column formula in a table.
  case calculatedColumn
  /// Text date with a two-digit year.
  case twoDigitTextYear

  var lxw: UInt8 {
    let value: lxw_ignore_errors =
      switch self {
      case .numberStoredAsText: LXW_IGNORE_NUMBER_STORED_AS_TEXT
      case .evalError: LXW_IGNORE_EVAL_ERROR
      case .formulaDiffers: LXW_IGNORE_FORMULA_DIFFERS
      case .formulaRange: LXW_IGNORE_FORMULA_RANGE
      case .formulaUnlocked: LXW_IGNORE_FORMULA_UNLOCKED
      case .emptyCellReference: LXW_IGNORE_EMPTY_CELL_REFERENCE
      case .listDataValidation: LXW_IGNORE_LIST_DATA_VALIDATION
      case .calculatedColumn: LXW_IGNORE_CALCULATED_COLUMN
      case .twoDigitTextYear: LXW_IGNORE_TWO_DIGIT_TEXT_YEAR
      }
    return UInt8(value.rawValue)
  }
}

extension Worksheet {
  // MARK: Rows and columns

  /// Sets the height of zero-based `row` in points (Excel's default is 15), optionally with a
  /// default format for the row.
  public func setRowHeight(_ row: Int, _ height: Double, format: Format? = nil) throws(XLSXError) {
    let function = "worksheet_set_row"
    let worksheet = try open(function)
    let (cRow, _) = try position(Cell(row: row, column: 0), function)
    let cFormat = try cFormat(format, function)
    try check(worksheet_set_row(worksheet, cRow, height, cFormat), function, cell: "\(row + 1):\(row + 1)")
  }

  /// Sets the width of zero-based `columns` in characters of `0` (Excel's default is 8.43),
  /// optionally with a default format.
  public func setColumnWidth(_ columns: ClosedRange<Int>, _ width: Double, format: Format? = nil)
    throws(XLSXError)
  {
    let function = "worksheet_set_column"
    let worksheet = try open(function)
    let (_, first) = try position(Cell(row: 0, column: columns.lowerBound), function)
    let (_, last) = try position(Cell(row: 0, column: columns.upperBound), function)
    let cFormat = try cFormat(format, function)
    let label = "\(Cell.columnName(columns.lowerBound)):\(Cell.columnName(columns.upperBound))"
    try check(worksheet_set_column(worksheet, first, last, width, cFormat), function, cell: label)
  }

  /// Sets the width of one zero-based column.
  public func setColumnWidth(_ column: Int, _ width: Double, format: Format? = nil) throws(XLSXError) {
    try setColumnWidth(column...column, width, format: format)
  }

  // MARK: View

  /// Freezes the rows above and the columns left of `cell`: `freezePanes(at: "B5")` keeps rows
  /// 1–4 and column A in view.
  public func freezePanes(at cell: Cell) throws(XLSXError) {
    let function = "worksheet_freeze_panes"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    worksheet_freeze_panes(worksheet, row, column)
  }

  /// Shows or hides gridlines on screen and in print (Excel: shown on screen, not printed).
  public func setGridlines(screen: Bool, print: Bool) throws(XLSXError) {
    let function = "worksheet_gridlines"
    let worksheet = try open(function)
    let option: lxw_gridlines =
      switch (screen, print) {
      case (false, false): LXW_HIDE_ALL_GRIDLINES
      case (true, false): LXW_SHOW_SCREEN_GRIDLINES
      case (false, true): LXW_SHOW_PRINT_GRIDLINES
      case (true, true): LXW_SHOW_ALL_GRIDLINES
      }
    worksheet_gridlines(worksheet, UInt8(option.rawValue))
  }

  /// Makes this the sheet shown when the workbook opens (and selects it).
  public func activate() throws(XLSXError) {
    worksheet_activate(try open("worksheet_activate"))
  }

  /// Selects this sheet's tab (several sheets may be selected).
  public func select() throws(XLSXError) {
    worksheet_select(try open("worksheet_select"))
  }

  /// Sets the selected cells and the cursor, which is at the range's first cell (A1 by default).
  public func setSelection(_ range: CellRange = CellRange(Cell(row: 0, column: 0))) throws(XLSXError) {
    let function = "worksheet_set_selection"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    worksheet_set_selection(worksheet, firstRow, firstColumn, lastRow, lastColumn)
  }

  /// Colours the sheet's tab.
  public func setTabColor(_ color: Color) throws(XLSXError) {
    worksheet_set_tab_color(try open("worksheet_set_tab_color"), color.lxw)
  }

  /// Sets the zoom in percent (10–400).
  public func setZoom(_ percent: Int) throws(XLSXError) {
    let function = "worksheet_set_zoom"
    let worksheet = try open(function)
    guard (10...400).contains(percent) else {
      throw error(.parameterValidation, function, message: "Zoom must be 10…400 percent, not \(percent).")
    }
    worksheet_set_zoom(worksheet, UInt16(percent))
  }

  // MARK: Filters and warnings

  /// Puts autofilter buttons on the first row of `range`.
  public func setAutofilter(_ range: CellRange) throws(XLSXError) {
    let function = "worksheet_autofilter"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    try check(
      worksheet_autofilter(worksheet, firstRow, firstColumn, lastRow, lastColumn), function, cell: "\(range)")
  }

  /// Silences a kind of Excel warning in `ranges`, e.g. "number stored as text" where `—`
  /// stands in a numeric column.
  ///
  /// Calls add up: libxlsxwriter keeps one range list per kind, so each call re-sends all the
  /// ranges given for that kind so far.
  public func ignoreErrors(_ kind: IgnoredError, in ranges: [CellRange]) throws(XLSXError) {
    let function = "worksheet_ignore_errors"
    let worksheet = try open(function)
    for range in ranges { _ = try corners(range, function) }
    let all = state.ignoredErrors[kind, default: []] + ranges
    let text = all.map(\.description).joined(separator: " ")
    let status = try withCString(text, function, sheet: name, cell: text) {
      worksheet_ignore_errors(worksheet, kind.lxw, $0)
    }
    try check(status, function, cell: text)
    state.ignoredErrors[kind] = all
  }

  // MARK: Printing

  /// Prints only `range` (Excel's print area), e.g. a table and its notes without the chart
  /// placed beside them for the screen.
  public func setPrintArea(_ range: CellRange) throws(XLSXError) {
    let function = "worksheet_print_area"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    try check(
      worksheet_print_area(worksheet, firstRow, firstColumn, lastRow, lastColumn), function, cell: "\(range)")
  }

  /// Applies a print setup: orientation, paper, fit to width, repeated rows, margins, header and
  /// footer.
  public func setPageSetup(_ setup: PageSetup) throws(XLSXError) {
    let worksheet = try open("worksheet_set_paper")
    switch setup.orientation {
    case .portrait: worksheet_set_portrait(worksheet)
    case .landscape: worksheet_set_landscape(worksheet)
    }
    guard (0...255).contains(setup.paperSize) else {
      throw error(.parameterValidation, "worksheet_set_paper", message: "No paper size \(setup.paperSize).")
    }
    worksheet_set_paper(worksheet, UInt8(setup.paperSize))
    if setup.fitToWidth { worksheet_fit_to_pages(worksheet, 1, 0) }
    if let rows = setup.repeatRows {
      let function = "worksheet_repeat_rows"
      let (first, _) = try position(Cell(row: rows.lowerBound, column: 0), function)
      let (last, _) = try position(Cell(row: rows.upperBound, column: 0), function)
      try check(worksheet_repeat_rows(worksheet, first, last), function, cell: "\(first + 1):\(last + 1)")
    }
    if let margins = setup.margins {
      worksheet_set_margins(worksheet, margins.left, margins.right, margins.top, margins.bottom)
    }
    if let header = setup.header {
      let function = "worksheet_set_header"
      let status = try withCString(header, function, sheet: name) { worksheet_set_header(worksheet, $0) }
      try check(status, function)
    }
    if let footer = setup.footer {
      let function = "worksheet_set_footer"
      let status = try withCString(footer, function, sheet: name) { worksheet_set_footer(worksheet, $0) }
      try check(status, function)
    }
    if setup.centerHorizontally { worksheet_center_horizontally(worksheet) }
  }
}
