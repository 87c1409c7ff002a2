import Document
import Engine
import Foundation
import Tables
import TestSupport
import Testing
import Workbook

@testable import PDFBulletin
@testable import ReportTemplates

/// The table model decided on the engine's figures: derivations naming operand columns,
/// behind-schedule flags, and footnotes numbered once for the whole document.
@Suite struct DocumentModelTests {
  /// A draft of one table with `measures` as columns and rows of exact figures (nil for absent).
  private func draft(_ measures: [Measure], _ rows: [[Rational?]], totalRow: Int? = nil) -> TableDraft {
    var draft = TableDraft()
    draft.measures = measures
    draft.columns = measures.map { TableColumn(group: nil, header: $0.rawValue, measure: $0.rawValue) }
    for (index, values) in rows.enumerated() {
      let figures = values.map { $0.map(Figure.number) ?? .absent(.missingInput) }
      let cells = figures.map { ContentBuilder.cell($0, decimals: 1, unit: "") }
      draft.append(TableRow(label: "r\(index)", isTotal: index == totalRow, cells: cells), figures: figures)
    }
    return draft
  }

  private func derivation(_ draft: TableDraft, row: Int, column: Int) -> Derivation? {
    ContentBuilder.derivation(
      row: row, column: column, in: draft, blocks: ContentBuilder.blocks(of: draft.measures),
      totalRow: draft.rows.firstIndex(where: \.isTotal))
  }

  @Test func theDistrictTableNamesItsOperandColumns() throws {
    let document = try SampleReport.document()
    let table = try #require(document.tables.first { $0.id == "petitions_by_district" })
    // month, month_prev, month_yoy_pct, ytd, ytd_prev, ytd_yoy_pct, share_pct, rank
    #expect(table.columns.map(\.measure)[3...6] == ["ytd", "ytd_prev", "ytd_yoy_pct", "share_pct"])
    let report = SampleReport.report
    for (index, row) in table.rows.enumerated() {
      let code = try #require(row.regionCode)
      let ytd = try #require(report.figure("petitions.total", region: code, measure: .ytd)?.number)
      let previous = report.figure("petitions.total", region: code, measure: .ytdPrev)?.number
      if let previous, !previous.isZero {
        #expect(row.cells[5].derivation == .growth(of: 3, on: 4), "\(row.label) 累计同比")
        let growth = (ytd - previous) / previous * Rational(100)
        #expect(row.cells[5].value == Double(IndicatorFormat.significant(growth)))
      } else {
        #expect(row.cells[5].derivation == nil, "\(row.label): no base, no formula")
      }
      // Each region's share of the total row's ytd, the total row included (100).
      #expect(row.cells[6].derivation == .share(of: 3, totalRow: 0), "\(row.label) 占比")
      #expect(row.cells[7].derivation == nil, "a rank is no formula")
      #expect(row.cells[3].derivation == nil && row.cells[3].unit == "件")
      #expect(row.isTotal == (index == 0))
    }
    #expect(table.unit == "件" && table.chartableColumns == [3, 0])
  }

