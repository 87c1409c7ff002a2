import Document
import TextRules
import XLSX

/// A value in a list on the cover, contents or notes sheet.
enum ListValue {
  /// Text, always written as a string.
  case text(String)
  /// A count (rows read), written as a number.
  case count(Int)
  /// An internal link to a sheet, shown as `text`.
  case link(sheet: String, text: String)

  var shownText: String {
    switch self {
    case .text(let text): text
    case .count(let count): String(count)
    case .link(_, let text): text
    }
  }
}

/// A list on a front-matter sheet: an optional heading, a header row (none for key–value lists)
/// and rows. In the accessible layout a list with a ``tableName`` becomes an Excel table — the
/// cover, contents and notes sheets go through the same list writer, as gptables writes them
/// through its table writer.
struct ListBlock {
  var heading: String?
  var headers: [String] = []
  var rows: [[ListValue]]
  /// The Excel table's name in the accessible layout; nil for plain rows.
  var tableName: String?
  /// Shown instead of the rows when there are none.
  var emptyText = "无。"
  /// The first column is a key (bold).
  var keyed = false
}

/// Writes the 封面 (cover), 目录 (contents) and 注释 (notes) sheets.
struct FrontMatter {
  let context: SheetContext
  private var theme: WorkbookTheme { context.theme }
  private var document: BulletinDocument { context.document }

  /// Writes `title` in A1 and `subtitle` in A2.
  private func writeTitle(_ sheet: Worksheet, _ title: String, _ subtitle: String?, cover: Bool = false)
    throws
  {
    let format = cover ? theme.coverTitle : FormatSpec(fontSize: 14, bold: true, verticalAlignment: .center)
    try sheet.write(title, at: Cell(row: 0, column: 0), format: try context.format(format))
    try sheet.setRowHeight(0, cover ? 30 : 24)
    if let subtitle {
      try sheet.write(subtitle, at: Cell(row: 1, column: 0), format: try context.format(theme.subtitle))
    }
  }

  /// Writes `blocks` from `row` on, with columns `widths` wide; returns the row after the last.
  @discardableResult
  private func write(_ blocks: [ListBlock], on sheet: Worksheet, from row: Int, widths: [Double]) throws
    -> Int
  {
    var row = row
    for block in blocks {
      if let heading = block.heading {
        try sheet.write(
          heading, at: Cell(row: row, column: 0), format: try context.format(theme.sectionHeading))
        try sheet.setRowHeight(row, 20)
        row += 1
      }
      let headerRow = row
      let asTable = context.document.layout == .accessible && block.tableName != nil && !block.rows.isEmpty
      if !block.headers.isEmpty {
        let format = try context.format(theme.listHeader)
        for (column, text) in block.headers.enumerated() {
          try sheet.write(text, at: Cell(row: row, column: column), format: format)
        }
        row += 1
      }
      if block.rows.isEmpty {
        try sheet.write(
          block.emptyText, at: Cell(row: row, column: 0), format: try context.format(theme.text))
        row += 1
      }
      for values in block.rows {
        var lines = 1
        for (column, value) in values.enumerated() {
          let position = Cell(row: row, column: column)
          let width = column < widths.count ? widths[column] : 10
          switch value {
          case .text(let text):
            let spec = block.keyed && column == 0 ? theme.key.with { $0.wrap = true } : theme.wrapped
            try sheet.write(text, at: position, format: try context.format(spec))
            lines = max(lines, TextWrap.lines(text, width: Int(width) - 1).count)
          case .count(let count):
            try sheet.write(count, at: position, format: try context.format(theme.count))
          case .link(let target, let text):
            try sheet.writeLink(
              toSheet: target, text: text, tooltip: "转到“\(target)”工作表", at: position,
              format: try context.format(theme.link))
            lines = max(lines, TextWrap.lines(text, width: Int(width) - 1).count)
          }
        }
        try context.fitRow(sheet, row: row, lines: lines)
        row += 1
      }
      if asTable, let name = block.tableName {
        try sheet.addTable(
          CellRange(rows: headerRow...row - 1, columns: 0...block.headers.count - 1),
          TableSpec(name: name, headers: block.headers, style: WorkbookTheme.tableStyle))
        let format = try context.format(theme.listHeader)
        for (column, text) in block.headers.enumerated() {
          try sheet.write(text, at: Cell(row: headerRow, column: column), format: format)
        }
      }
      row += 1
    }
    return row
  }

  private func finish(_ sheet: Worksheet, widths: [Double], repeatRows: ClosedRange<Int>? = nil) throws {
    for (column, width) in widths.enumerated() { try sheet.setColumnWidth(column, width) }
    try sheet.setGridlines(screen: false, print: false)
    try sheet.setPageSetup(context.pageSetup(landscape: false, repeatRows: repeatRows))
  }

  // MARK: 封面

