import Testing

@testable import Document

/// The marks and lines every renderer prints the same way.
@Suite struct NotationTests {
  @Test func footnoteMarksAndSourceLines() {
    #expect(Footnote.mark(3) == "[注3]")
    #expect(Footnote.marks([1, 4]) == "[注1][注4]")
    #expect(Footnote(number: 2, text: "x").mark == "[注2]")
    #expect(Footnote.sourceLine("市信访局") == "资料来源：市信访局")
    #expect(Footnote.sourceLine(" 资料来源：市统计局 ") == "资料来源：市统计局")
    #expect(Footnote.sourceLine("  ") == nil)
    #expect(Footnote.sourceLine("") == nil)
  }

  @Test func anAbsentCellShowsItsMarks() {
    let cell = TableCell.absent(symbol: "—", decimals: 1, unit: "%", footnotes: [2, 5])
    #expect(cell.isAbsent && cell.value == nil && cell.derivation == nil)
    #expect(cell.textWithMarks == "—[注2][注5]")
    #expect(TableCell(text: "12.5", value: 12.5, decimals: 1).textWithMarks == "12.5")
  }

  @Test func aDocumentFindsItsNotesAndSource() {
    let table = TableContent(
      id: "t", number: 1, title: "t", subtitle: "", labelHeader: "地区", columns: [],
      rows: [
        TableRow(label: "a", cells: [.absent(symbol: "—", footnotes: [3])]),
        TableRow(label: "b", cells: [.absent(symbol: "—", footnotes: [1, 3])]),
      ], notes: [], source: "资料来源：局")
    #expect(table.footnoteNumbers == [1, 3])
    #expect(table.sourceLine == "资料来源：局")
    #expect(table.cell(0, 4).text.isEmpty, "a short row reads blank")
  }
}
