import ChartModel
import Graphics

/// A text placed by layout: what it says, how it looks, and the box it takes on the page.
public struct TextMark: Hashable, Sendable {
  public var text: String
  public var style: TextStyle
  public var placement: TextPlacement

  /// The axis-aligned box the text covers.
  public var bounds: Rect { placement.bounds }
}

/// What a mark stands for: tests and the bulletin find marks by role.
public enum MarkRole: Hashable, Sendable {
  case background
  case title, subtitle, source, note
  case legendSwatch(series: Int), legendLabel(series: Int)
  case unitLabel(AxisSide)
  case gridLine(index: Int)
  case baseline
  case tickLabel(AxisSide, index: Int)
  case categoryLabel(Int)
  case bar(series: Int, category: Int)
  case line(series: Int, segment: Int)
  case marker(series: Int, category: Int)
  case dataLabel(series: Int, category: Int)
  /// The `—` written where a bar's value is absent.
  case absentLabel(series: Int, category: Int)
  case referenceLine(Int), referenceLabel(Int)
  case wedge(category: Int)
  case centerLabel
  /// The "本期无数据" written across the plot of a chart with no data.
  case emptyState
}

/// A drawing primitive of a laid-out chart.
public enum MarkShape: Hashable, Sendable {
  case fill(Path, Color)
  case stroke(Path, StrokeStyle)
  case text(TextMark)
}

/// One primitive with its role.
public struct Mark: Hashable, Sendable {
  public var role: MarkRole
  public var shape: MarkShape

  public init(_ role: MarkRole, _ shape: MarkShape) {
    self.role = role
    self.shape = shape
  }
}

/// Maps values to positions along one page axis (y grows downwards, so a vertical value axis runs
/// from `start` at the bottom to `end` at the top).
public struct LinearScale: Hashable, Sendable {
  public var ticks: NiceTicks
  /// Position of `ticks.lower`.
  public var start: Double
  /// Position of `ticks.upper`.
  public var end: Double

  /// The page coordinate of `value` (values outside the ticks extrapolate, at most 100 spans
  /// beyond them, so that a value past ``NiceTicks/limit`` still lands on a finite coordinate).
  public func position(of value: Double) -> Double {
    let span = ticks.upper - ticks.lower
    guard span != 0, span.isFinite else { return start }
    let fraction = Swift.min(Swift.max((value - ticks.lower) / span, -100), 100)
    return start + fraction * (end - start)
  }

  /// Position of zero, or of the nearest domain end when zero is outside it.
  public var zeroPosition: Double {
    position(of: min(max(0, ticks.lower), ticks.upper))
  }
}

/// Equal slots for categories along one page axis.
public struct BandScale: Hashable, Sendable {
  public var count: Int
  public var start: Double
  public var end: Double

  public var bandwidth: Double { (end - start) / Double(max(count, 1)) }
  /// The middle of category `index`'s slot.
  public func center(_ index: Int) -> Double { start + (Double(index) + 0.5) * bandwidth }
}

/// How category labels under a plot were fitted.
public enum CategoryLabelMode: Hashable, Sendable {
  case horizontal
  case wrapped(lines: Int)
  case rotated(degrees: Double)
  /// Only every `every`-th category is named (from the first), rotated: long series of months.
  case thinned(every: Int, degrees: Double)
}

/// A chart after layout: every primitive positioned in the frame, plus the scales used. Pure data;
/// ``ChartRenderer`` paints it onto any canvas, so PNG, SVG and PDF show the same thing.
public struct ChartLayout: Hashable, Sendable {
  public var frame: Rect
  /// The plotting area (the ring's box for a donut).
  public var plot: Rect
  public var marks: [Mark]
  public var valueScale: LinearScale?
  public var secondaryScale: LinearScale?
  public var categoryScale: BandScale?
  public var categoryLabelMode: CategoryLabelMode

  /// Every text mark with its role.
  public var texts: [(role: MarkRole, text: TextMark)] {
    marks.compactMap {
      if case .text(let t) = $0.shape { return ($0.role, t) }
      return nil
    }
  }

  /// Marks whose role satisfies `predicate`.
  public func marks(where predicate: (MarkRole) -> Bool) -> [Mark] {
    marks.filter { predicate($0.role) }
  }

  /// The rectangle of the bar of `series` at `category`, if drawn.
  public func barRect(series: Int, category: Int) -> Rect? {
    for m in marks where m.role == .bar(series: series, category: category) {
      if case .fill(let path, _) = m.shape { return path.controlBounds }
    }
    return nil
  }

  /// Text whose box leaves the frame (should be none).
  public var textsOutsideFrame: [TextMark] {
    texts.map(\.text).filter { !frame.contains($0.bounds, tolerance: 0.01) }
  }
}
