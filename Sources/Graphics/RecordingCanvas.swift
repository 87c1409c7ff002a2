/// A canvas that draws nothing and records what it was asked to draw, measuring text with a real
/// ``Typesetter``: layout can be tested (boxes, overlaps, bounds) without pixels.
public final class RecordingCanvas: Canvas {
  /// One recorded drawing call.
  public enum Operation: Hashable, Sendable {
    case fill(Path, Color)
    case stroke(Path, StrokeStyle)
    case text(String, TextPlacement, TextStyle)
    case clip(Rect)
  }

  public let typesetter: Typesetter
  public private(set) var operations: [Operation] = []

  public init(typesetter: Typesetter? = nil) throws(GraphicsError) {
    if let typesetter { self.typesetter = typesetter } else { self.typesetter = try Typesetter() }
  }

  public func measure(_ text: String, style: TextStyle) -> Size {
    typesetter.measure(text, style: style)
  }

  public func fill(_ path: Path, color: Color) { operations.append(.fill(path, color)) }

  public func stroke(_ path: Path, style: StrokeStyle) { operations.append(.stroke(path, style)) }

  public func draw(
    _ text: String, at point: Point, style: TextStyle, anchor: TextAnchor, rotation: Double
  ) {
    let placement = TextPlacement(
      size: measure(text, style: style), position: point, anchor: anchor, rotation: rotation)
    operations.append(.text(text, placement, style))
  }

  public func clipped(to rect: Rect, _ body: () -> Void) {
    operations.append(.clip(rect))
    body()
  }

  public func checkStatus() throws {}

  /// Every text drawn, with where it landed.
  public var texts: [(text: String, placement: TextPlacement, style: TextStyle)] {
    operations.compactMap {
      if case .text(let s, let p, let style) = $0 { return (s, p, style) }
      return nil
    }
  }
}
