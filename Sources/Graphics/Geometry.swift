/// A point in user space: points (1/72 in), x to the right, y downwards.
public struct Point: Hashable, Sendable {
  public var x: Double
  public var y: Double

  public init(x: Double, y: Double) {
    self.x = x
    self.y = y
  }

  public static let zero = Point(x: 0, y: 0)
}

/// A width and a height in points.
public struct Size: Hashable, Sendable {
  public var width: Double
  public var height: Double

  public init(width: Double, height: Double) {
    self.width = width
    self.height = height
  }

  public static let zero = Size(width: 0, height: 0)
}

/// An axis-aligned rectangle: origin at the top-left corner, y downwards.
public struct Rect: Hashable, Sendable {
  public var origin: Point
  public var size: Size

  public init(origin: Point, size: Size) {
    self.origin = origin
    self.size = size
  }

  public init(x: Double, y: Double, width: Double, height: Double) {
    self.init(origin: Point(x: x, y: y), size: Size(width: width, height: height))
  }

  /// The smallest rectangle that holds every point (`.zero` for none).
  public init(enclosing points: [Point]) {
    guard let first = points.first else {
      self = .zero
      return
    }
    var minX = first.x
    var maxX = first.x
    var minY = first.y
    var maxY = first.y
    for p in points.dropFirst() {
      minX = Swift.min(minX, p.x)
      maxX = Swift.max(maxX, p.x)
      minY = Swift.min(minY, p.y)
      maxY = Swift.max(maxY, p.y)
    }
    self.init(x: minX, y: minY, width: maxX - minX, height: maxY - minY)
  }

  public static let zero = Rect(x: 0, y: 0, width: 0, height: 0)

  public var minX: Double { origin.x }
  public var minY: Double { origin.y }
  public var maxX: Double { origin.x + size.width }
  public var maxY: Double { origin.y + size.height }
  public var midX: Double { origin.x + size.width / 2 }
  public var midY: Double { origin.y + size.height / 2 }
  public var width: Double { size.width }
  public var height: Double { size.height }
  public var center: Point { Point(x: midX, y: midY) }

  /// The rectangle shrunk by `dx` on the left and right and `dy` at the top and bottom.
  public func insetBy(dx: Double, dy: Double) -> Rect {
    Rect(x: minX + dx, y: minY + dy, width: width - 2 * dx, height: height - 2 * dy)
  }

  /// The rectangle moved by `dx`, `dy`.
  public func offsetBy(dx: Double, dy: Double) -> Rect {
    Rect(x: minX + dx, y: minY + dy, width: width, height: height)
  }

  /// Whether the two rectangles share interior area (touching edges do not count).
  public func intersects(_ other: Rect) -> Bool {
    minX < other.maxX && other.minX < maxX && minY < other.maxY && other.minY < maxY
  }

  /// Whether `other` lies inside this rectangle, allowing `tolerance` points of overhang.
  public func contains(_ other: Rect, tolerance: Double = 0) -> Bool {
    other.minX >= minX - tolerance && other.maxX <= maxX + tolerance
      && other.minY >= minY - tolerance && other.maxY <= maxY + tolerance
  }

  /// Whether the point lies inside or on the edge of the rectangle.
  public func contains(_ point: Point) -> Bool {
    point.x >= minX && point.x <= maxX && point.y >= minY && point.y <= maxY
  }
}

/// A vector path in user space, recorded as elements so that any backend can replay it.
public struct Path: Hashable, Sendable {
  /// One drawing instruction of a path.
  public enum Element: Hashable, Sendable {
    case move(Point)
    case line(Point)
    case curve(Point, Point, Point)
    /// A circular arc around `center`, angles in radians, clockwise on the page (cairo's sense).
    case arc(center: Point, radius: Double, start: Double, end: Double)
    /// An arc drawn the other way round, from `start` down to `end`.
    case arcNegative(center: Point, radius: Double, start: Double, end: Double)
    case close
  }

  public private(set) var elements: [Element] = []

  public init() {}

  public mutating func move(to p: Point) { elements.append(.move(p)) }
  public mutating func line(to p: Point) { elements.append(.line(p)) }
  public mutating func curve(to p: Point, control1: Point, control2: Point) {
    elements.append(.curve(control1, control2, p))
  }
  public mutating func arc(center: Point, radius: Double, start: Double, end: Double) {
    elements.append(.arc(center: center, radius: radius, start: start, end: end))
  }
  public mutating func arcNegative(center: Point, radius: Double, start: Double, end: Double) {
    elements.append(.arcNegative(center: center, radius: radius, start: start, end: end))
  }
  public mutating func close() { elements.append(.close) }

  /// A closed rectangle.
  public static func rect(_ r: Rect) -> Path {
    var p = Path()
    p.move(to: r.origin)
    p.line(to: Point(x: r.maxX, y: r.minY))
    p.line(to: Point(x: r.maxX, y: r.maxY))
    p.line(to: Point(x: r.minX, y: r.maxY))
    p.close()
    return p
  }

  /// An open polyline through the points.
  public static func polyline(_ points: [Point]) -> Path {
    var p = Path()
    for (i, point) in points.enumerated() {
      if i == 0 { p.move(to: point) } else { p.line(to: point) }
    }
    return p
  }

  /// A straight segment.
  public static func line(from a: Point, to b: Point) -> Path { polyline([a, b]) }

  /// A full circle.
  public static func circle(center: Point, radius: Double) -> Path {
    var p = Path()
    p.move(to: Point(x: center.x + radius, y: center.y))
    p.arc(center: center, radius: radius, start: 0, end: 2 * Double.pi)
    p.close()
    return p
  }

  /// A bounding box of the control points (arcs counted by their full circle): good enough for
  /// layout checks, not a tight bound of curves.
  public var controlBounds: Rect {
    var points: [Point] = []
    for e in elements {
      switch e {
      case .move(let p), .line(let p): points.append(p)
      case .curve(let a, let b, let c): points += [a, b, c]
      case .arc(let c, let r, _, _), .arcNegative(let c, let r, _, _):
        points += [Point(x: c.x - r, y: c.y - r), Point(x: c.x + r, y: c.y + r)]
      case .close: break
      }
    }
    return Rect(enclosing: points)
  }
}
