import Foundation

/// Font weight of a text run. Noto Sans CJK SC ships each of these.
public enum FontWeight: Int, Hashable, Sendable {
  case light = 300
  case regular = 400
  case medium = 500
  case bold = 700
}

/// How the lines of a wrapped, multi-line text align with each other.
public enum TextAlignment: Hashable, Sendable {
  case left, center, right
}

/// How a piece of text looks: everything pango needs to shape it, in points.
public struct TextStyle: Hashable, Sendable {
  /// Font size in points.
  public var size: Double
  public var weight: FontWeight
  public var color: Color
  /// Alignment of the lines within the text box (matters only for several lines).
  public var alignment: TextAlignment
  /// Lines wrap (between CJK characters or at spaces, by pango's line-breaking rules) to stay within
  /// this width in points; `nil` keeps each paragraph on one line.
  public var wrapWidth: Double?
  /// Extra space between lines, as a factor of the font's line height (1 = the font's own).
  public var lineSpacing: Double

  public init(
    size: Double, weight: FontWeight = .regular, color: Color = .black,
    alignment: TextAlignment = .left, wrapWidth: Double? = nil, lineSpacing: Double = 1
  ) {
    self.size = size
    self.weight = weight
    self.color = color
    self.alignment = alignment
    self.wrapWidth = wrapWidth
    self.lineSpacing = lineSpacing
  }

  /// The same style with another wrap width.
  public func wrapped(at width: Double?) -> TextStyle {
    var s = self
    s.wrapWidth = width
    return s
  }
}

/// Which point of a text's box is placed at the drawing position; rotation turns the text about it.
public struct TextAnchor: Hashable, Sendable {
  /// Horizontal position of the anchor in the box.
  public enum Horizontal: Hashable, Sendable { case left, center, right }
  /// Vertical position of the anchor in the box.
  public enum Vertical: Hashable, Sendable { case top, middle, bottom }

  public var horizontal: Horizontal
  public var vertical: Vertical

  public init(_ horizontal: Horizontal, _ vertical: Vertical) {
    self.horizontal = horizontal
    self.vertical = vertical
  }

  public static let topLeft = TextAnchor(.left, .top)
  public static let top = TextAnchor(.center, .top)
  public static let topRight = TextAnchor(.right, .top)
  public static let left = TextAnchor(.left, .middle)
  public static let center = TextAnchor(.center, .middle)
  public static let right = TextAnchor(.right, .middle)
  public static let bottomLeft = TextAnchor(.left, .bottom)
  public static let bottom = TextAnchor(.center, .bottom)
  public static let bottomRight = TextAnchor(.right, .bottom)

  /// The offset of the anchor from the box's top-left corner, for a box of `size`.
  public func offset(in size: Size) -> Point {
    let x: Double
    switch horizontal {
    case .left: x = 0
    case .center: x = size.width / 2
    case .right: x = size.width
    }
    let y: Double
    switch vertical {
    case .top: y = 0
    case .middle: y = size.height / 2
    case .bottom: y = size.height
    }
    return Point(x: x, y: y)
  }
}

/// Where a text of a known size lands on the page, given how it is anchored and rotated.
public struct TextPlacement: Hashable, Sendable {
  public var size: Size
  public var position: Point
  public var anchor: TextAnchor
  /// Degrees, counter-clockwise as seen on the page.
  public var rotation: Double

  public init(size: Size, position: Point, anchor: TextAnchor, rotation: Double = 0) {
    self.size = size
    self.position = position
    self.anchor = anchor
    self.rotation = rotation
  }

  /// The four corners of the (possibly rotated) text box on the page.
  public var corners: [Point] {
    let a = anchor.offset(in: size)
    let radians = -rotation * Double.pi / 180  // y points down: counter-clockwise is negative
    let c = cos(radians)
    let s = sin(radians)
    return [
      Point(x: 0, y: 0), Point(x: size.width, y: 0), Point(x: size.width, y: size.height),
      Point(x: 0, y: size.height),
    ].map { p in
      let dx = p.x - a.x
      let dy = p.y - a.y
      return Point(x: position.x + dx * c - dy * s, y: position.y + dx * s + dy * c)
    }
  }

  /// The axis-aligned box that holds the text on the page.
  public var bounds: Rect { Rect(enclosing: corners) }
}

extension TextPlacement {
  /// Whether the two (possibly rotated) text boxes overlap, by more than `tolerance` points:
  /// the separating-axis test on the two rectangles, exact for rotated text.
  public func overlaps(_ other: TextPlacement, tolerance: Double = 0) -> Bool {
    let a = corners
    let b = other.corners
    for polygon in [a, b] {
      for i in 0..<4 {
        let p = polygon[i]
        let q = polygon[(i + 1) % 4]
        let length = ((q.x - p.x) * (q.x - p.x) + (q.y - p.y) * (q.y - p.y)).squareRoot()
        guard length > 0 else { continue }
        let axis = Point(x: -(q.y - p.y) / length, y: (q.x - p.x) / length)
        let pa = a.map { $0.x * axis.x + $0.y * axis.y }
        let pb = b.map { $0.x * axis.x + $0.y * axis.y }
        if pa.max()! <= pb.min()! + tolerance || pb.max()! <= pa.min()! + tolerance { return false }
      }
    }
    return true
  }
}
