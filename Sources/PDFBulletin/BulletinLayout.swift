import Document
import Graphics

/// The layout pass: turns a ``BulletinDocument`` into page models, top to bottom, asking the
/// typesetter only for line breaks and sizes. Nothing is drawn here, so the page count is known
/// before the footers are written.
///
/// Flow rules: a paragraph splits between lines with at least two lines on either side of the
/// break; a heading stays with the start of what follows it; a chart never splits; a table splits
/// between rows only, with its caption (`表N（续）`) and header repeated, at least three rows under
/// its first caption and two rows on its last page, and its notes kept with its last rows.
struct BulletinLayout {
  let document: BulletinDocument
  let typesetter: Typesetter
  let style: BulletinStyle
  private(set) var pages: [PageModel] = [PageModel()]
  /// The cursor: where the next thing goes on the last page.
  var y: Double

  init(document: BulletinDocument, typesetter: Typesetter, style: BulletinStyle) {
    self.document = document
    self.typesetter = typesetter
    self.style = style
    self.y = style.textArea.minY
  }

  /// The pages of `document`, without footers.
  static func pages(for document: BulletinDocument, typesetter: Typesetter, style: BulletinStyle)
    -> [PageModel]
  {
    var layout = BulletinLayout(document: document, typesetter: typesetter, style: style)
    layout.build()
    return layout.pages
  }

  mutating func build() {
    masthead()
    headlines()
    narrative()
    if document.sections.contains(where: { !$0.charts.isEmpty || !$0.tables.isEmpty }) {
      newPage()
      chartsAndTables()
    }
    endMatter()
  }

  // MARK: The cursor

  var area: Rect { style.textArea }
  var remaining: Double { area.maxY - y }
  var isAtPageTop: Bool { y <= area.minY + 0.001 }

  mutating func newPage() {
    pages.append(PageModel())
    y = area.minY
  }

  /// Vertical space, dropped at the top of a page.
  mutating func space(_ height: Double) {
    if !isAtPageTop { y = min(y + height, area.maxY) }
  }

  /// Starts a new page unless `height` fits below the cursor (or the page is still empty).
  mutating func keep(_ height: Double) {
    if height > remaining + 0.01 && !isAtPageTop { newPage() }
  }

  mutating func add(_ item: PageItem) { pages[pages.count - 1].items.append(item) }

  mutating func bookmark(_ title: String, level: Bookmark.Level) {
    pages[pages.count - 1].bookmarks.append(Bookmark(title: title, level: level, y: y))
  }

  // MARK: Text

  /// Places lines `range` (all when `nil`) of `block`, already broken into `lines`, with the wrap
  /// box's left edge at `x` and the first line's top at `top`; returns their height.
  @discardableResult
  mutating func place(
    _ block: TextBlock, lines: [TextLine], range: Range<Int>? = nil, x: Double, top: Double,
    role: PageItem.Role
  ) -> Double {
    let all = 0..<lines.count
    let r = range ?? all
    guard !r.isEmpty else { return 0 }
    let drawn = lines[r]
    let height = drawn.last!.frame.maxY - drawn.first!.frame.minY
    let minX = drawn.map(\.frame.minX).min()!
    let maxX = drawn.map(\.frame.maxX).max()!
    add(
      PageItem(
        role: role, shape: .text(block, origin: Point(x: x, y: top), lines: r == all ? nil : r),
        frame: Rect(x: x + minX, y: top, width: maxX - minX, height: height),
        lines: drawn.map(\.text)))
    return height
  }

  /// Places the whole block; returns its height.
  @discardableResult
  mutating func place(_ block: TextBlock, x: Double, top: Double, role: PageItem.Role) -> Double {
    place(block, lines: typesetter.lines(of: block), x: x, top: top, role: role)
  }

  /// The height of a block's lines.
  func height(of lines: [TextLine]) -> Double {
    guard let first = lines.first, let last = lines.last else { return 0 }
    return last.frame.maxY - first.frame.minY
  }

  /// What must fit for a paragraph to start on this page: two lines, or all of a paragraph of
  /// up to three (``flow(_:role:x:)`` leaves no single line on either side of a page break).
  func startHeight(of lines: [TextLine]) -> Double {
    height(of: Array(lines.prefix(lines.count <= 3 ? lines.count : 2)))
  }

  /// Flows a block from the cursor at the left of the text block (or `x`), breaking it between
  /// lines across pages, and moves the cursor below it.
  mutating func flow(_ block: TextBlock, role: PageItem.Role, x: Double? = nil) {
    let lines = typesetter.lines(of: block)
    var next = 0
    while next < lines.count {
      let top = lines[next].frame.minY
      var fit = 0
      while next + fit < lines.count, lines[next + fit].frame.maxY - top <= remaining + 0.01 {
        fit += 1
      }
      let left = lines.count - next
      if fit < left {
        // No widow: at least two lines go over; no orphan: at least two lines stay.
        if left - fit < 2 { fit = left - 2 }
        if fit < 2 { fit = 0 }
      }
      if fit == 0 {
        if isAtPageTop {
          fit = 1
        } else {
          newPage()
          continue
        }
      }
      y += place(block, lines: lines, range: next..<next + fit, x: x ?? area.minX, top: y, role: role)
      next += fit
      if next < lines.count { newPage() }
    }
  }
}
