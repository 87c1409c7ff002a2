internal import CXlsxWriter
import TextRules

/// An Excel table style: `light(1…21)`, `medium(1…28)`, `dark(1…11)` (Excel's default is
/// `medium(9)`).
public enum TableStyle: Hashable, Sendable {
  case light(Int)
  case medium(Int)
  case dark(Int)

  /// The style's name as Excel and openpyxl show it, e.g. `TableStyleMedium9`.
  public var name: String {
    switch self {
    case .light(let number): "TableStyleLight\(number)"
    case .medium(let number): "TableStyleMedium\(number)"
    case .dark(let number): "TableStyleDark\(number)"
    }
  }
}

/// An Excel table (ListObject) over a range: header row, autofilter, banded rows.
public struct TableSpec: Hashable, Sendable {
  /// The table's name (unique in the workbook, no spaces; CJK letters are fine); `Table1`, … when
  /// `nil`.
  public var name: String?
  /// One header per column of the range. libxlsxwriter writes them into the range's first row.
  public var headers: [String]
  /// The style.
  public var style: TableStyle
  /// Alternate row shading.
  public var bandedRows: Bool
  /// Alternate column shading.
  public var bandedColumns: Bool
  /// Filter buttons in the header row.
  public var autofilter: Bool
  /// Emphasise the first column.
  public var emphasizeFirstColumn: Bool

  /// A table spec; the defaults are Excel's.
  public init(
    name: String? = nil, headers: [String], style: TableStyle = .medium(9), bandedRows: Bool = true,
    bandedColumns: Bool = false, autofilter: Bool = true, emphasizeFirstColumn: Bool = false
  ) {
    self.name = name
    self.headers = headers
    self.style = style
    self.bandedRows = bandedRows
    self.bandedColumns = bandedColumns
    self.autofilter = autofilter
    self.emphasizeFirstColumn = emphasizeFirstColumn
  }
}

/// A comparison in a conditional format or a data validation.
public enum Comparison: Hashable, Sendable {
  case equalTo, notEqualTo, greaterThan, lessThan, greaterThanOrEqualTo, lessThanOrEqualTo

  var conditional: UInt8 {
    let value: lxw_conditional_criteria =
      switch self {
      case .equalTo: LXW_CONDITIONAL_CRITERIA_EQUAL_TO
      case .notEqualTo: LXW_CONDITIONAL_CRITERIA_NOT_EQUAL_TO
      case .greaterThan: LXW_CONDITIONAL_CRITERIA_GREATER_THAN
      case .lessThan: LXW_CONDITIONAL_CRITERIA_LESS_THAN
      case .greaterThanOrEqualTo: LXW_CONDITIONAL_CRITERIA_GREATER_THAN_OR_EQUAL_TO
      case .lessThanOrEqualTo: LXW_CONDITIONAL_CRITERIA_LESS_THAN_OR_EQUAL_TO
      }
    return UInt8(value.rawValue)
  }
}

/// When a conditional format applies.
public enum ConditionalRule: Hashable, Sendable {
  /// The cell's value compares to a number: `.cellValue(.lessThan, 0)`.
  case cellValue(Comparison, Double)
  /// The cell's value compares to a formula or reference: `.cellValueFormula(.lessThan, "$G$5")`.
  case cellValueFormula(Comparison, String)
  /// The cell's value lies between two numbers (inclusive).
  case cellBetween(Double, Double)
  /// A formula is true, written relative to the range's top-left cell: for `E5:E20`,
  /// `=$E5<$F5` tests each row's E against its F (completion behind time progress).
  case formula(String)
  /// The cell is blank.
  case blanks
  /// The cell holds an error value.
  case errors
}

/// What a data validation accepts.
public enum ValidationRule: Hashable, Sendable {
  /// One of the listed texts, offered in a drop-down (the list joined by commas is at most 255
  /// characters).
  case list([String])
  /// A whole number in the range.
  case integer(ClosedRange<Int>)
  /// A decimal number in the range.
  case decimal(ClosedRange<Double>)
}

extension Worksheet {
  // MARK: Tables

