import Tables

/// An exact rational number: a reduced fraction of two 128-bit integers with a positive
/// denominator.
///
/// Every indicator value is one of these. Inputs are `FixedPoint` decimals (ten-thousandths in an
/// `Int64`), and every statistic is a sum, difference, product or quotient of them, so the engine
/// never rounds: 678/1,200 × 100 is exactly 113/2, which prints `57` at 0 decimals (half away from
/// zero), never the `56` that binary floating point gives.
///
/// Products are reduced by greatest common divisors before multiplying, so the magnitudes that
/// occur in statistics (sums of up to 10^14 persons, ratios of those) stay far below the
/// 1.7 × 10^38 limit; exceeding it is a programming error and traps with a message.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// The numerator, carrying the sign.
  public let numerator: Int128
  /// The denominator, always positive; `gcd(numerator, denominator) == 1`.
  public let denominator: Int128

  /// `numerator / denominator`, reduced. The denominator must not be zero.
  public init(_ numerator: Int128, _ denominator: Int128 = 1) {
    precondition(denominator != 0, "Rational with a zero denominator")
    let divisor = Int128(Rational.gcd(numerator.magnitude, denominator.magnitude))
    var n = numerator / divisor
    var d = denominator / divisor
    if d < 0 {
      n = -n
      d = -d
    }
    self.numerator = n
    self.denominator = d
  }

  /// An integer.
  public init(_ value: Int) { self.init(Int128(value), 1) }

  /// The exact value of a fixed-point decimal.
  public init(_ value: FixedPoint) { self.init(Int128(value.scaled), Int128(FixedPoint.scale)) }

  /// Parses a plain decimal such as `-12.345` or `56.5` exactly (no exponent, at most 36
  /// digits); nil if malformed.
  public init?(decimal text: String) {
    var rest = Substring(text)
    var negative = false
    if let sign = rest.first, sign == "-" || sign == "+" {
      negative = sign == "-"
      rest = rest.dropFirst()
    }
    let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let whole = parts[0]
    let fraction = parts.count == 2 ? parts[1] : ""
    let isDigit: (Character) -> Bool = { $0.isASCII && $0.isNumber }
    guard whole.allSatisfy(isDigit), fraction.allSatisfy(isDigit),
      !whole.isEmpty || !fraction.isEmpty, whole.count + fraction.count <= 36
    else { return nil }
    var numerator: Int128 = 0
    for character in whole + fraction {
      numerator = numerator * 10 + Int128(character.wholeNumberValue!)
    }
    var denominator: Int128 = 1
    for _ in 0..<fraction.count { denominator *= 10 }
    self.init(negative ? -numerator : numerator, denominator)
  }

  /// Zero.
  public static let zero = Rational(0)
  /// One hundred, the factor of every percentage.
  public static let hundred = Rational(100)

  /// True for zero.
  public var isZero: Bool { numerator == 0 }
  /// True below zero.
  public var isNegative: Bool { numerator < 0 }
  /// The absolute value.
  public var magnitude: Rational { isNegative ? -self : self }
  /// A nearby Double, for drawing charts only; never for published digits.
  public var doubleValue: Double { Double(numerator) / Double(denominator) }

  /// `n/d`, or just `n` for integers (exact; for debugging and test messages).
  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  /// Builds from a fraction that is already reduced and has a positive denominator.
  private init(reduced numerator: Int128, _ denominator: Int128) {
    self.numerator = numerator
    self.denominator = denominator
  }

  static func gcd(_ a: UInt128, _ b: UInt128) -> UInt128 {
    var (x, y) = (a, b)
    while y != 0 { (x, y) = (y, x % y) }
    return x == 0 ? 1 : x
  }

  private static func checked(_ result: (partialValue: Int128, overflow: Bool)) -> Int128 {
    precondition(!result.overflow, "Rational arithmetic overflowed 128 bits")
    return result.partialValue
  }

  public static func + (lhs: Rational, rhs: Rational) -> Rational {
    // a/b + c/d = (a·(d/g) + c·(b/g)) / ((b/g)·d) with g = gcd(b, d): the smallest products.
    let g = Int128(gcd(lhs.denominator.magnitude, rhs.denominator.magnitude))
    let left = checked(lhs.numerator.multipliedReportingOverflow(by: rhs.denominator / g))
    let right = checked(rhs.numerator.multipliedReportingOverflow(by: lhs.denominator / g))
    let denominator = checked((lhs.denominator / g).multipliedReportingOverflow(by: rhs.denominator))
    return Rational(checked(left.addingReportingOverflow(right)), denominator)
  }

  public static prefix func - (value: Rational) -> Rational {
    Rational(reduced: -value.numerator, value.denominator)
  }

  public static func - (lhs: Rational, rhs: Rational) -> Rational { lhs + -rhs }

  public static func * (lhs: Rational, rhs: Rational) -> Rational {
    // Cross-cancel first so that the products stay as small as the result.
    let g1 = Int128(gcd(lhs.numerator.magnitude, rhs.denominator.magnitude))
    let g2 = Int128(gcd(rhs.numerator.magnitude, lhs.denominator.magnitude))
    let n = checked((lhs.numerator / g1).multipliedReportingOverflow(by: rhs.numerator / g2))
    let d = checked((lhs.denominator / g2).multipliedReportingOverflow(by: rhs.denominator / g1))
    return Rational(reduced: n, d)
  }

  /// Division; the divisor must not be zero (the engine turns a zero denominator into an
  /// absent figure before dividing).
  public static func / (lhs: Rational, rhs: Rational) -> Rational {
    precondition(!rhs.isZero, "Rational division by zero")
    return lhs * Rational(rhs.denominator, rhs.numerator)
  }

  /// Compares by cross-multiplying in double width, so it is exact for every pair of values.
  public static func < (lhs: Rational, rhs: Rational) -> Bool {
    let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
    let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
    return left.high != right.high ? left.high < right.high : left.low < right.low
  }
}
