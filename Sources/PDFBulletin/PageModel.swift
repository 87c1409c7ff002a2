import ChartModel
import Charts
import Graphics

/// One page after layout: everything on it, placed. Layout produces these first, so the number of
/// pages is known before anything is drawn; the footer (`第 N 页 共 M 页`) is added when drawing.
struct PageModel {
  var items: [PageItem] = []
  /// Bookmarks that open this page.
  var bookmarks: [Bookmark] = []
}

/// An entry of the PDF's outline.
struct Bookmark: Hashable {
  /// Where the entry sits in the outline.
  enum Level: Hashable {
    /// The narrative of section `index`.
    case section(Int)
    /// A chart or table of section `index`, nested under it.
    case item(section: Int)
    /// A top-level entry of its own (注释).
    case topLevel
  }

  var title: String
  var level: Level
  /// Where on the page it points.
  var y: Double
}

/// One placed thing on a page.
struct PageItem {
  /// What the item is, for tests and for keeping things together.
  enum Role: Hashable {
    case masthead
    case card
    case heading
    case paragraph
    /// The caption of table `number` (`表N` or `表N（续）`).
    case tableCaption(number: Int, continued: Bool)
    case tableSubtitle(number: Int)
    case tableHeader(number: Int)
    /// Row `row` of table `number`: its label or one of its cells.
    case tableRow(number: Int, row: Int)
    case tableRule(number: Int)
    case tableNote(number: Int)
    case chart(number: Int)
    case note
    case footer
  }

  /// How the item is drawn.
  enum Shape {
    /// Lines `lines` of a text block (all when `nil`), its wrap box's left edge at `origin.x` and
    /// the first drawn line's top at `origin.y`.
    case text(TextBlock, origin: Point, lines: Range<Int>?)
    case line(from: Point, to: Point, StrokeStyle)
    case fill(Rect, Color)
    /// A chart drawn into `rect` (which may overhang the text block by the chart's padding).
    case chart(ChartSpec, rect: Rect, theme: ChartTheme)
  }

  var role: Role
  var shape: Shape
  /// What the item covers on the page (for a chart, its content without the padding).
  var frame: Rect
  /// The drawn lines' text, as pango broke them (empty for rules, fills and charts).
  var lines: [String] = []
}
