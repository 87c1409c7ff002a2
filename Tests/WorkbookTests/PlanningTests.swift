import Document
import Foundation
import TestSupport
import Testing

@testable import Workbook

/// The pure parts of the writer: sheet names, line breaking, formula planning, value parsing.
@Suite struct PlanningTests {
  @Test func sheetNamesAreValidUniqueAndCutAtCharacters() {
    var naming = SheetNaming()
    naming.reserve("封面")
    #expect(naming.name(for: "表1 信访/来访: [合计]?") == "表1 信访／来访： 【合计】？")
    #expect(naming.name(for: "封面") == "封面(2)")
    let long = String(repeating: "长", count: 40)
    let first = naming.name(for: long)
    #expect(first.utf16.count == 31 && first.hasSuffix("…"))
    let second = naming.name(for: long)
    #expect(second != first && second.utf16.count <= 31 && second.hasSuffix("(2)"))
    #expect(naming.name(for: "'引号'") == "引号")
    #expect(naming.name(for: "  ") == "表")
    // Characters outside the BMP count two UTF-16 units, as Excel counts them.
    let wide = naming.name(for: String(repeating: "𠀀", count: 20))
    #expect(wide.utf16.count <= 31)
  }

  @Test func linesKeepWidthAndNeverStartWithClosingPunctuation() {
    let text = "及时受理率、按期办结率按登记日期归属的事项计算，以统计截止日判断；逾期未受理、未办结的事项计入分母。"
    let lines = TextWrap.lines(text, width: 20)
    #expect(lines.joined() == text)
    for line in lines {
      #expect(line.reduce(0) { $0 + ($1.isASCII ? 1 : 2) } <= 22, "\(line)")
      if let first = line.first { #expect(!TextWrap.noLineStart.contains(first), "\(line)") }
    }
    #expect(TextWrap.lines("见 indicators.csv 文件", width: 12) == ["见", "indicators.csv", "文件"])
    #expect(TextWrap.lines("第一行\n第二行", width: 40) == ["第一行", "第二行"])
    #expect(TextWrap.lines("", width: 10) == [""])
  }

  @Test func derivationsBecomeFormulasOverTheirOperandCells() {
    let grid = CellGrid(firstDataRow: 4)
    #expect(grid.formula(.growth(of: 0, on: 1), row: 1) == "=(B6-C6)/C6*100")
    #expect(grid.formula(.difference(4, 2), row: 0) == "=F5-D5")
    #expect(grid.formula(.ratio(of: 2, to: 3), row: 0) == "=D5/E5*100")
    // Shares refer to the total row absolutely.
    #expect(grid.formula(.share(of: 0, totalRow: 0), row: 1) == "=B6/$B$5*100")
    #expect(
      CellGrid(firstDataRow: 7, labelColumn: 1).formula(.share(of: 25, totalRow: 2), row: 0)
        == "=AB8/$AB$10*100")
  }

  @Test func scheduleTestsBecomeConditionalFormulas() {
    let grid = CellGrid(firstDataRow: 4)
    #expect(grid.highlightFormula(.belowZero(decimals: 1), column: 6) == "=AND(ISNUMBER($H5),ROUND($H5,1)<0)")
    #expect(
      grid.highlightFormula(.behind(progress: 6, decimals: 2), column: 5)
        == "=AND(ISNUMBER($G5),ISNUMBER($H5),ROUND($G5-$H5,2)<0)")
    #expect(
      grid.highlightFormula(.gapBelowZero(gap: 6, decimals: 1), column: 5)
        == "=AND(ISNUMBER($G5),ISNUMBER($H5),ROUND($H5,1)<0)")
  }

  @Test func tidyValuesAreNumbersOnlyInDecimalNotation() {
    #expect(DataSheetWriter.number("1234") == 1234)
    #expect(DataSheetWriter.number("-12.5") == -12.5)
    #expect(DataSheetWriter.number("33.3333333333333") == 33.3333333333333)
    #expect(DataSheetWriter.number("1e-7") == 1e-7)
    #expect(DataSheetWriter.number(".5") == 0.5)
    for text in ["", "true", "false", "nan", "inf", "0x10", "1e", "-", "1.2.3", " 1"] {
      #expect(DataSheetWriter.number(text) == nil, "\(text)")
    }
  }

  @Test func releaseDateIsMidnightUTC() {
    #expect(WorkbookBuilder.releaseDate("2024-11-23") == Date(timeIntervalSince1970: 1_732_320_000))
    #expect(WorkbookBuilder.releaseDate("2024-02-30") == nil)
    #expect(WorkbookBuilder.releaseDate("1969-12-31") == nil)
    #expect(WorkbookBuilder.releaseDate("20241123") == nil)
    #expect(WorkbookBuilder.topic(of: "一、信访工作") == "信访工作")
    #expect(WorkbookBuilder.topic(of: "办理情况") == "办理情况")
  }

  @Test func headerWidthWrapsOnlyLongHeaders() {
    #expect(TableSheetWriter.headerLineWidth("累计比去年同期增减") == 18)
    #expect(TableSheetWriter.headerLineWidth("1-10月累计 去年同期累计") == 12)
  }
}