  /// Makes `range` (header row included) an Excel table; write the data cells before or after.
  /// `spec.headers` must name every column of the range.
  public func addTable(_ range: CellRange, _ spec: TableSpec) throws(XLSXError) {
    let function = "worksheet_add_table"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    guard spec.headers.count == range.columnCount else {
      throw error(
        .parameterValidation, function, cell: "\(range)",
        message: "The table has \(range.columnCount) columns but \(spec.headers.count) headers.")
    }
    let (styleType, styleNumber, styleRange) =
      switch spec.style {
      case .light(let number): (LXW_TABLE_STYLE_TYPE_LIGHT, number, 1...21)
      case .medium(let number): (LXW_TABLE_STYLE_TYPE_MEDIUM, number, 1...28)
      case .dark(let number): (LXW_TABLE_STYLE_TYPE_DARK, number, 1...11)
      }
    guard styleRange.contains(styleNumber) else {
      throw error(
        .parameterValidation, function, cell: "\(range)", message: "No table style \(spec.style.name).")
    }
    let count = spec.headers.count
    let columns = UnsafeMutablePointer<lxw_table_column>.allocate(capacity: count)
    columns.initialize(repeating: lxw_table_column(), count: count)
    let columnList = UnsafeMutablePointer<UnsafeMutablePointer<lxw_table_column>?>.allocate(
      capacity: count + 1)
    defer {
      columns.deinitialize(count: count)
      columns.deallocate()
      columnList.deallocate()
    }
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      for (index, header) in spec.headers.enumerated() {
        columns[index].header = try arena.copy(header)
        columnList[index] = columns + index
      }
      columnList[count] = nil
      var options = lxw_table_options()
      options.name = try arena.copy(spec.name)
      options.no_banded_rows = spec.bandedRows ? 0 : 1
      options.banded_columns = spec.bandedColumns ? 1 : 0
      options.no_autofilter = spec.autofilter ? 0 : 1
      options.first_column = spec.emphasizeFirstColumn ? 1 : 0
      options.style_type = UInt8(styleType.rawValue)
      options.style_type_number = UInt8(styleNumber)
      options.columns = columnList
      return worksheet_add_table(worksheet, firstRow, firstColumn, lastRow, lastColumn, &options)
    }
    try check(status, function, cell: "\(range)")
    for (offset, header) in spec.headers.enumerated() {
      state.noteWidth(DisplayWidth.of(header) + 2, at: range.first.offset(columns: offset))
    }
  }

  // MARK: Conditional formats

  /// Applies `format` to the cells of `range` for which `rule` holds. The rule is stored in the
  /// workbook, so it travels with it and re-evaluates when values change.
  public func addConditionalFormat(
    _ rule: ConditionalRule, format: Format, to range: CellRange, stopIfTrue: Bool = false
  ) throws(XLSXError) {
    let function = "worksheet_conditional_format_range"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    let cFormat = try cFormat(format, function, cell: "\(range)")
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      var options = lxw_conditional_format()
      options.format = cFormat
      options.stop_if_true = stopIfTrue ? 1 : 0
      switch rule {
      case .cellValue(let comparison, let value):
        options.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        options.criteria = comparison.conditional
        options.value = value
      case .cellValueFormula(let comparison, let formula):
        options.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        options.criteria = comparison.conditional
        options.value_string = try arena.copy(formula)
      case .cellBetween(let low, let high):
        options.type = UInt8(LXW_CONDITIONAL_TYPE_CELL.rawValue)
        options.criteria = UInt8(LXW_CONDITIONAL_CRITERIA_BETWEEN.rawValue)
        options.min_value = low
        options.max_value = high
      case .formula(let formula):
        options.type = UInt8(LXW_CONDITIONAL_TYPE_FORMULA.rawValue)
        options.value_string = try arena.copy(formula)
      case .blanks:
        options.type = UInt8(LXW_CONDITIONAL_TYPE_BLANKS.rawValue)
      case .errors:
        options.type = UInt8(LXW_CONDITIONAL_TYPE_ERRORS.rawValue)
      }
      return worksheet_conditional_format_range(
        worksheet, firstRow, firstColumn, lastRow, lastColumn, &options)
    }
    try check(status, function, cell: "\(range)")
  }

  // MARK: Data validation

  /// Restricts what can be typed into `range`, with an optional input prompt and error text.
  public func addDataValidation(
    _ rule: ValidationRule, to range: CellRange, inputTitle: String? = nil, inputMessage: String? = nil,
    errorTitle: String? = nil, errorMessage: String? = nil
  ) throws(XLSXError) {
    let function = "worksheet_data_validation_range"
    let worksheet = try open(function, cell: "\(range)")
    let (firstRow, firstColumn, lastRow, lastColumn) = try corners(range, function)
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      var options = lxw_data_validation()
      switch rule {
      case .list(let items):
        options.validate = UInt8(LXW_VALIDATION_TYPE_LIST.rawValue)
        options.value_list = try arena.copyList(items)
      case .integer(let bounds):
        options.validate = UInt8(LXW_VALIDATION_TYPE_INTEGER.rawValue)
        options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
        options.minimum_number = Double(bounds.lowerBound)
        options.maximum_number = Double(bounds.upperBound)
      case .decimal(let bounds):
        options.validate = UInt8(LXW_VALIDATION_TYPE_DECIMAL.rawValue)
        options.criteria = UInt8(LXW_VALIDATION_CRITERIA_BETWEEN.rawValue)
        options.minimum_number = bounds.lowerBound
        options.maximum_number = bounds.upperBound
      }
      options.input_title = try arena.copy(inputTitle)
      options.input_message = try arena.copy(inputMessage)
      options.error_title = try arena.copy(errorTitle)
      options.error_message = try arena.copy(errorMessage)
      return worksheet_data_validation_range(worksheet, firstRow, firstColumn, lastRow, lastColumn, &options)
    }
    try check(status, function, cell: "\(range)")
  }
}
