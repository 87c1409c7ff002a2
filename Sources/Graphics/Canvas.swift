/// Measures text the way it will be drawn. Layout code asks only this of a backend.
public protocol TextMeasuring: AnyObject {
  /// The size of the text's logical box (all lines, full line height) in points.
  func measure(_ text: String, style: TextStyle) -> Size
}

/// How a line is stroked.
public struct StrokeStyle: Hashable, Sendable {
  /// End caps of open lines.
  public enum Cap: Hashable, Sendable { case butt, round, square }
  /// Corners between segments.
  public enum Join: Hashable, Sendable { case miter, round, bevel }

  public var color: Color
  /// Line width in points.
  public var width: Double
  /// Alternating on/off lengths in points; empty for a solid line.
  public var dash: [Double]
  public var cap: Cap
  public var join: Join

  public init(
    color: Color, width: Double = 1, dash: [Double] = [], cap: Cap = .butt, join: Join = .miter
  ) {
    self.color = color
    self.width = width
    self.dash = dash
    self.cap = cap
    self.join = join
  }
}

/// Something a chart or page can be painted onto: a cairo context (PNG, SVG, PDF) or a recorder
/// used to test layout without pixels. All coordinates are points in user space, y downwards.
public protocol Canvas: TextMeasuring {
  /// Fills the path's interior (non-zero winding).
  func fill(_ path: Path, color: Color)
  /// Strokes the path's outline.
  func stroke(_ path: Path, style: StrokeStyle)
  /// Draws text (through pango) so that `anchor` of its box lands on `point`, turned by `rotation`
  /// degrees counter-clockwise about that point.
  func draw(_ text: String, at point: Point, style: TextStyle, anchor: TextAnchor, rotation: Double)
  /// Runs `body` with drawing clipped to `rect`.
  func clipped(to rect: Rect, _ body: () -> Void)
  /// Throws the first drawing error the backend recorded (cairo's sticky status), if any.
  func checkStatus() throws
}

extension Canvas {
  /// Fills a rectangle.
  public func fill(_ rect: Rect, color: Color) { fill(Path.rect(rect), color: color) }

  /// Draws text with its top-left corner at `point`, unrotated.
  public func draw(_ text: String, at point: Point, style: TextStyle) {
    draw(text, at: point, style: style, anchor: .topLeft, rotation: 0)
  }

  /// Where `text` lands when drawn with these arguments.
  public func placement(
    of text: String, at point: Point, style: TextStyle, anchor: TextAnchor, rotation: Double = 0
  ) -> TextPlacement {
    TextPlacement(
      size: measure(text, style: style), position: point, anchor: anchor, rotation: rotation)
  }
}
