import Document
import TextRules
import XLSX

/// Writes the 数据 sheet: the tidy figures of indicators.csv as an Excel table (autofilter,
/// banded rows) for pivoting.
///
/// Codes and periods stay text (`0101` keeps its zero); the value column is a number where the
/// CSV value is a decimal number, the text `true`/`false` for `met`, and empty when absent.
struct DataSheetWriter {
  let context: SheetContext

  /// Column headers; the A3 line maps them to the CSV's column names.
  static let headers = ["统计期", "地区代码", "地区名称", "指标", "度量", "数值"]
  /// The header row (zero-based).
  static let headerRow = 3

  /// The number in a tidy value, or nil: only plain decimal notation counts (`-12.5`, `1e-7`),
  /// never `nan`, `inf` or hexadecimal forms that `Double(_:)` would also accept.
  static func number(_ text: String) -> Double? {
    // Scanned as bytes: the column holds tens of thousands of values.
    let bytes = Array(text.utf8)
    var index = 0
    var sawDigit = false
    func skip(_ accepted: (UInt8) -> Bool) {
      while index < bytes.count, accepted(bytes[index]) { index += 1 }
    }
    func skipDigits() {
      let start = index
      skip { (48...57).contains($0) }
      if index > start { sawDigit = true }
    }
    func isSign(_ byte: UInt8) -> Bool { byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+") }
    if index < bytes.count, isSign(bytes[index]) { index += 1 }
    skipDigits()
    if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
      index += 1
      skipDigits()
    }
    guard sawDigit else { return nil }
    if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
      index += 1
      if index < bytes.count, isSign(bytes[index]) { index += 1 }
      sawDigit = false
      skipDigits()
      guard sawDigit else { return nil }
    }
    guard index == bytes.count, let value = Double(text), value.isFinite else { return nil }
    return value
  }

  func write(_ sheet: Worksheet) throws {
    let theme = context.theme
    let rows = context.document.tidy
    try sheet.write(
      "数据", at: Cell(row: 0, column: 0),
      format: try context.format(FormatSpec(fontSize: 14, bold: true, verticalAlignment: .center)))
    try sheet.setRowHeight(0, 24)
    let explanation = try context.format(theme.subtitle)
    try sheet.write(
      "每行一个指标数值，与indicators.csv相同：数值未经舍入（15位有效数字），无法计算或缺失时为空，“是否达标”为true/false。",
      at: Cell(row: 1, column: 0), format: explanation)
    try sheet.write(
      "列名对应：统计期=period，地区代码=region_code，地区名称=region_name，指标=indicator，度量=measure，数值=value。",
      at: Cell(row: 2, column: 0), format: explanation)
    let top = Self.headerRow
    let header = try context.format(theme.header)
    for (column, text) in Self.headers.enumerated() {
      try sheet.write(text, at: Cell(row: top, column: column), format: header)
    }
    guard !rows.isEmpty else {
      try sheet.write("本期无数据。", at: Cell(row: top + 1, column: 0))
      try finish(sheet, lastRow: top)
      return
    }
    let general = try context.format(FormatSpec(numberFormat: "General"))
    for (offset, tidy) in rows.enumerated() {
      let row = top + 1 + offset
      for (column, text) in [tidy.period, tidy.regionCode, tidy.regionName, tidy.indicator, tidy.measure]
        .enumerated()
      {
        try sheet.write(text, at: Cell(row: row, column: column))
      }
      let value = Cell(row: row, column: 5)
      if let number = Self.number(tidy.value) {
        try sheet.write(number, at: value, format: general)
      } else if !tidy.value.isEmpty {
        try sheet.write(tidy.value, at: value)
      }
    }
    let last = top + rows.count
    try sheet.addTable(
      CellRange(rows: top...last, columns: 0...Self.headers.count - 1),
      TableSpec(name: "数据表", headers: Self.headers, style: WorkbookTheme.tableStyle))
    for (column, text) in Self.headers.enumerated() {
      try sheet.write(text, at: Cell(row: top, column: column), format: header)
    }
    try sheet.ignoreErrors(.numberStoredAsText, in: [CellRange(rows: top + 1...last, columns: 0...5)])
    try finish(sheet, lastRow: last)
  }

  private func finish(_ sheet: Worksheet, lastRow: Int) throws {
    for column in Self.headers.indices {
      let width = max(
        sheet.contentWidth(ofColumn: column, rows: Self.headerRow...max(lastRow, Self.headerRow)),
        DisplayWidth.of(Self.headers[column]) + 2)
      // 15 significant digits and a sign need about 18 places in the value column.
      let minimum: Double = column == 5 ? 18 : 8
      try sheet.setColumnWidth(
        column, DisplayWidth.columnWidth(forDisplayWidth: width, padding: 2, minimum: minimum, maximum: 60))
    }
    try sheet.freezePanes(at: Cell(row: Self.headerRow + 1, column: 0))
    try sheet.setGridlines(screen: false, print: false)
    try sheet.setPageSetup(
      context.pageSetup(landscape: false, repeatRows: Self.headerRow...Self.headerRow))
  }
}
