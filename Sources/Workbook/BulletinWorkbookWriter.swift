import Document
import Foundation
import XLSX

/// Writes a ``Document/BulletinDocument`` as the bulletin workbook (`<title>_<period>.xlsx`).
///
/// The workbook renders the document and computes nothing of its own: every number is a
/// document value, and every formula (同比, 完成率, 占比…) is written together with the
/// document's value as its cached result, so Excel and LibreOffice show the same digits without
/// recalculating and an analyst can audit each derived figure.
///
/// Sheets, in order: 封面 (cover), 目录 (contents, with links), one sheet per table (`表N …`),
/// 注释 (numbered notes) and 数据 (the tidy figures of indicators.csv as an Excel table). The
/// document's ``Document/WorkbookLayout`` picks the table style: `bulletin` draws the
/// traditional ruled 统计报表 with two header rows and merged group cells; `accessible` follows
/// the good-practice rules for released statistics (one header row, no merged cells, every
/// table an Excel table, notes referenced as `[注n]`, a symbols line above each table).
///
/// The output depends only on the document: the creation date is the release date, so the same
/// document gives the same bytes, and the size grows with the report, not with the inputs.
public struct BulletinWorkbookWriter: Sendable {
  /// A writer.
  public init() {}

  /// Writes `document` to `url` (a file path), replacing any file there.
  ///
  /// On failure the partly written file is removed and the error rethrown (an `XLSXError` naming
  /// the C function, sheet and cell).
  public func write(_ document: BulletinDocument, to url: URL) throws {
    let workbook = try Workbook(path: url.path)
    do {
      var builder = WorkbookBuilder(document: document, workbook: workbook)
      try builder.build()
      try workbook.close()
    } catch {
      try? workbook.close()
      try? FileManager.default.removeItem(at: url)
      throw error
    }
  }
}

/// Names of the fixed sheets.
enum SheetNames {
  static let cover = "封面"
  static let contents = "目录"
  static let notes = "注释"
  static let data = "数据"
}

/// Shared by every sheet writer: the workbook, its theme and the document.
struct SheetContext {
  let workbook: Workbook
  let theme: WorkbookTheme
  let document: BulletinDocument

  /// The workbook format for `spec` (created once per distinct spec).
  func format(_ spec: FormatSpec) throws -> Format { try workbook.format(spec) }

  /// A4 print setup: fit to one page wide, page numbers and the office in the footer.
  func pageSetup(landscape: Bool, repeatRows: ClosedRange<Int>?) -> PageSetup {
    let office = Self.escapedForHeader(document.office)
    let heading = Self.escapedForHeader("\(document.title)（\(document.periodName)）")
    var footer = "&C第 &P 页 共 &N 页&R\(office)"
    if footer.utf8.count > 255 { footer = "&C第 &P 页 共 &N 页" }
    let header = "&L\(heading)"
    return PageSetup(
      orientation: landscape ? .landscape : .portrait, paperSize: PageSetup.a4, fitToWidth: true,
      repeatRows: repeatRows, margins: PageMargins(left: 0.5, right: 0.5, top: 0.75, bottom: 0.75),
      header: header.utf8.count <= 255 ? header : nil, footer: footer, centerHorizontally: true)
  }

  /// Text for a page header or footer: `&` doubled so Excel prints it.
  static func escapedForHeader(_ text: String) -> String {
    text.replacingOccurrences(of: "&", with: "&&")
  }

  /// Sets the height of a row whose wrapped text needs `lines` lines (nothing for one line).
  func fitRow(_ sheet: Worksheet, row: Int, lines: Int) throws {
    guard lines > 1 else { return }
    try sheet.setRowHeight(row, Double(lines) * WorkbookTheme.lineHeight + 4)
  }
}

/// Builds every sheet of one workbook.
struct WorkbookBuilder {
  let context: SheetContext
  private var document: BulletinDocument { context.document }

  init(document: BulletinDocument, workbook: Workbook) {
    context = SheetContext(
      workbook: workbook, theme: WorkbookTheme(layout: document.layout), document: document)
  }

  mutating func build() throws {
    let workbook = context.workbook
    var naming = SheetNaming()
    for name in [SheetNames.cover, SheetNames.contents, SheetNames.notes, SheetNames.data] {
      naming.reserve(name)
    }
    let tables = document.tables
    let tableNames = tables.map { naming.name(for: $0.caption) }

    let cover = try workbook.addWorksheet(named: SheetNames.cover)
    let contents = try workbook.addWorksheet(named: SheetNames.contents)
    var tableSheets: [Worksheet] = []
    for name in tableNames { tableSheets.append(try workbook.addWorksheet(named: name)) }
    let notes = try workbook.addWorksheet(named: SheetNames.notes)
    let data = try workbook.addWorksheet(named: SheetNames.data)

    try FrontMatter(context: context).writeCover(cover)
    try FrontMatter(context: context).writeContents(contents, tableSheets: tableNames)
    for (index, table) in tables.enumerated() {
      try TableSheetWriter(context: context, table: table, sheet: tableSheets[index], tableIndex: index + 1)
        .write()
    }
    try FrontMatter(context: context).writeNotes(notes)
    try DataSheetWriter(context: context).write(data)

    try cover.setSelection()
    try cover.activate()
    workbook.properties = Self.properties(of: document)
  }

  /// Title, subject, author (the issuing office), keywords, language and the release date.
  static func properties(of document: BulletinDocument) -> DocumentProperties {
    let topics = document.sections.map { topic(of: $0.title) }.filter { !$0.isEmpty }
    return DocumentProperties(
      title: "\(document.title)（\(document.periodName)）",
      subject: topics.isEmpty
        ? "\(document.periodName)\(document.title)"
        : "\(document.periodName)\(topics.joined(separator: "、"))统计",
      author: document.office, company: document.office, category: "统计公报",
      keywords: (topics + [document.title, document.periodCode]).joined(separator: ","),
      comments: "第\(document.issue)期，\(document.releaseDate)发布", language: "zh-CN",
      created: releaseDate(document.releaseDateISO) ?? DocumentProperties.fixedCreationDate)
  }

  /// `信访工作` from `一、信访工作`.
  static func topic(of sectionTitle: String) -> String {
    guard let mark = sectionTitle.firstIndex(of: "、"),
      sectionTitle.distance(from: sectionTitle.startIndex, to: mark) <= 3
    else { return sectionTitle }
    return String(sectionTitle[sectionTitle.index(after: mark)...])
  }

  /// Midnight UTC of an ISO date `yyyy-MM-dd`; nil when malformed or not after 1970.
  static func releaseDate(_ iso: String) -> Date? {
    let parts = iso.split(separator: "-").compactMap { Int($0) }
    guard parts.count == 3, iso.count == 10 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    guard let utc = TimeZone(identifier: "UTC") else { return nil }
    calendar.timeZone = utc
    let components = DateComponents(year: parts[0], month: parts[1], day: parts[2])
    guard components.isValidDate(in: calendar), let date = calendar.date(from: components),
      date.timeIntervalSince1970 > 0
    else { return nil }
    return date
  }
}
