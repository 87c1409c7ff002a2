import TestSupport
import Testing

@testable import XLSX

@Suite struct FormatCacheTests {
  @Test func equalSpecsShareOneFormat() throws {
    let directory = try TemporaryDirectory()
    let workbook = try Workbook(path: directory.path("formats.xlsx"))
    let bold = FormatSpec(bold: true, numberFormat: "#,##0")
    let first = try workbook.format(bold)
    let second = try workbook.format(FormatSpec(numberFormat: "#,##0").with { $0.bold = true })
    #expect(first == second)
    #expect(first.pointer == second.pointer)
    #expect(workbook.formatCount == 1)
    let other = try workbook.format(bold.with { $0.numberFormat = "0.0" })
    #expect(other != first)
    #expect(other.pointer != first.pointer)
    #expect(workbook.formatCount == 2)
    try workbook.close()
  }

  @Test func formatsOfDifferentWorkbooksDiffer() throws {
    let directory = try TemporaryDirectory()
    let one = try Workbook(path: directory.path("one.xlsx"))
    let two = try Workbook(path: directory.path("two.xlsx"))
    #expect(try one.format(FormatSpec()) != two.format(FormatSpec()))
    try one.close()
    try two.close()
  }

  @Test func colorsParseAndPrintHex() {
    #expect(Color(hex: "#1F4E79") == Color(rgb: 0x1F4E79))
    #expect(Color(hex: "c00000")?.description == "#C00000")
    #expect(Color(hex: "#12345") == nil)
    #expect(Color(rgb: 0xFF12_3456).rgb == 0x123456)
  }
}
