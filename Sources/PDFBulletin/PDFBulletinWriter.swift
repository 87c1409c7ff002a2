import ChartModel
import Charts
import Document
import Foundation
import Graphics

/// Writes the bulletin for leaders as an A4 PDF: a red masthead, headline cards and the narrative
/// on page 1, then each section's charts (as vectors) and tables, then the notes; `第 N 页 共 M 页`
/// and the issuing office on every page. Fonts are embedded as subsets with Unicode maps, so the
/// text (Chinese and figures) can be selected, searched and extracted.
///
/// The writer prints the document's strings as they are; it never computes or rounds a figure.
/// Pages are laid out first (page models), then drawn, so the page count is known for the footers.
/// The output is deterministic: the creation date is the document's release date.
public struct PDFBulletinWriter {
  let typesetter: Typesetter
  let style = BulletinStyle()

  /// The families the bulletin sets text in besides the typesetter's own (the serif of body
  /// text), for ``Graphics/Typesetter/warmUp(families:)``.
  public static var extraFamilies: [String] { [BulletinStyle().serif] }

  /// A writer that sets text with `typesetter` (one typesetter for the whole document, charts
  /// included), or with a new one over the machine's CJK fonts.
  public init(typesetter: Typesetter? = nil) throws {
    self.typesetter = try typesetter ?? Typesetter()
  }

  /// Writes `document` to `url` (the caller writes to a temporary file and renames it).
  public func write(_ document: BulletinDocument, to url: URL) throws {
    let metadata = try metadata(for: document)
    let pages = pages(for: document)
    let pdf = try PDFSurface(url: url, pageSize: style.pageSize)
    try pdf.setMetadata(metadata)
    let context = try pdf.makeContext(typesetter: typesetter)
    for page in pages {
      for item in page.items {
        try draw(item, on: context)
      }
      context.showPage()
    }
    try context.checkStatus()
    try addOutline(pages, to: pdf)
    try pdf.finish()
  }

  /// The laid-out pages of `document`, footers included.
  func pages(for document: BulletinDocument) -> [PageModel] {
    var pages = BulletinLayout.pages(for: document, typesetter: typesetter, style: style)
    for index in pages.indices {
      pages[index].items += footer(document, page: index + 1, of: pages.count)
    }
    return pages
  }

  /// The office on the left, `第 N 页 共 M 页` in the middle, the title and issue on the right,
  /// under a hairline.
  func footer(_ document: BulletinDocument, page: Int, of count: Int) -> [PageItem] {
    let area = style.textArea
    var items = [
      PageItem(
        role: .footer,
        shape: .line(
          from: Point(x: area.minX, y: style.footerRuleY), to: Point(x: area.maxX, y: style.footerRuleY),
          StrokeStyle(color: style.hairline, width: 0.5)),
        frame: Rect(x: area.minX, y: style.footerRuleY - 0.25, width: area.width, height: 0.5))
    ]
    // The page number is centred; the office and the title share what is left on either side,
    // wrapping rather than running into it.
    let centre = style.sans(
      "第 \(page) 页 共 \(count) 页", size: style.footerSize, color: style.muted, alignment: .center,
      width: area.width)
    let centreWidth = typesetter.measure(centre.wrapped(at: nil)).width
    let side = (area.width - centreWidth) / 2 - 12
    let texts: [(TextBlock, x: Double)] = [
      (style.sans(document.office, size: style.footerSize, color: style.muted, width: side), area.minX),
      (centre, area.minX),
      (
        style.sans(
          "\(document.title) 第\(document.issue)期", size: style.footerSize, color: style.muted,
          alignment: .right, width: side), area.maxX - side
      ),
    ]
    for (block, x) in texts {
      let lines = typesetter.lines(of: block)
      guard let first = lines.first, let last = lines.last else { continue }
      let minX = lines.map(\.frame.minX).min()!
      let maxX = lines.map(\.frame.maxX).max()!
      items.append(
        PageItem(
          role: .footer, shape: .text(block, origin: Point(x: x, y: style.footerTextY), lines: nil),
          frame: Rect(
            x: x + minX, y: style.footerTextY, width: maxX - minX, height: last.frame.maxY - first.frame.minY),
          lines: lines.map(\.text)))
    }
    return items
  }

  func draw(_ item: PageItem, on context: GraphicsContext) throws {
    switch item.shape {
    case .text(let block, let origin, let lines):
      context.draw(block, at: origin, lines: lines)
    case .line(let from, let to, let stroke):
      context.stroke(Path.line(from: from, to: to), style: stroke)
    case .fill(let rect, let color):
      context.fill(rect, color: color)
    case .chart(let spec, let rect, let theme):
      try ChartRenderer.draw(spec, on: context, in: rect, theme: theme)
    }
  }

  /// Bookmarks: each section (its narrative), its charts and tables under it, then 注释.
  func addOutline(_ pages: [PageModel], to pdf: PDFSurface) throws {
    var sections: [Int: Int] = [:]
    for (index, page) in pages.enumerated() {
      for mark in page.bookmarks {
        switch mark.level {
        case .section(let s):
          sections[s] = try pdf.addOutline(mark.title, page: index + 1, y: mark.y)
        case .item(let s):
          try pdf.addOutline(mark.title, page: index + 1, y: mark.y, parent: sections[s] ?? 0)
        case .topLevel:
          try pdf.addOutline(mark.title, page: index + 1, y: mark.y)
        }
      }
    }
  }

  /// Title (title and period), author (the office), subject, keywords (the sections), creator
  /// `minsheng`, and the release date as the creation date.
  func metadata(for document: BulletinDocument) throws -> PDFMetadata {
    guard let date = Self.date(iso: document.releaseDateISO) else {
      throw PDFBulletinError.invalidReleaseDate(document.releaseDateISO)
    }
    let topics = document.sections.map { Self.strippingOrdinal($0.title) }
    return PDFMetadata(
      title: "\(document.title) \(document.periodName)", author: document.office,
      subject: "\(document.title)（第\(document.issue)期，\(document.periodName)）："
        + topics.joined(separator: "、"),
      keywords: ([document.title, document.periodName] + topics).joined(separator: ", "), creator: "minsheng",
      creationDate: date)
  }

  /// Midnight UTC of an ISO date `2024-11-23`; nil if it is not one.
  static func date(iso: String) -> Date? {
    let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, let year = Int(parts[0]), let month = Int(parts[1]),
      let day = Int(parts[2]), (1...12).contains(month), (1...31).contains(day)
    else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let components = DateComponents(year: year, month: month, day: day)
    guard let date = calendar.date(from: components),
      calendar.component(.day, from: date) == day
    else { return nil }
    return date
  }

  /// `信访工作` from `一、信访工作`.
  static func strippingOrdinal(_ title: String) -> String {
    guard let mark = title.firstIndex(of: "、"),
      title[..<mark].allSatisfy({ "一二三四五六七八九十0123456789".contains($0) })
    else { return title }
    return String(title[title.index(after: mark)...])
  }
}

/// Why the bulletin PDF could not be written (besides cairo's and the chart's own errors).
public enum PDFBulletinError: Error, Equatable, CustomStringConvertible {
  /// The document's `releaseDateISO` is not a date `YYYY-MM-DD`.
  case invalidReleaseDate(String)

  public var description: String {
    switch self {
    case .invalidReleaseDate(let text): return "release date \(text) is not a date YYYY-MM-DD"
    }
  }
}
