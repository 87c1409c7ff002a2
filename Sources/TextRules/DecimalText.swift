import Foundation

/// The one way minsheng writes a number: a fixed number of decimals, rounded half away from zero,
/// thousands separators when asked, and no sign on a value that rounds to zero (`0.0`, never
/// `-0.0`). The engine rounds exact rationals into ``DecimalDigits``; charts round the doubles of
/// their axes through ``DecimalText/format(_:decimals:grouping:)``; both print through
/// ``DecimalDigits/text(grouping:)``.
public enum DecimalText {
  /// Shown for an absent figure.
  public static let absentSymbol = "—"

  /// `value` with `decimals` decimals, rounding half away from zero on the value corrected to 15
  /// significant digits (so 56.49999999999999 from binary arithmetic is written as 56.5, and as
  /// 57 at 0 decimals); `—` when not finite.
  public static func format(_ value: Double, decimals: Int, grouping: Bool = true) -> String {
    guard value.isFinite else { return absentSymbol }
    let corrected = Double(String(format: "%.15g", value)) ?? value
    let factor = pow(10, Double(decimals))
    let scaledText = String(format: "%.15g", abs(corrected) * factor)
    let scaled = (Double(scaledText) ?? abs(corrected) * factor).rounded(.toNearestOrAwayFromZero)
    var digits = Array(String(format: "%.0f", scaled).utf8.map { $0 - 48 })
    while digits.count <= decimals { digits.insert(0, at: 0) }
    let integerCount = digits.count - decimals
    return DecimalDigits(
      negative: corrected < 0, integer: Array(digits[..<integerCount]),
      fraction: Array(digits[integerCount...])
    ).text(grouping: grouping)
  }
}

/// A number as decimal digits after rounding: sign, integer digits (at least one) and fraction
/// digits, each 0…9.
public struct DecimalDigits: Equatable, Sendable {
  public var negative: Bool
  public var integer: [UInt8]
  public var fraction: [UInt8]

  public init(negative: Bool, integer: [UInt8], fraction: [UInt8]) {
    self.negative = negative
    self.integer = integer
    self.fraction = fraction
  }

  /// Exact digits cut after `fraction`, rounded half away from zero by the digit `next` after them.
  public static func rounding(negative: Bool, integer: [UInt8], fraction: [UInt8], next: UInt8)
    -> DecimalDigits
  {
    var all = integer + fraction
    var integerCount = integer.count
    if next >= 5 && increment(&all) { integerCount += 1 }
    return DecimalDigits(
      negative: negative, integer: Array(all[..<integerCount]), fraction: Array(all[integerCount...]))
  }

  /// Adds one unit in the last place; returns true when a new leading digit appeared.
  @discardableResult
  public static func increment(_ digits: inout [UInt8]) -> Bool {
    var index = digits.count - 1
    while index >= 0 {
      if digits[index] < 9 {
        digits[index] += 1
        return false
      }
      digits[index] = 0
      index -= 1
    }
    digits.insert(1, at: 0)
    return true
  }

  /// Whether every digit is 0.
  public var isZero: Bool { integer.allSatisfy { $0 == 0 } && fraction.allSatisfy { $0 == 0 } }

  /// The digits as text: leading zeros dropped, `,` every three integer digits when `grouping`,
  /// a `-` only when some digit is not 0.
  public func text(grouping: Bool) -> String {
    var integerText = String(decoding: integer.map { $0 + 48 }, as: UTF8.self)
    while integerText.count > 1 && integerText.first == "0" { integerText.removeFirst() }
    if grouping && integerText.count > 3 {
      var grouped = ""
      for (offset, character) in integerText.enumerated() {
        if offset > 0 && (integerText.count - offset) % 3 == 0 { grouped.append(",") }
        grouped.append(character)
      }
      integerText = grouped
    }
    var text = (negative && !isZero ? "-" : "") + integerText
    if !fraction.isEmpty {
      text += "." + String(decoding: fraction.map { $0 + 48 }, as: UTF8.self)
    }
    return text
  }
}
