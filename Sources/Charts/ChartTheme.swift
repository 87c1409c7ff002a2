import ChartModel
import Graphics

/// Sizes, type and colours of charts. Sizes are points; the default canvas is 576×324 pt
/// (8×4.5 in), which is 1600×900 px at 200 dpi.
public struct ChartTheme: Hashable, Sendable {
  /// Default canvas size in points.
  public var size: Size
  /// Blank margin inside the canvas, in points.
  public var padding: Double
  public var title: TextStyle
  public var subtitle: TextStyle
  public var tickLabel: TextStyle
  public var categoryLabel: TextStyle
  public var dataLabel: TextStyle
  public var legend: TextStyle
  public var source: TextStyle
  public var unit: TextStyle
  public var referenceLabel: TextStyle
  public var background: Color
  /// Series colours in order. Okabe–Ito (safe for the common colour-vision deficiencies), ordered
  /// so that neighbours differ clearly in lightness and stay apart in grey-scale print.
  public var palette: [Color]
  /// Colour of muted categories (其他, the report region).
  public var muted: Color
  public var grid: StrokeStyle
  public var axis: StrokeStyle
  public var reference: StrokeStyle
  /// Dash patterns of line series in order (series also differ by marker shape).
  public var lineDashes: [[Double]]
  public var lineWidth: Double
  public var markerRadius: Double

  /// The house style of the bulletin.
  public static let standard = ChartTheme(
    size: Size(width: 576, height: 324),
    padding: 12,
    title: TextStyle(size: 13, weight: .bold, color: Color(hex: 0x1A1A1A), alignment: .center),
    subtitle: TextStyle(size: 9, color: Color(hex: 0x595959), alignment: .center),
    tickLabel: TextStyle(size: 8, color: Color(hex: 0x404040)),
    categoryLabel: TextStyle(size: 8.5, color: Color(hex: 0x262626), alignment: .center),
    dataLabel: TextStyle(size: 8, color: Color(hex: 0x262626)),
    legend: TextStyle(size: 8.5, color: Color(hex: 0x262626)),
    source: TextStyle(size: 8, color: Color(hex: 0x595959)),
    unit: TextStyle(size: 8, color: Color(hex: 0x404040)),
    referenceLabel: TextStyle(size: 8, weight: .medium, color: Color(hex: 0xA33F00)),
    background: .white,
    palette: [
      Color(hex: 0x0072B2),  // blue, dark
      Color(hex: 0xE69F00),  // orange, light
      Color(hex: 0x009E73),  // bluish green
      Color(hex: 0xCC79A7),  // reddish purple
      Color(hex: 0x56B4E9),  // sky blue
      Color(hex: 0xD55E00),  // vermillion
      Color(hex: 0xF0E442),  // yellow
      Color(hex: 0x332288),  // indigo (Tol), in place of Okabe–Ito's black
    ],
    muted: Color(hex: 0xB3B3B3),
    grid: StrokeStyle(color: Color(hex: 0xE2E2E2), width: 0.5),
    axis: StrokeStyle(color: Color(hex: 0x737373), width: 0.75),
    reference: StrokeStyle(color: Color(hex: 0xD55E00), width: 1, dash: [4, 2.5]),
    lineDashes: [[], [5, 2.5], [1.5, 2], [6, 2, 1.5, 2]],
    lineWidth: 1.75,
    markerRadius: 2.6
  )

  /// The "本期无数据" of a chart with no data, in the middle of its plot: centred, grey, 10.5 pt.
  /// Computed, so that the theme keeps the stored properties the bulletin copies and changes.
  public var emptyState: TextStyle { TextStyle(size: 10.5, color: Color(hex: 0x8C8C8C), alignment: .center) }

  /// The colour of series `index` (cycling through the palette).
  public func color(series index: Int) -> Color { palette[index % palette.count] }

  /// The dash pattern of line series `index`.
  public func dash(series index: Int) -> [Double] { lineDashes[index % lineDashes.count] }
}

/// Marker shapes that tell line series apart without colour.
public enum MarkerShape: Hashable, Sendable, CaseIterable {
  case circle, square, triangle, diamond

  /// The shape of line series `index`.
  public static func forSeries(_ index: Int) -> MarkerShape { allCases[index % allCases.count] }

  /// Whether the marker is drawn hollow (white inside), which also separates series in grey.
  public var isHollow: Bool { self == .square || self == .diamond }

  /// The marker outline centred on `center`.
  public func path(center c: Point, radius r: Double) -> Path {
    switch self {
    case .circle:
      return Path.circle(center: c, radius: r)
    case .square:
      let s = r * 0.9
      return Path.rect(Rect(x: c.x - s, y: c.y - s, width: 2 * s, height: 2 * s))
    case .triangle:
      let s = r * 1.25
      var p = Path()
      p.move(to: Point(x: c.x, y: c.y - s))
      p.line(to: Point(x: c.x + s * 0.866, y: c.y + s * 0.5))
      p.line(to: Point(x: c.x - s * 0.866, y: c.y + s * 0.5))
      p.close()
      return p
    case .diamond:
      let s = r * 1.2
      var p = Path()
      p.move(to: Point(x: c.x, y: c.y - s))
      p.line(to: Point(x: c.x + s, y: c.y))
      p.line(to: Point(x: c.x, y: c.y + s))
      p.line(to: Point(x: c.x - s, y: c.y))
      p.close()
      return p
    }
  }
}