  @Test func aDerivationOnlyWhereItsOperandsGiveTheExactValue() {
    let growth = draft(
      [.month, .monthPrev, .monthYoyPct],
      [[5, nil, nil], [5, 4, 25], [5, 4, 24], [5, 0, nil]].map { $0.map { $0.map(Rational.init) } })
    #expect(derivation(growth, row: 0, column: 2) == nil, "an absent operand gives no derivation")
    #expect(derivation(growth, row: 1, column: 2) == .growth(of: 0, on: 1))
    #expect(derivation(growth, row: 2, column: 2) == nil, "24 is not (5 − 4) ÷ 4 × 100")
    #expect(derivation(growth, row: 3, column: 2) == nil, "an absent value gives no derivation")
    // A stock's completion is measured against its increase, not its level.
    let stock = draft(
      [.level, .increase, .target, .completionPct], [[1000, 200, 400, 50].map(Rational.init)])
    #expect(derivation(stock, row: 0, column: 3) == .ratio(of: 1, to: 2))
    // Two blocks side by side: each refers to its own block's operands.
    let blocks = draft(
      [.level, .levelPrev, .levelChangePp, .level, .levelPrev, .levelChangePp],
      [[10, 8, 2, 7, 9, -2].map(Rational.init)])
    #expect(derivation(blocks, row: 0, column: 2) == .difference(0, 1))
    #expect(derivation(blocks, row: 0, column: 5) == .difference(3, 4))
    // Shares need a total row, and refer to it.
    let rows = [[40, 100], [10, 25], [30, 75]].map { $0.map(Rational.init) }
    #expect(
      derivation(draft([.ytd, .sharePct], rows, totalRow: 0), row: 1, column: 1) == .share(of: 0, totalRow: 0)
    )
    #expect(derivation(draft([.ytd, .sharePct], rows), row: 1, column: 1) == nil)
    // Figures too large to check in 128 bits give no derivation rather than a crash.
    let huge = Rational(Int128.max / 3, 7)
    let overflow = draft(
      [.month, .monthPrev, .monthYoyPct], [[huge, Rational(Int128.max / 5, 11), Rational(1)]])
    #expect(derivation(overflow, row: 0, column: 2) == nil)
  }

  @Test func behindScheduleIsDecidedOnTheDisplayedGap() throws {
    let document = try SampleReport.document()
    let table = try #require(document.tables.first { $0.id == "employment_by_district" })
    let measures = table.columns.map(\.measure)
    let gap = try #require(measures.firstIndex(of: "progress_gap_pp"))
    let completion = try #require(measures.firstIndex(of: "completion_pct"))
    let decimals = table.rows[0].cells[gap].decimals
    #expect(table.columns[gap].scheduleTest == .belowZero(decimals: decimals))
    #expect(table.columns[completion].scheduleTest == .gapBelowZero(gap: gap, decimals: decimals))
    var flagged = 0
    for row in table.rows {
      let figure = SampleReport.report.figure(
        "employment.new_urban_jobs", region: try #require(row.regionCode), measure: .progressGapPp)
      let behind =
        figure?.number.map { IndicatorFormat.roundedValue($0, decimals: decimals).isNegative } ?? false
      #expect(row.cells[gap].isBehindSchedule == behind, "\(row.label)")
      #expect(row.cells[completion].isBehindSchedule == behind, "\(row.label)")
      if behind { flagged += 1 }
    }
    #expect(flagged > 0 && flagged < table.rows.count, "the sample has districts on both sides")
  }

  /// A template whose table and trend chart both show the unemployment insurance's coverage
  /// rate, which the sample data cannot compute (no 应参保人数 column).
  private func coverageDocument() throws -> BulletinDocument {
    let directory = try TemporaryDirectory()
    let folder = directory.url
    try FileManager.default.createDirectory(
      at: folder.appending(path: "reports"), withIntermediateDirectories: true)
    try """
    title: 参保率
    ascii_name: coverage
    office: 测试局
    source: 测试局
    layout: bulletin
    headlines: []
    sections:
      - id: coverage
        title: 一、参保率
        charts:
          - {id: coverage_trend, kind: trend, indicator: insurance.unemployment.coverage_rate, title: 失业保险参保率}
        tables:
          - id: coverage_by_district
            title: 各区县失业保险参保率
            rows: regions
            indicator: insurance.unemployment.coverage_rate
            measures: [level, level_prev, level_change_pp]
    """.write(to: folder.appending(path: "reports/coverage.yaml"), atomically: true, encoding: .utf8)
    let template = try ReportTemplate.load(named: "coverage", templates: folder)
    return try ContentBuilder(
      template: template, report: SampleReport.report, releaseDate: Day(number: 20_000)
    )
    .build()
  }

  @Test func aFootnoteOfATableCellAndAChartHasOneNumber() throws {
    let document = try coverageDocument()
    // The engine has the series' note twice: for the tables and, prefixed, for the trend series.
    #expect(SampleReport.report.footnotes.contains { $0.text.hasPrefix(FootnoteNumbering.seriesPrefix) })
    #expect(!document.footnotes.contains { $0.text.hasPrefix(FootnoteNumbering.seriesPrefix) })
    #expect(document.footnotes.map(\.number) == Array(1...document.footnotes.count))
    let table = try #require(document.tables.first)
    let cell = table.rows[0].cells[0]
    #expect(cell.isAbsent && !cell.footnotes.isEmpty)
    let chart = try #require(document.charts.first)
    #expect(chart.footnotes == cell.footnotes, "the chart refers to the table cell's note")
    let number = try #require(cell.footnotes.first)
    let text = try #require(document.footnoteText(number))
    #expect(text.contains("失业保险") && text.contains("应参保人数"))
    #expect(chart.spec.note == "注：图中缺失的数据见\(Footnote.mark(number))。")

    // The PDF's notes list the fact once, under the number the table and the chart show.
    let pages = try PDFBulletinWriter().pages(for: document)
    let notes = pages.flatMap(\.items).filter { $0.role == .note }.flatMap(\.lines).joined()
    #expect(notes.components(separatedBy: text.prefix(12)).count == 2, "one note for the fact")
    #expect(notes.contains(Footnote.mark(number)))
    #expect(!notes.contains(Footnote.mark(document.footnotes.count + 1)))

    // So does the workbook's 注释 sheet.
    let directory = try TemporaryDirectory()
    let path = directory.path("coverage.xlsx")
    try BulletinWorkbookWriter().write(document, to: URL(fileURLWithPath: path))
    let sheet = try inspectWithOpenpyxl(path)["sheets"]["注释"]["cells"]
    let texts = sheet.keys.compactMap { sheet[$0]["value"].string }
    #expect(texts.filter { $0 == Footnote.mark(number) }.count == 1)
    #expect(texts.filter { $0 == text }.count == 1)
    #expect(!texts.contains { $0.hasPrefix(FootnoteNumbering.seriesPrefix) })
  }
}
