import Document
import Graphics
import TestSupport
import Testing

@testable import PDFBulletin

/// The page models, checked without drawing: margins, overlaps, line breaks, what stays together.
@Suite struct LayoutTests {
  let writer: PDFBulletinWriter
  let pages: [PageModel]
  let style = BulletinStyle()

  init() throws {
    writer = try PDFBulletinWriter()
    pages = writer.pages(for: Fixture.document)
  }

  @Test func theFixtureKeepsEveryLayoutRule() {
    #expect(Invariants.problems(in: pages, style: style, document: Fixture.document) == [])
    #expect(pages.flatMap(\.items).reduce(0) { $0 + $1.lines.count } > 300)
  }

  /// The same rules hold whatever falls where: more or less narrative pushes charts and tables
  /// down the pages, and tables of every length meet the page end at different rows.
  @Test(arguments: 0..<14)
  func everyVariantKeepsEveryLayoutRule(variant: Int) {
    var document = Fixture.document
    let extra = Array(repeating: Fixture.paragraphs["employment"]![0], count: variant % 7)
    document.sections[0].paragraphs += extra
    var long = Fixture.townships
    let counts = [1, 2, 3, 4, 9, 14, 30, 33, 34, 35, 36, 37, 60, 80]
    long.rows = Array(long.rows.prefix(counts[variant]))
    document.sections[0].tables[1] = long
    if variant % 2 == 1 { document.sections[1].charts = [] }
    if variant % 3 == 2 { document.office = "江川市人力资源和社会保障局、江川市统计局联合调查队办公室" }
    let pages = writer.pages(for: document)
    #expect(Invariants.problems(in: pages, style: style, document: document) == [])
  }

  @Test func bodyParagraphsAreJustifiedWithATwoCharacterIndent() throws {
    let typesetter = try Typesetter()
    let paragraph = Fixture.paragraphs["petitions"]![0]
    let lines = typesetter.lines(of: style.body(paragraph))
    #expect(lines.count >= 3)
    #expect(abs(lines[0].frame.minX - 2 * style.bodySize) < 0.01)
    for line in lines.dropLast() {
      #expect(abs(line.frame.maxX - style.textArea.width) < 0.1, "\(line.text) ends at \(line.frame.maxX)")
    }
    #expect(lines.last!.frame.maxX < style.textArea.width - 1)
    #expect(lines.map(\.text).joined() == paragraph)
  }

  @Test func continuationPagesSayContinued() {
    let table = Fixture.townships.number
    let captions = pages.flatMap(\.items).compactMap { item -> Bool? in
      if case .tableCaption(table, let continued) = item.role { return continued }
      return nil
    }
    #expect(captions.count >= 3)
    #expect(captions.first == false)
    #expect(captions.dropFirst().allSatisfy { $0 })
    let texts = pages.flatMap(\.items).filter {
      if case .tableCaption(table, true) = $0.role { return true } else { return false }
    }
    #expect(texts.allSatisfy { $0.lines == ["表2 各乡镇（街道）信访情况（续）"] })
  }

  @Test func pageOneOpensWithTheMastheadAndCards() throws {
    let first = pages[0].items
    #expect(first.first?.role == .masthead)
    #expect(first.first?.lines == ["民生统计月报"])
    #expect(first.contains { $0.role == .masthead && $0.lines == ["第10期"] })
    let redRules = first.filter {
      if case .line(_, _, let stroke) = $0.shape, $0.role == .masthead { return stroke.color == style.red }
      return false
    }
    #expect(redRules.count == 2)
    let cardFills = first.filter {
      if case .fill = $0.shape { return $0.role == .card } else { return false }
    }
    #expect(cardFills.count == Fixture.document.headlines.count)
    #expect(Set(cardFills.map(\.frame.minY)).count == 1)
    #expect(first.contains { $0.role == .card && $0.lines == ["同比 ▼ -2.1%"] })
    #expect(first.contains { $0.role == .paragraph })
  }

