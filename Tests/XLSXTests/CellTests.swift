import TestSupport
import Testing

@testable import XLSX

@Suite struct CellTests {
  @Test(arguments: [
    ("A1", 0, 0), ("B5", 4, 1), ("Z10", 9, 25), ("AA1", 0, 26), ("$C$3", 2, 2),
    ("xfd1048576", 1_048_575, 16_383),
  ])
  func parsesA1Notation(text: String, row: Int, column: Int) throws {
    let cell = try #require(Cell(a1: text))
    #expect(cell == Cell(row: row, column: column))
  }

  @Test(arguments: ["", "A", "1", "A0", "A01", "1A", "XFE1", "A1048577", "A-1", "表1", "A1B", "$$A1"])
  func rejectsMalformedOrOffGrid(text: String) {
    #expect(Cell(a1: text) == nil)
  }

  @Test func printsA1Notation() {
    #expect(Cell(row: 0, column: 0).description == "A1")
    #expect(Cell(row: 4, column: 27).description == "AB5")
    #expect(Cell(row: 4, column: 27).absolute == "$AB$5")
    #expect(Cell.columnName(16_383) == "XFD")
  }

  @Test func rangesNormaliseTheirCorners() throws {
    let range = CellRange(Cell(row: 7, column: 3), Cell(row: 3, column: 0))
    #expect(range.description == "A4:D8")
    #expect(range.absolute == "$A$4:$D$8")
    #expect(range.rowCount == 5 && range.columnCount == 4)
    #expect(try #require(CellRange(a1: "B2")).description == "B2")
    #expect(CellRange(a1: "A1:B2:C3") == nil)
    #expect(CellRange(rows: 1...2, columns: 0...1) == "A2:B3")
  }
}
