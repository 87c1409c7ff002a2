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

  @Test func blocksSplitWhereAMeasureRepeats() {
    #expect(DerivedFormulas.blocks(of: ["level", "level_prev", "level", "level_prev"]) == [0, 0, 1, 1])
    #expect(DerivedFormulas.blocks(of: ["month", "ytd", "share_pct"]) == [0, 0, 0])
  }

  private func table(_ columns: [String], _ rows: [[TableCell]], total: Bool = false) -> TableContent {
    TableContent(
      id: "t", number: 1, title: "t", subtitle: "", labelHeader: "地区",
      columns: columns.map { TableColumn(group: nil, header: $0, measure: $0) },
      rows: rows.enumerated().map { TableRow(label: "r\($0)", isTotal: total && $0 == 0, cells: $1) },
      notes: [],
      source: "")
  }

  @Test func formulaOnlyWhereItGivesTheDocumentsValue() {
    let grid = CellGrid(firstDataRow: 4)
    // A stock's completion is measured against its increase, not its level: the recipe that
    // reproduces the document's value is chosen.
    let stock = table(
      ["level", "increase", "target", "completion_pct"],
      [[number("1,000", 1000), number("200", 200), number("400", 400), number("50.0", 50, decimals: 1)]])
    #expect(DerivedFormulas(table: stock, grid: grid).formula(row: 0, column: 3) == "=C5/D5*100")
    // No recipe fits: a plain number.
    let odd = table(
      ["ytd", "target", "completion_pct"],
      [[number("1", 1), number("2", 2), number("99.0", 99, decimals: 1)]])
    #expect(DerivedFormulas(table: odd, grid: grid).formula(row: 0, column: 2) == nil)
    // An absent operand or value: no formula.
    let growth = table(
      ["month", "month_prev", "month_yoy_pct"],
      [
        [number("5", 5), absent(decimals: 0), absent()],
        [number("5", 5), number("4", 4), number("25.0", 25, decimals: 1)],
      ])
    let planner = DerivedFormulas(table: growth, grid: grid)
    #expect(planner.formula(row: 0, column: 2) == nil)
    #expect(planner.formula(row: 1, column: 2) == "=(B6-C6)/C6*100")
    // With a time-progress column the gap is a formula too.
    let gap = table(
      ["completion_pct", "time_progress_pct", "progress_gap_pp"],
      [
        [
          number("80.0", 80, decimals: 1), number("83.3", 250.0 / 3, decimals: 1),
          number("-3.3", -10.0 / 3, decimals: 1),
        ]
      ])
    #expect(DerivedFormulas(table: gap, grid: grid).formula(row: 0, column: 2) == "=B5-C5")
    // Shares refer to the total row absolutely.
    let shares = table(
      ["ytd", "share_pct"],
      [
        [number("10", 10), number("100.0", 100, decimals: 1)],
        [number("4", 4), number("40.0", 40, decimals: 1)],
      ],
      total: true)
    #expect(DerivedFormulas(table: shares, grid: grid).formula(row: 1, column: 1) == "=B6/$B$5*100")
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
