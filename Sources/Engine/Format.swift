import TextRules

/// The one formatting function every renderer uses, and the official wording for narratives.
///
/// Rounding is half away from zero on the exact value (56.5 → `57`, −0.45 → `-0.5`), so the
/// PDF, the workbook and the narrative print the same digit string; a value that rounds to zero
/// prints without a sign (`0.0`, never `-0.0`).
public enum IndicatorFormat {
  /// Shown for an absent figure.
  public static let absentSymbol = DecimalText.absentSymbol

  /// `value` with `decimals` decimals, half away from zero, with thousands separators when
  /// `grouping`: `12,345`, `56.5` → `57` at 0 decimals, `-0.4`; `—` for nil.
  public static func display(_ value: Rational?, decimals: Int, grouping: Bool = true) -> String {
    guard let value else { return absentSymbol }
    let digits = rounded(value, decimals: decimals)
    return digits.text(grouping: grouping)
  }

  /// A figure: numbers as `display(_:decimals:grouping:)`, `met` as 是/否, absent as `—`.
  public static func display(_ figure: Figure?, decimals: Int, grouping: Bool = true) -> String {
    switch figure {
    case .number(let value)?: display(value, decimals: decimals, grouping: grouping)
    case .flag(let flag)?: flag ? "是" : "否"
    case .absent?, nil: absentSymbol
    }
  }

  /// A figure of `measure` of `indicator`, with the indicator's decimals for that measure.
  public static func display(
    _ figure: Figure?, of indicator: IndicatorDefinition, measure: Measure, grouping: Bool = true
  ) -> String {
    display(figure, decimals: indicator.decimals(for: measure), grouping: grouping)
  }

  /// The exact value after rounding to `decimals` (half away from zero), e.g. to decide whether a
  /// change is shown as 持平.
  public static func roundedValue(_ value: Rational, decimals: Int) -> Rational {
    let digits = rounded(value, decimals: decimals)
    var numerator: Int128 = 0
    for digit in digits.integer + digits.fraction { numerator = numerator * 10 + Int128(digit) }
    var denominator: Int128 = 1
    for _ in 0..<digits.fraction.count { denominator *= 10 }
    return Rational(digits.negative ? -numerator : numerator, denominator)
  }

  /// The value to `digits` significant digits (half away from zero) in plain decimal notation,
  /// trailing zeros dropped: `56.5`, `33.3333333333333`, `-0.4`, `1234567890123460`. This is the
  /// `value` column of `indicators.csv`.
  public static func significant(_ value: Rational, digits: Int = 15) -> String {
    if value.isZero { return "0" }
    // A whole number that has no more digits than `digits` prints as itself.
    if value.denominator == 1, digits <= 38, value.numerator.magnitude < power(ten: digits) {
      return String(value.numerator)
    }
    // Enough fraction digits to reach `digits` significant ones: a nonzero value with a
    // denominator below 2^127 is at least 10^-39, so 39 leading zeros at most.
    let probe = longDivision(value, fractionCount: 0)
    let integerCount = probe.integer == [0] ? 0 : probe.integer.count
    let fractionCount = integerCount > 0 ? max(0, digits - integerCount) : 40 + digits
    let raw = longDivision(value, fractionCount: fractionCount)
    var all = raw.integer + raw.fraction
    let pointIndex = raw.integer.count
    let firstSignificant = all.firstIndex { $0 != 0 } ?? (all.count - 1)
    let cut = firstSignificant + digits
    var integerDigits = pointIndex
    if cut < all.count {
      let next = all[cut]
      all = Array(all[..<cut])
      if next >= 5 && DecimalDigits.increment(&all) { integerDigits += 1 }
    } else if raw.next >= 5 && DecimalDigits.increment(&all) {
      integerDigits += 1
    }
    // Integer positions beyond the significant digits become zeros.
    while all.count < integerDigits { all.append(0) }
    let integer = Array(all[..<integerDigits])
    var fraction = Array(all[integerDigits...])
    while fraction.last == 0 { fraction.removeLast() }
    return DecimalDigits(
      negative: value.isNegative, integer: integer.isEmpty ? [0] : integer, fraction: fraction
    )
    .text(grouping: false)
  }

  // MARK: Official wording

