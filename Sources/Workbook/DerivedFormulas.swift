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
}

/// Decides which derived cells of a table become Excel formulas over their operand cells.
///
/// A derived measure (`month_yoy_pct`, `completion_pct`, `share_pct`…) is written as a formula
/// only when every operand is a number in the same row (or, for `share_pct`, in the total row),
/// the derived cell has a value, and the formula evaluated on the document's values gives that
/// value (to 1e-9 relative). So the cached value is always the document's value, a recalculating
/// reader finds the same number, and a rule that does not fit a table (a completion measured
/// against `increase` rather than `ytd`) falls back to the next candidate or to a plain number.
///
/// Operands are looked up within a column's *block*: tables that repeat the same measures for
/// several indicators side by side (the schemes table) are split where a measure repeats, so
/// `level_yoy_pct` of the second indicator refers to that indicator's `level`.
struct DerivedFormulas {
  /// One way of computing a measure from other measures.
  struct Recipe {
    /// Operand measures, in the order `build` and `evaluate` take them.
    var operands: [String]
    /// Whether the last operand is read from the table's total row (`share_pct`).
    var lastFromTotalRow = false
    var build: ([String]) -> String
    var evaluate: ([Double]) -> Double?
  }

  static func growth(_ current: String, _ previous: String) -> Recipe {
    Recipe(
      operands: [current, previous], build: { "=(\($0[0])-\($0[1]))/\($0[1])*100" },
      evaluate: { $0[1] == 0 ? nil : ($0[0] - $0[1]) / $0[1] * 100 })
  }

  static func difference(_ minuend: String, _ subtrahend: String) -> Recipe {
    Recipe(operands: [minuend, subtrahend], build: { "=\($0[0])-\($0[1])" }, evaluate: { $0[0] - $0[1] })
  }

  static func percentOf(_ part: String, _ whole: String, wholeFromTotalRow: Bool = false) -> Recipe {
    Recipe(
      operands: [part, whole], lastFromTotalRow: wholeFromTotalRow, build: { "=\($0[0])/\($0[1])*100" },
      evaluate: { $0[1] == 0 ? nil : $0[0] / $0[1] * 100 })
  }

  /// The candidate recipes of each derived measure, tried in order.
  static func recipes(for measure: String, hasTotalRow: Bool) -> [Recipe] {
    switch measure {
    case "month_yoy_pct": [growth("month", "month_prev")]
    case "ytd_yoy_pct": [growth("ytd", "ytd_prev")]
    case "level_yoy_pct": [growth("level", "level_prev")]
    case "month_change_pp": [difference("month", "month_prev")]
    case "ytd_change_pp", "ytd_change": [difference("ytd", "ytd_prev")]
    case "level_change_pp": [difference("level", "level_prev")]
    case "increase": [difference("level", "prev_year_end")]
    case "completion_pct": ["ytd", "level", "increase"].map { percentOf($0, "target") }
    case "progress_gap_pp": [difference("completion_pct", "time_progress_pct")]
    case "share_pct" where hasTotalRow:
      ["ytd", "level", "month"].map { percentOf($0, $0, wholeFromTotalRow: true) }
    default: []
    }
  }

  let table: TableContent
  let grid: CellGrid
  /// The block of each value column.
  let blocks: [Int]
  /// The index of the total row, if any.
  let totalRow: Int?

  init(table: TableContent, grid: CellGrid) {
    self.table = table
    self.grid = grid
    blocks = Self.blocks(of: table.columns.map(\.measure))
    totalRow = table.rows.firstIndex(where: \.isTotal)
  }

  /// Splits columns into blocks: a new block starts where a measure repeats one of the current
  /// block.
  static func blocks(of measures: [String]) -> [Int] {
    var result: [Int] = []
    var block = 0
    var seen: Set<String> = []
    for measure in measures {
      if seen.contains(measure) {
        block += 1
        seen = []
      }
      seen.insert(measure)
      result.append(block)
    }
    return result
  }

  /// The value column holding `measure` in the block of `column`.
  func column(of measure: String, inBlockOf column: Int) -> Int? {
    table.columns.indices.first { blocks[$0] == blocks[column] && table.columns[$0].measure == measure }
  }

  /// The cell of table row `row`, value column `column` (blank when the row is short).
  func cell(_ row: Int, _ column: Int) -> TableCell {
    let cells = table.rows[row].cells
    return column < cells.count ? cells[column] : .blank
  }

  /// The formula for a derived cell, or nil when it is written as a plain value.
  func formula(row: Int, column: Int) -> String? {
    let target = cell(row, column)
    guard !target.isAbsent, let value = target.value else { return nil }
    let recipes = Self.recipes(for: table.columns[column].measure, hasTotalRow: totalRow != nil)
    recipes: for recipe in recipes {
      var references: [String] = []
      var operands: [Double] = []
      for (index, measure) in recipe.operands.enumerated() {
        guard let operandColumn = self.column(of: measure, inBlockOf: column), operandColumn != column
        else { continue recipes }
        let fromTotal = recipe.lastFromTotalRow && index == recipe.operands.count - 1
        guard let operandRow = fromTotal ? totalRow : row else { continue recipes }
        let operand = cell(operandRow, operandColumn)
        guard !operand.isAbsent, let number = operand.value else { continue recipes }
        operands.append(number)
        let sheetColumn = Cell.columnName(grid.sheetColumn(operandColumn))
        let sheetRow = grid.sheetRow(operandRow) + 1
        references.append(fromTotal ? "$\(sheetColumn)$\(sheetRow)" : "\(sheetColumn)\(sheetRow)")
      }
      guard let computed = recipe.evaluate(operands), computed.isFinite,
        abs(computed - value) <= 1e-9 * max(1, abs(value))
      else { continue }
      return recipe.build(references)
    }
    return nil
  }
}
