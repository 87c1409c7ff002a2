import Document
import XLSX

/// Where a table's cells land on the sheet: the zero-based row of each table row, and the column
/// of the label and of each value column. Formulas refer to cells through it.
struct CellGrid {
  /// Sheet row of table row 0.
  var firstDataRow: Int
  /// Sheet column of the label; value column `j` is at `labelColumn + 1 + j`.
  var labelColumn: Int = 0

  func sheetRow(_ row: Int) -> Int { firstDataRow + row }
  func sheetColumn(_ column: Int) -> Int { labelColumn + 1 + column }

  /// `C5`: value column `column` of table row `row`.
  func reference(row: Int, column: Int) -> String {
    "\(Cell.columnName(sheetColumn(column)))\(sheetRow(row) + 1)"
  }

  /// `$C$5`: the same cell, absolute (a share's total).
  func absoluteReference(row: Int, column: Int) -> String {
    "$\(Cell.columnName(sheetColumn(column)))$\(sheetRow(row) + 1)"
  }

  /// `$C5`: value column `column` in the first data row, the column fixed, for a conditional
  /// format over a column (Excel moves the row along the range).
  func firstRowReference(column: Int) -> String {
    "$\(Cell.columnName(sheetColumn(column)))\(firstDataRow + 1)"
  }

  /// The Excel formula of a derived cell in table row `row`: the document's derivation written
  /// over the cells of its operands. The workbook writes it with the document's value cached.
  func formula(_ derivation: Derivation, row: Int) -> String {
    switch derivation {
    case .growth(let current, let base):
      let (a, b) = (reference(row: row, column: current), reference(row: row, column: base))
      return "=(\(a)-\(b))/\(b)*100"
    case .difference(let minuend, let subtrahend):
      return "=\(reference(row: row, column: minuend))-\(reference(row: row, column: subtrahend))"
    case .ratio(let part, let whole):
      return "=\(reference(row: row, column: part))/\(reference(row: row, column: whole))*100"
    case .share(let column, let totalRow):
      return "=\(reference(row: row, column: column))/\(absoluteReference(row: totalRow, column: column))*100"
    }
  }

  /// The conditional-format formula of a column's schedule test, relative to the column's first
  /// data cell. Text (`—`) never matches: each rule tests `ISNUMBER` first.
  func highlightFormula(_ test: ScheduleTest, column: Int) -> String {
    let cell = firstRowReference(column: column)
    switch test {
    case .belowZero(let decimals):
      return "=AND(ISNUMBER(\(cell)),ROUND(\(cell),\(decimals))<0)"
    case .behind(let progress, let decimals):
      let p = firstRowReference(column: progress)
      return "=AND(ISNUMBER(\(cell)),ISNUMBER(\(p)),ROUND(\(cell)-\(p),\(decimals))<0)"
    case .gapBelowZero(let gap, let decimals):
      let g = firstRowReference(column: gap)
      return "=AND(ISNUMBER(\(cell)),ISNUMBER(\(g)),ROUND(\(g),\(decimals))<0)"
    }
  }
}