  /// `增长3.2%`, `下降0.4%`, or `持平` when the change rounds to zero (|change| < 0.05 at 1
  /// decimal); nil when the growth rate is absent.
  public static func growth(_ percent: Rational?, decimals: Int = 1) -> String? {
    guard let percent else { return nil }
    if roundedValue(percent, decimals: decimals).isZero { return "持平" }
    return (percent.isNegative ? "下降" : "增长") + display(percent.magnitude, decimals: decimals) + "%"
  }

  /// `提高0.8个百分点`, `降低0.04个百分点`, or `持平`; nil when absent.
  public static func pointsChange(_ points: Rational?, decimals: Int = 1) -> String? {
    guard let points else { return nil }
    if roundedValue(points, decimals: decimals).isZero { return "持平" }
    return (points.isNegative ? "降低" : "提高") + display(points.magnitude, decimals: decimals) + "个百分点"
  }

  /// `超序时进度3.7个百分点`, `低于序时进度1.2个百分点`, or `与序时进度持平`; nil when absent.
  public static func progress(gap: Rational?, decimals: Int = 1) -> String? {
    guard let gap else { return nil }
    if roundedValue(gap, decimals: decimals).isZero { return "与序时进度持平" }
    return (gap.isNegative ? "低于序时进度" : "超序时进度") + display(gap.magnitude, decimals: decimals) + "个百分点"
  }

  /// A quantity with its unit for narratives and KPI cards: at 10,000 or more in 万 with
  /// `tenThousandDecimals` decimals (`4.35万人`, `1,647.02万人`), else in base units
  /// (`9,876人`); `—` when absent.
  public static func quantity(
    _ value: Rational?, unit: String, decimals: Int = 0, tenThousandDecimals: Int = 2
  ) -> String {
    guard let value else { return absentSymbol }
    if value.magnitude >= Rational(10_000) {
      return display(value / Rational(10_000), decimals: tenThousandDecimals) + "万" + unit
    }
    return display(value, decimals: decimals) + unit
  }

  /// `3.2%`; `—` when absent.
  public static func percent(_ value: Rational?, decimals: Int = 1) -> String {
    guard let value else { return absentSymbol }
    return display(value, decimals: decimals) + "%"
  }

  // MARK: Digits

  /// 10^`ten` (at most 10^38, below 2^128).
  static func power(ten: Int) -> UInt128 {
    var result: UInt128 = 1
    for _ in 0..<ten { result *= 10 }
    return result
  }

  /// Integer digits (at least one), `fractionCount` fraction digits, and the digit after them,
  /// of |value|, by exact long division (no digit is ever guessed).
  static func longDivision(_ value: Rational, fractionCount: Int) -> (
    integer: [UInt8], fraction: [UInt8], next: UInt8
  ) {
    let denominator = value.denominator.magnitude
    var remainder = value.numerator.magnitude % denominator
    let integer = Array(String(value.numerator.magnitude / denominator).utf8.map { $0 - 48 })
    var fraction: [UInt8] = []
    fraction.reserveCapacity(fractionCount)
    var next: UInt8 = 0
    // Statistics have small denominators: then remainder × 10 fits in 64 bits, and 64-bit
    // division gives the same digits many times faster than the double-width 128-bit one.
    if denominator <= UInt128(UInt64.max / 10) {
      let denominator = UInt64(denominator)
      var remainder = UInt64(remainder)
      for position in 0...fractionCount {
        let wide = remainder * 10
        let digit = UInt8(wide / denominator)
        remainder = wide % denominator
        if position < fractionCount { fraction.append(digit) } else { next = digit }
      }
      return (integer, fraction, next)
    }
    for position in 0...fractionCount {
      // remainder × 10 can exceed 128 bits for huge denominators, so divide in double width.
      let wide = remainder.multipliedFullWidth(by: 10)
      let (digit, rest) = denominator.dividingFullWidth(wide)
      remainder = rest
      if position < fractionCount { fraction.append(UInt8(digit)) } else { next = UInt8(digit) }
    }
    return (integer, fraction, next)
  }

  static func rounded(_ value: Rational, decimals: Int) -> DecimalDigits {
    let raw = longDivision(value, fractionCount: decimals)
    return .rounding(negative: value.isNegative, integer: raw.integer, fraction: raw.fraction, next: raw.next)
  }
}
