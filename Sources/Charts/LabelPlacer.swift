import Graphics

/// Places labels one by one at the first candidate position that stays inside `bounds` and clear
/// of everything placed or registered before; a label with no free candidate is dropped.
///
/// Obstacles are hard (other labels, markers, header and footer text: never overlapped) or soft
/// (bars, lines, reference lines: a label may sit on them as a second choice, on a white
/// knockout box so that it stays legible).
struct LabelPlacer {
  var bounds: Rect
  private(set) var occupied: [Rect] = []
  private(set) var soft: [Rect] = []
  private(set) var bars: [Rect] = []
  /// Whether bars run vertically (columns) or horizontally.
  var verticalBars = true
  /// Clearance kept around each label, in points.
  var margin: Double = 1

  init(bounds: Rect) { self.bounds = bounds }

  /// Marks `rect` as taken for good (a label, a marker).
  mutating func block(_ rect: Rect) { occupied.append(rect) }

  /// Marks `rect` as a soft obstacle (a stretch of line).
  mutating func blockSoftly(_ rect: Rect) { soft.append(rect) }

  /// Marks a bar: its body is soft, but the band at the end that shows the value (`valueEdge`, a
  /// few points deep) is never covered, or the bar would look shorter than it is.
  mutating func blockBar(_ rect: Rect, valueEdge: Rect) {
    soft.append(rect)
    bars.append(rect)
    occupied.append(valueEdge)
  }

  /// How much a placement may overlap soft obstacles, from strictest to loosest.
  enum Tolerance: CaseIterable {
    /// Clear of everything.
    case clear
    /// On lines, and on a bar only if it stays within the bar's width (no notch in its side).
    case withinBars
    /// On anything soft.
    case anySoft
  }

  /// Marks a polyline as a soft obstacle, as small boxes along it.
  mutating func blockSoftly(polyline points: [Point], width: Double) {
    for (a, b) in zip(points, points.dropFirst()) {
      let length = ((b.x - a.x) * (b.x - a.x) + (b.y - a.y) * (b.y - a.y)).squareRoot()
      let steps = max(1, Int(length / 2))
      for i in 0...steps {
        let t = Double(i) / Double(steps)
        let p = Point(x: a.x + (b.x - a.x) * t, y: a.y + (b.y - a.y) * t)
        soft.append(Rect(x: p.x - width / 2, y: p.y - width / 2, width: width, height: width))
      }
    }
  }

  /// Whether a label at `placement` would fit with the given tolerance of soft obstacles.
  func fits(_ placement: TextPlacement, tolerance: Tolerance = .clear, ignoring ignored: Rect? = nil) -> Bool
  {
    let box = placement.bounds
    guard bounds.contains(box, tolerance: 0.01) else { return false }
    let padded = box.insetBy(dx: -margin, dy: -margin)
    if occupied.contains(where: { $0.intersects(padded) }) { return false }
    switch tolerance {
    case .clear:
      return !soft.contains { $0 != ignored && $0.intersects(box) }
    case .withinBars:
      return !bars.contains { bar in
        guard bar.intersects(box) else { return false }
        return verticalBars
          ? box.minX < bar.minX - 0.5 || box.maxX > bar.maxX + 0.5
          : box.minY < bar.minY - 0.5 || box.maxY > bar.maxY + 0.5
      }
    case .anySoft:
      return true
    }
  }

  /// Where a label goes: the first candidate clear of everything, else the first clear of hard
  /// obstacles (which then needs a knockout), else `nil`. The spot is taken.
  mutating func place(_ candidates: [TextPlacement]) -> (placement: TextPlacement, knockout: Bool)? {
    for tolerance in Tolerance.allCases {
      for candidate in candidates where fits(candidate, tolerance: tolerance) {
        occupied.append(candidate.bounds)
        return (candidate, tolerance != .clear)
      }
    }
    return nil
  }
}