  @Test func fiveCardsMakeRowsOfThreeAndTwo() throws {
    var document = Fixture.document
    document.headlines.append(HeadlineCard(label: "城镇调查失业率", value: "5.1", unit: "%", change: nil))
    let pages = writer.pages(for: document)
    let fills = pages[0].items.filter {
      if case .fill = $0.shape { return $0.role == .card } else { return false }
    }
    let rows = Dictionary(grouping: fills, by: \.frame.minY).values.map(\.count).sorted()
    #expect(rows == [2, 3])
    #expect(pages[0].items.contains { $0.role == .card && $0.lines == ["同比 —"] })
  }
}

/// Column widths and the header of single tables.
@Suite struct TableGeometryTests {
  let typesetter: Typesetter
  let style = BulletinStyle()

  init() throws { typesetter = try Typesetter() }

  func geometry(_ table: TableContent) -> TableGeometry {
    TableGeometry(table: table, width: style.textArea.width, style: style, typesetter: typesetter)
  }

  /// The right edge of each figure in each row, by column (marks left out).
  func figureEdges(_ g: TableGeometry) -> [[Double]] {
    g.rows.map { cells in
      cells.dropFirst().filter { $0.block.style.size == g.fontSize }.map { cell in
        cell.origin.x + (cell.lines.map(\.frame.maxX).max() ?? 0)
      }
    }
  }

  @Test func figuresLineUpOnTheRightInEveryColumn() {
    let g = geometry(Fixture.townships)
    let edges = figureEdges(g)
    for column in 0..<Fixture.townships.columns.count {
      let column = edges.map { $0[column] }
      #expect(column.max()! - column.min()! < 0.01)
    }
    #expect(abs(g.width - style.textArea.width) < 0.01)
  }

  @Test func aWideTableFitsTheTextWidth() {
    var table = Fixture.employment
    table.columns += (1...4).map {
      TableColumn(group: "上年同期（按可比口径调整后）", header: "调整后累计同比增长(%)\($0)", measure: "x\($0)")
    }
    table.rows = table.rows.map { row in
      var row = row
      row.cells += ["12,345", "-3.4", "—", "100.0"].map { TableCell(text: $0, value: nil, decimals: 1) }
      return row
    }
    let g = geometry(table)
    #expect(g.width <= style.textArea.width + 0.01)
    #expect(g.fontSize < style.tableSize)
    for cell in g.header {
      let right = cell.origin.x + cell.lines.map(\.frame.maxX).max()!
      #expect(cell.origin.x >= 0 && right <= g.width + 0.01, "\(cell.block.text)")
      #expect(cell.lines.count <= 3, "\(cell.block.text): \(cell.lines.map(\.text))")
    }
    for (row, cells) in g.rows.enumerated() {
      for cell in cells {
        let right = cell.origin.x + cell.lines.map(\.frame.maxX).max()!
        #expect(right <= g.width + 0.01, "row \(row): \(cell.block.text)")
      }
    }
  }

  @Test func groupTitlesSpanTheirColumnsAboveTheirHeaders() {
    let table = Fixture.channels
    let g = geometry(table)
    func box(_ text: String) -> Rect {
      let cell = g.header.first { $0.block.text == text }!
      let lines = cell.lines
      return Rect(
        x: cell.origin.x + lines.map(\.frame.minX).min()!, y: cell.origin.y,
        width: lines.map(\.frame.width).max()!, height: lines.last!.frame.maxY)
    }
    let month = box("本月")  // the group title comes first in the header
    let ytd = box("1-10月累计")
    #expect(month.maxX <= g.columnX(3) && month.minX >= g.columnX(0))
    #expect(ytd.minX >= g.columnX(3) && ytd.maxX <= g.columnX(6))
    let lastYear = box("去年同期累计")
    #expect(lastYear.minY > ytd.maxY)
    #expect(g.headerRules.count == 2)
    #expect(g.headerRules.allSatisfy { $0.y > month.maxY && $0.y < lastYear.minY })
    // The ungrouped column spans both header rows: centred on the whole header.
    let share = box("占总量比重(%)")
    #expect(share.minY < lastYear.minY && share.maxY > ytd.maxY)
  }

  @Test func longHeadersWrapIntoBalancedLines() {
    let g = geometry(Fixture.employment)
    let header = g.header.first { $0.block.text == "与序时进度差(个百分点)" }!
    #expect(header.lines.count == 2)
    let widths = header.lines.map(\.frame.width)
    #expect(abs(widths[0] - widths[1]) < 2.5 * g.fontSize, "\(header.lines.map(\.text))")
  }