  /// The cover: title, period, office, release date, sources, input files, definitions, notes
  /// and symbols, footnotes.
  func writeCover(_ sheet: Worksheet) throws {
    try writeTitle(sheet, document.title, "\(document.periodName)　第\(document.issue)期", cover: true)
    let tableCount = document.tables.count
    let tablesText = tableCount == 0 ? "" : (tableCount == 1 ? "表1、" : "表1至表\(tableCount)（每表一个工作表）、")
    let facts = ListBlock(
      rows: [
        [.text("统计期"), .text("\(document.periodName)（\(document.periodCode)）")],
        [.text("发布单位"), .text(document.office)],
        [.text("发布日期"), .text(document.releaseDate)],
        [.text("资料来源"), .text(document.source)],
        [.text("工作簿内容"), .text("封面、目录、\(tablesText)注释、数据（全部指标数值，可用于数据透视）。")],
      ], keyed: true)
    let inputs = ListBlock(
      heading: "一、数据来源文件", headers: ["文件", "数据集", "读取行数", "跳过行数"],
      rows: document.inputs.map {
        [.text($0.path), .text($0.dataset), .count($0.rowsRead), .count($0.rowsSkipped)]
      },
      emptyText: "本期未读取输入文件。")
    let definitions = ListBlock(
      heading: "二、指标解释", headers: ["指标", "口径说明"],
      rows: document.definitions.map { [.text($0.name), .text($0.text)] }, keyed: true)
    var symbolRows: [[ListValue]] = [
      [.text(DecimalText.absentSymbol), .text("无法计算或数据缺失（如基期为零、缺少输入）；“数据”工作表中相应数值为空。")],
      [.text("[注n]"), .text("注释编号，注释内容见“注释”工作表。")],
    ]
    for (index, note) in document.notes.enumerated() {
      symbolRows.append([.text("说明\(index + 1)"), .text(note)])
    }
    let symbols = ListBlock(heading: "三、说明与符号", headers: ["符号或编号", "说明"], rows: symbolRows, keyed: true)
    var blocks = [facts, inputs, definitions, symbols]
    if !document.footnotes.isEmpty {
      blocks.append(
        ListBlock(
          heading: "四、注释", headers: ["编号", "内容"],
          rows: document.footnotes.map { [.text($0.mark), .text($0.text)] },
          keyed: true))
    }
    let keyTexts =
      ["工作簿内容", "符号或编号"] + document.inputs.map(\.path) + document.definitions.map(\.name)
    let keyWidth = DisplayWidth.columnWidth(
      forDisplayWidth: keyTexts.map { DisplayWidth.of($0) }.max() ?? 0, padding: 2, minimum: 12, maximum: 36)
    let widths = [keyWidth, 72, 10, 10]
    try write(blocks, on: sheet, from: 3, widths: widths)
    try finish(sheet, widths: widths)
  }

  // MARK: 目录

  /// The contents: one row per table sheet (a link showing `表N 标题`), then 注释 and 数据.
  func writeContents(_ sheet: Worksheet, tableSheets: [String]) throws {
    try writeTitle(sheet, "目录", "点击表名可跳转到相应工作表；各表注释见“注释”工作表，全部数值见“数据”工作表。")
    var rows: [[ListValue]] = []
    for section in document.sections {
      for table in section.tables {
        let index = rows.count
        rows.append([
          .link(sheet: tableSheets[index], text: table.caption), .text(table.subtitle),
          .text(WorkbookBuilder.topic(of: section.title)),
        ])
      }
    }
    rows.append([.link(sheet: SheetNames.notes, text: "注释"), .text("各表注释及一般说明"), .text("")])
    rows.append([
      .link(sheet: SheetNames.data, text: "数据"), .text("全部指标数值（与indicators.csv相同）"), .text(""),
    ])
    let block = ListBlock(headers: ["工作表", "单位与统计时期", "所属部分"], rows: rows, tableName: "目录表")
    func width(_ column: Int, minimum: Double, maximum: Double) -> Double {
      let widest = rows.map { DisplayWidth.of($0[column].shownText) }.max() ?? 0
      return DisplayWidth.columnWidth(forDisplayWidth: widest, padding: 4, minimum: minimum, maximum: maximum)
    }
    let widths = [
      width(0, minimum: 16, maximum: 50), width(1, minimum: 18, maximum: 40),
      width(2, minimum: 12, maximum: 24),
    ]
    try write([block], on: sheet, from: 3, widths: widths)
    try finish(sheet, widths: widths, repeatRows: 3...3)
  }

  // MARK: 注释

  /// The notes: `[注n]` footnotes, then the general notes.
  func writeNotes(_ sheet: Worksheet) throws {
    try writeTitle(sheet, "注释", "各统计表中以[注n]标注的注释，以及一般说明。")
    var rows: [[ListValue]] = document.footnotes.map {
      [.text($0.mark), .text($0.text)]
    }
    for (index, note) in document.notes.enumerated() {
      rows.append([.text("说明\(index + 1)"), .text(note)])
    }
    let block = ListBlock(
      headers: ["编号", "内容"], rows: rows, tableName: "注释表", emptyText: "本期无注释。", keyed: true)
    let widths: [Double] = [10, 90]
    try write([block], on: sheet, from: 3, widths: widths)
    try finish(sheet, widths: widths, repeatRows: rows.isEmpty ? nil : 3...3)
  }
}
