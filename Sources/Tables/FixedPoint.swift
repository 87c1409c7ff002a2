/// An exact decimal quantity with four decimal places, stored as an integer count of
/// ten-thousandths. Input values (persons, 万元) are exact decimals; sums of them must stay
/// exact so that totals and growth rates reproduce published figures digit for digit.
public struct FixedPoint: Hashable, Comparable, Sendable, CustomStringConvertible,
  AdditiveArithmetic
{
  /// Ten-thousandths per unit.
  public static let scale: Int64 = 10_000
  /// Decimal places kept.
  public static let decimalPlaces = 4

  /// The value times `scale`.
  public let scaled: Int64

  public init(scaled: Int64) { self.scaled = scaled }
  public init(_ integer: Int) { self.scaled = Int64(integer) * FixedPoint.scale }

  public static let zero = FixedPoint(scaled: 0)

  public static func + (lhs: FixedPoint, rhs: FixedPoint) -> FixedPoint {
    FixedPoint(scaled: lhs.scaled + rhs.scaled)
  }
  public static func - (lhs: FixedPoint, rhs: FixedPoint) -> FixedPoint {
    FixedPoint(scaled: lhs.scaled - rhs.scaled)
  }
  public static func < (lhs: FixedPoint, rhs: FixedPoint) -> Bool { lhs.scaled < rhs.scaled }

  public var isNegative: Bool { scaled < 0 }
  public var isWholeNumber: Bool { scaled % FixedPoint.scale == 0 }

  /// The value as a Double, for drawing only (never for published digits).
  public var doubleValue: Double { Double(scaled) / Double(FixedPoint.scale) }

  /// Shortest exact decimal form: `1234`, `12.5`, `-0.0001`.
  public var description: String { Self.text(scaled: Int128(scaled)) }

  /// The shortest exact decimal form of a value given in ten-thousandths, in 128 bits (a sum of
  /// many values).
  public static func text(scaled: Int128) -> String {
    let scale = UInt128(FixedPoint.scale)
    var fraction = scaled.magnitude % scale
    var text = (scaled < 0 ? "-" : "") + String(scaled.magnitude / scale)
    if fraction != 0 {
      var digits = FixedPoint.decimalPlaces
      while fraction % 10 == 0 {
        fraction /= 10
        digits -= 1
      }
      let raw = String(fraction)
      text += "." + String(repeating: "0", count: digits - raw.count) + raw
    }
    return text
  }
}
