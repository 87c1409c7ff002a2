/// A cell position: zero-based row and column, written `B5` in A1 notation.
///
/// Any integers can be stored; positions outside Excel's grid (1,048,576 rows × 16,384 columns)
/// are rejected with `LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE` when used.
public struct Cell: Hashable, Sendable, Comparable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// Zero-based row (row 1 in Excel is 0).
  public var row: Int
  /// Zero-based column (column A is 0).
  public var column: Int

  /// Number of rows in an Excel worksheet.
  public static let rowCount = 1_048_576
  /// Number of columns in an Excel worksheet.
  public static let columnCount = 16_384

  /// A cell at a zero-based row and column.
  public init(row: Int, column: Int) {
    self.row = row
    self.column = column
  }

  /// Parses A1 notation (`B5`, `$B$5`, `xfd1048576`); `nil` when malformed or off the grid.
  public init?(a1: String) {
    var letters = 0
    var column = 0
    var digits = ""
    var sawDigit = false
    for (index, character) in a1.enumerated() {
      if character == "$" {
        // `$` may only stand before the column letters or before the row digits.
        guard (index == 0 && letters == 0) || (letters > 0 && !sawDigit && digits.isEmpty) else {
          return nil
        }
        continue
      }
      if let ascii = character.asciiValue, character.isLetter {
        guard !sawDigit, letters < 3 else { return nil }
        let upper = ascii & ~0x20
        guard upper >= 65, upper <= 90 else { return nil }
        column = column * 26 + Int(upper - 64)
        letters += 1
      } else if character.isASCII, character.isNumber {
        guard letters > 0 else { return nil }
        sawDigit = true
        digits.append(character)
      } else {
        return nil
      }
    }
    guard letters > 0, let rowNumber = Int(digits), rowNumber >= 1, !digits.hasPrefix("0") else {
      return nil
    }
    self.init(row: rowNumber - 1, column: column - 1)
    guard isOnGrid else { return nil }
  }

  /// A string literal in A1 notation; a malformed literal is a programming error and traps.
  public init(stringLiteral value: String) {
    guard let cell = Cell(a1: value) else { preconditionFailure("not a cell in A1 notation: \(value)") }
    self = cell
  }

  /// Whether the position lies on Excel's grid.
  public var isOnGrid: Bool {
    (0..<Cell.rowCount).contains(row) && (0..<Cell.columnCount).contains(column)
  }

  /// The column's letters: 0 → `A`, 25 → `Z`, 26 → `AA`.
  public static func columnName(_ column: Int) -> String {
    precondition(column >= 0, "negative column")
    var remaining = column + 1
    var scalars: [Unicode.Scalar] = []
    while remaining > 0 {
      let digit = (remaining - 1) % 26
      scalars.append(Unicode.Scalar(UInt8(65 + digit)))
      remaining = (remaining - 1) / 26
    }
    return String(String.UnicodeScalarView(scalars.reversed()))
  }

  /// A1 notation, e.g. `B5`; `R?C?` for positions off the grid.
  public var description: String {
    guard row >= 0, column >= 0 else { return "R\(row)C\(column)" }
    return "\(Cell.columnName(column))\(row + 1)"
  }

  /// Absolute A1 notation, e.g. `$B$5`.
  public var absolute: String { "$\(Cell.columnName(column))$\(row + 1)" }

  /// Row-major order.
  public static func < (lhs: Cell, rhs: Cell) -> Bool {
    (lhs.row, lhs.column) < (rhs.row, rhs.column)
  }

  /// The cell `rows` below and `columns` to the right.
  public func offset(rows: Int = 0, columns: Int = 0) -> Cell {
    Cell(row: row + rows, column: column + columns)
  }
}

/// A rectangular range of cells, `first` top-left and `last` bottom-right, written `A1:C3`.
public struct CellRange: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
  /// The top-left cell.
  public var first: Cell
  /// The bottom-right cell.
  public var last: Cell

  /// The range spanned by two corners, in either order.
  public init(_ first: Cell, _ last: Cell) {
    self.first = Cell(row: min(first.row, last.row), column: min(first.column, last.column))
    self.last = Cell(row: max(first.row, last.row), column: max(first.column, last.column))
  }

  /// A one-cell range.
  public init(_ cell: Cell) { self.init(cell, cell) }

  /// Rows `rows` × columns `columns`, zero-based.
  public init(rows: ClosedRange<Int>, columns: ClosedRange<Int>) {
    self.init(
      Cell(row: rows.lowerBound, column: columns.lowerBound),
      Cell(row: rows.upperBound, column: columns.upperBound))
  }

  /// Parses `A1:C3` or a single cell `B2`; `nil` when malformed.
  public init?(a1: String) {
    let parts = a1.split(separator: ":", omittingEmptySubsequences: false)
    switch parts.count {
    case 1:
      guard let cell = Cell(a1: String(parts[0])) else { return nil }
      self.init(cell)
    case 2:
      guard let first = Cell(a1: String(parts[0])), let last = Cell(a1: String(parts[1])) else { return nil }
      self.init(first, last)
    default:
      return nil
    }
  }

  /// A string literal in A1 notation; a malformed literal is a programming error and traps.
  public init(stringLiteral value: String) {
    guard let range = CellRange(a1: value) else {
      preconditionFailure("not a range in A1 notation: \(value)")
    }
    self = range
  }

  /// The zero-based rows covered.
  public var rows: ClosedRange<Int> { first.row...last.row }
  /// The zero-based columns covered.
  public var columns: ClosedRange<Int> { first.column...last.column }
  /// Number of rows.
  public var rowCount: Int { last.row - first.row + 1 }
  /// Number of columns.
  public var columnCount: Int { last.column - first.column + 1 }

  /// `A1:C3`, or `B2` for a single cell.
  public var description: String { first == last ? "\(first)" : "\(first):\(last)" }

  /// `$A$1:$C$3`.
  public var absolute: String { first == last ? first.absolute : "\(first.absolute):\(last.absolute)" }
}