  @Test func waterFillAndCapKeepTheTotal() {
    let filled = TableGeometry.waterFill([40, 50, 200], total: 400)
    #expect(filled == [100, 100, 200])
    #expect(TableGeometry.waterFill([40, 50], total: 90) == [40, 50])
    let capped = TableGeometry.capped([60, 120, 150], minimum: [60, 80, 70], total: 260)
    #expect(abs(capped.reduce(0, +) - 260) < 0.01)
    #expect(capped[0] == 60 && abs(capped[1] - capped[2]) < 0.01)
  }
}

/// The layout rules, as a list of what breaks them (empty when all hold).
enum Invariants {
  static func problems(in pages: [PageModel], style: BulletinStyle, document: BulletinDocument) -> [String] {
    var problems: [String] = []
    let area = style.textArea
    let sheet = Rect(origin: .zero, size: style.pageSize)
    for (index, page) in pages.enumerated() {
      let name = "page \(index + 1)"
      // Inside the text block; the footer inside the page, below it.
      for item in page.items {
        if item.role == .footer {
          if !sheet.contains(item.frame) || item.frame.minY < area.maxY {
            problems.append("\(name): footer out of place")
          }
        } else if !area.contains(item.frame, tolerance: 0.01) {
          problems.append("\(name): \(item.role) \(item.lines) outside the text block")
        }
      }
      // No text on text, no text on a chart.
      let texts = page.items.filter { if case .text = $0.shape { return true } else { return false } }
      let charts = page.items.filter { if case .chart = $0.shape { return true } else { return false } }
      for (i, a) in texts.enumerated() {
        for b in texts[(i + 1)...]
        where a.frame.insetBy(dx: 0.1, dy: 0.1).intersects(b.frame.insetBy(dx: 0.1, dy: 0.1)) {
          problems.append("\(name): \(a.lines) overlaps \(b.lines)")
        }
        for chart in charts where a.frame.intersects(chart.frame) {
          problems.append("\(name): \(a.lines) on \(chart.role)")
        }
      }
      // No line starts with a closing mark.
      for line in page.items.flatMap(\.lines) where Checks.closingPunctuation.contains(line.first ?? " ") {
        problems.append("\(name): line starts with a closing mark: \(line)")
      }
      // A caption has its header and rows under it; a heading is never last on its page.
      for caption in page.items {
        guard case .tableCaption(let number, _) = caption.role else { continue }
        let header = page.items.filter { $0.role == .tableHeader(number: number) }
        let rows = page.items.filter {
          if case .tableRow(number, _) = $0.role { return true } else { return false }
        }
        let table = document.tables.first { $0.number == number }!
        if header.isEmpty || (rows.isEmpty && !table.rows.isEmpty) {
          problems.append("\(name): caption of 表\(number) without its table")
        }
        if !header.allSatisfy({ $0.frame.minY > caption.frame.maxY }) {
          problems.append("\(name): 表\(number) header above its caption")
        }
      }
      if let last = page.items.last(where: { $0.role != .footer }), last.role == .heading {
        problems.append("\(name) ends with the heading \(last.lines)")
      }
      // A split paragraph leaves at least two lines on either side.
      for item in page.items {
        if case .text(_, _, let lines?) = item.shape, item.role == .paragraph || item.role == .note,
          lines.count < 2
        {
          problems.append("\(name): \(lines.count) line of a split paragraph: \(item.lines)")
        }
      }
      // A chart's caption is its own title: nothing to keep apart. Charts sit in the text block.
    }
    // Every table row is printed once, whole, on one page; a continued table says so.
    for table in document.tables {
      for row in table.rows.indices {
        let holding = pages.indices.filter { p in
          pages[p].items.contains { $0.role == .tableRow(number: table.number, row: row) }
        }
        if holding.count != 1 { problems.append("表\(table.number) row \(row) on pages \(holding)") }
      }
      let captions = pages.flatMap(\.items).compactMap { item -> Bool? in
        if case .tableCaption(table.number, let continued) = item.role { return continued }
        return nil
      }
      if captions.first != false || captions.dropFirst().contains(false) {
        problems.append("表\(table.number) captions \(captions)")
      }
    }
    return problems
  }
}
