import Document
import Foundation
import TestSupport
import Testing
import Workbook

// MARK: The fixture workbooks

/// Writes the fixture document in `layout` to `directory` and returns the file's path.
func writeFixture(_ layout: WorkbookLayout, in directory: TemporaryDirectory) throws -> String {
  let path = directory.path("民生统计月报_2024-10_\(layout.rawValue).xlsx")
  try BulletinWorkbookWriter().write(fixtureDocument(layout: layout), to: URL(fileURLWithPath: path))
  return path
}

/// The fixture workbooks, written once per layout and read back by openpyxl.
let inspectedBulletin: Result<JSON, any Error> = Result {
  let directory = try TemporaryDirectory()
  return try inspectWithOpenpyxl(try writeFixture(.bulletin, in: directory))
}

/// See ``inspectedBulletin``.
let inspectedAccessible: Result<JSON, any Error> = Result {
  let directory = try TemporaryDirectory()
  return try inspectWithOpenpyxl(try writeFixture(.accessible, in: directory))
}

/// The inspected fixture workbook of `layout`.
func inspected(_ layout: WorkbookLayout) throws -> JSON {
  try (layout == .bulletin ? inspectedBulletin : inspectedAccessible).get()
}

/// `B5` → (row 5, column 1).
func coordinates(_ a1: String) -> (row: Int, column: Int) {
  let letters = a1.prefix { $0.isLetter }
  let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
  return (Int(a1.dropFirst(letters.count)) ?? 0, column)
}

/// `1` → `B`.
func columnLetter(_ column: Int) -> String {
  var name = ""
  var remaining = column + 1
  while remaining > 0 {
    name = String(UnicodeScalar(UInt8(65 + (remaining - 1) % 26))) + name
    remaining = (remaining - 1) / 26
  }
  return name
}

/// The row (1-based, as in A1 notation) whose column A shows `label`, optionally followed by
/// `[注n]` marks; nil when there is none.
func row(labelled label: String, in sheet: JSON) -> Int? {
  let cells = sheet["cells"]
  for address in cells.keys where coordinates(address).column == 0 {
    guard let text = cells[address]["value"].string, text.hasPrefix(label) else { continue }
    let rest = text.dropFirst(label.count)
    if rest.isEmpty || rest.wholeMatch(of: /(\[注\d+\])+/) != nil { return coordinates(address).row }
  }
  return nil
}

/// Each value cell of `table` with its address on the sheet.
func locatedCells(of table: TableContent, in sheet: JSON) -> [(address: String, cell: TableCell)] {
  var result: [(String, TableCell)] = []
  for tableRow in table.rows {
    guard let sheetRow = row(labelled: tableRow.label, in: sheet) else {
      Issue.record("no row labelled \(tableRow.label)")
      continue
    }
    for (column, cell) in tableRow.cells.enumerated() {
      result.append(("\(columnLetter(column + 1))\(sheetRow)", cell))
    }
  }
  return result
}

/// What Excel shows for `value` under the workbook's number formats (`#,##0`, `#,##0.0`, and the
/// signless `#,##0.0;#,##0.0`): the value taken to 15 significant digits, as Excel keeps it, then
/// rounded half away from zero.
func displayed(_ value: Double, numberFormat: String) -> String {
  let section = numberFormat.split(separator: ";").first.map(String.init) ?? numberFormat
  let decimals = section.split(separator: ".").dropFirst().first?.count ?? 0
  var exact = Decimal(string: String(format: "%.15g", value))!
  var rounded = Decimal()
  NSDecimalRound(&rounded, &exact, decimals, .plain)
  // Excel keeps the sign of a negative value that rounds to zero (-0.04 shows as -0.0).
  let negative = value < 0
  let magnitude = rounded < 0 ? -rounded : rounded
  let plain = NSDecimalNumber(decimal: magnitude).stringValue
  let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
  var integer = String(parts[0])
  var fraction = parts.count > 1 ? String(parts[1]) : ""
  fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
  if section.contains(",") {
    var grouped = ""
    for (index, digit) in integer.enumerated() {
      if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    integer = grouped
  }
  let sign = negative && !numberFormat.contains(";") ? "-" : ""
  return sign + integer + (decimals > 0 ? "." + fraction : "")
}
