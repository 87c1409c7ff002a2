import TestSupport
import Testing
import TextRules

@testable import XLSX

@Suite struct DisplayWidthTests {
  @Test(arguments: [
    ("", 0), ("abc", 3), ("1,234.5", 7), ("民生", 4), ("表1 信访总量", 12), ("同比(%)", 7),
    ("（注1）", 7), ("ＡＢ", 4), ("ｶﾅ", 2), ("한국", 4), ("e\u{301}", 1), ("👍", 2), ("☺\u{FE0F}", 2),
    ("—", 1), ("a\tb", 2), ("第一行\n第二行很长", 10), ("\u{20000}", 2), ("城镇新增就业人数(%)", 19), ("１２", 4),
  ])
  func countsEastAsianWideAndFullwidthAsTwo(text: String, width: Int) {
    #expect(DisplayWidth.of(text) == width, "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
  }

  @Test func columnWidthAddsPaddingWithinBounds() {
    #expect(DisplayWidth.columnWidth(forDisplayWidth: 8) == 10)
    #expect(DisplayWidth.columnWidth(forDisplayWidth: 0) == 4)
    #expect(DisplayWidth.columnWidth(forDisplayWidth: 500) == 80)
    #expect(DisplayWidth.columnWidth(forDisplayWidth: 3, padding: 1, minimum: 6, maximum: 60) == 6)
  }

  @Test(arguments: [
    (1234.0, nil as String?, "1234"), (1234.5678, nil, "1234.5678"), (1_234_567.0, "#,##0", "1,234,567"),
    (-1234.4, "#,##0", "-1,234"), (12.345, "0.0", "12.3"), (0.0321, "0.0%", "3.2%"),
    (5, "0.0\"万人\"", "5.0万人"),
    (0.5, "0%;[Red]-0%", "50%"), (1234.5, "#,##0.00", "1,234.50"), (-0.04, "0.0", "-0.0"), (7, "@", "7"),
  ])
  func estimatesTheTextExcelShows(number: Double, format: String?, text: String) {
    // "-0.0": Excel keeps the sign of a negative number that rounds to zero.
    #expect(DisplayWidth.displayText(of: number, numberFormat: format) == text)
  }
}
