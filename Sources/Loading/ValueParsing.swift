import Tables
import TextRules

/// Parsers for the cell values of the data contract. Each returns the value or a message
/// that says what was wrong with it; the caller adds file, line and column.
enum ValueParsing {
  /// The largest whole part a number may have: 14 digits. Its scaled value (×10⁴) stays below
  /// 10¹⁸, so the difference of any two values (a cumulative column differenced into months)
  /// still fits `FixedPoint`'s 64 bits; sums are taken in wider integers.
  static let largestWholePart: Int64 = 99_999_999_999_999

  /// A decimal number: surrounding spaces, full-width digits and thousands separators allowed;
  /// at most four decimal places and `largestWholePart` before the point. Returns nil for an
  /// empty cell.
  static func number(_ raw: String) -> Result<FixedPoint, ValueError>? {
    // Fast path: digits, signs, points and commas only (nothing to map or remove).
    let isPlain = raw.utf8.allSatisfy {
      (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: ".")
        || $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+")
    }
    let text = isPlain ? raw : TextNormalization.halfWidth(raw).filter { !$0.isWhitespace }
    if text.isEmpty { return nil }
    var scalars = Substring(text).utf8[...]
    var negative = false
    if let first = scalars.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
      negative = first == UInt8(ascii: "-")
      scalars = scalars.dropFirst()
    }
    var whole: Int64 = 0
    var fraction: Int64 = 0
    var fractionDigits = 0
    var digitsSinceSeparator = 0
    var sawSeparator = false
    var sawPoint = false
    var sawDigit = false
    for byte in scalars {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"):
        let digit = Int64(byte - UInt8(ascii: "0"))
        sawDigit = true
        if sawPoint {
          fractionDigits += 1
          guard fractionDigits <= FixedPoint.decimalPlaces else {
            return .failure(ValueError("'\(raw)' has more than \(FixedPoint.decimalPlaces) decimal places"))
          }
          fraction = fraction * 10 + digit
        } else {
          guard whole <= (largestWholePart - digit) / 10 else { return .failure(tooLarge(raw)) }
          whole = whole * 10 + digit
          digitsSinceSeparator += 1
        }
      case UInt8(ascii: ","):
        guard !sawPoint, sawDigit, !sawSeparator || digitsSinceSeparator == 3 else {
          return .failure(ValueError("'\(raw)' is not a number"))
        }
        guard digitsSinceSeparator <= 3 || !sawSeparator else {
          return .failure(ValueError("'\(raw)' is not a number"))
        }
        sawSeparator = true
        digitsSinceSeparator = 0
      case UInt8(ascii: "."):
        guard !sawPoint else { return .failure(ValueError("'\(raw)' is not a number")) }
        if sawSeparator && digitsSinceSeparator != 3 {
          return .failure(ValueError("'\(raw)' is not a number"))
        }
        sawPoint = true
      default:
        return .failure(ValueError("'\(raw)' is not a number"))
      }
    }
    guard sawDigit else { return .failure(ValueError("'\(raw)' is not a number")) }
    if sawSeparator && !sawPoint && digitsSinceSeparator != 3 {
      return .failure(ValueError("'\(raw)' is not a number"))
    }
    for _ in fractionDigits..<FixedPoint.decimalPlaces { fraction *= 10 }
    let scaled = whole * FixedPoint.scale + fraction
    return .success(FixedPoint(scaled: negative ? -scaled : scaled))
  }

  /// The message for a number beyond `largestWholePart` (the cell shortened when it is long).
  static func tooLarge(_ raw: String) -> ValueError {
    let text = TextNormalization.trimmed(raw)
    let shown = text.count > 40 ? "\(text.prefix(20))…(\(text.count) characters)" : text
    return ValueError("'\(shown)' is too large (at most 99,999,999,999,999)")
  }

  /// A count: a whole number >= 0.
  static func count(_ raw: String) -> Result<FixedPoint, ValueError>? {
    number(raw).map { result in
      result.flatMap { value in
        if value.isNegative { return .failure(ValueError("negative count \(value)")) }
        if !value.isWholeNumber { return .failure(ValueError("'\(raw)' is not a whole number")) }
        return .success(value)
      }
    }
  }

  /// A date in one of the contract's forms; a time part after a space is ignored.
  static func date(_ raw: String) -> Result<Day, ValueError>? {
    if let day = isoDate(raw) { return .success(day) }
    let text = TextNormalization.trimmed(TextNormalization.halfWidth(raw))
    if text.isEmpty { return nil }
    let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
    guard let (year, month, day) = dateComponents(datePart), let day else {
      return .failure(ValueError("'\(raw)' is not a date (expected e.g. 2024-03-05)"))
    }
    guard let result = Day(year: year, month: month, day: day) else {
      return .failure(impossible(raw, year: year, what: "date"))
    }
    return .success(result)
  }

  /// A month (`2024-03`, `2024/3`, `2024年3月`, `202403`) or any date (its month).
  static func month(_ raw: String) -> Result<YearMonth, ValueError>? {
    let text = TextNormalization.trimmed(TextNormalization.halfWidth(raw))
    if text.isEmpty { return nil }
    let datePart = text.split(separator: " ", maxSplits: 1).first.map(String.init) ?? text
    guard let (year, month, day) = dateComponents(datePart) else {
      return .failure(ValueError("'\(raw)' is not a month (expected e.g. 2024-03)"))
    }
    if let day, Day(year: year, month: month, day: day) == nil {
      return .failure(impossible(raw, year: year, what: "date"))
    }
    guard let result = YearMonth(year: year, month: month) else {
      return .failure(impossible(raw, year: year, what: "month"))
    }
    return .success(result)
  }

  /// Why a well-formed date or month is refused: its year is outside the supported range, or it
  /// does not exist (`2024-02-30`, month 13).
  private static func impossible(_ raw: String, year: Int, what: String) -> ValueError {
    let years = Day.supportedYears
    if !years.contains(year) {
      return ValueError(
        "'\(raw)' is outside the supported \(what) range (years \(years.lowerBound) to \(years.upperBound))")
    }
    return ValueError("impossible \(what) '\(raw)'")
  }

  /// Fast path for the common `YYYY-MM-DD` form; nil sends the text to the general parser.
  private static func isoDate(_ raw: String) -> Day? {
    let utf8 = raw.utf8
    guard utf8.count == 10 else { return nil }
    return utf8.withContiguousStorageIfAvailable { bytes -> Day? in
      guard bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
      var fields = [0, 0, 0]
      for (field, range) in [(0, 0..<4), (1, 5..<7), (2, 8..<10)] {
        for index in range {
          let digit = Int(bytes[index]) - 48
          guard (0...9).contains(digit) else { return nil }
          fields[field] = fields[field] * 10 + digit
        }
      }
      return Day(year: fields[0], month: fields[1], day: fields[2])
    } ?? nil
  }

  /// Year, month and (optionally) day from `2024-03-05`, `2024/3/5`, `2024.3.5`,
  /// `2024年3月5日`, `20240305`, `2024-03`, `202403`, `2024年3月`.
  private static func dateComponents(_ text: String) -> (Int, Int, Int?)? {
    let scalars = Array(text.unicodeScalars)
    if scalars.allSatisfy({ ("0"..."9").contains($0) }) {
      let digits = scalars.map { Int($0.value) - 48 }
      func value(_ range: Range<Int>) -> Int { range.reduce(0) { $0 * 10 + digits[$1] } }
      switch digits.count {
      case 8: return (value(0..<4), value(4..<6), value(6..<8))
      case 6: return (value(0..<4), value(4..<6), nil)
      default: return nil
      }
    }
    var parts: [Int] = []
    var current: Int?
    var separators: [Unicode.Scalar] = []
    for scalar in scalars {
      if ("0"..."9").contains(scalar) {
        current = (current ?? 0) * 10 + Int(scalar.value) - 48
        if (current ?? 0) > 9999 { return nil }
      } else {
        guard let value = current else { return nil }
        parts.append(value)
        separators.append(scalar)
        current = nil
      }
    }
    if let current { parts.append(current) }
    let isChinese = separators.first == "年"
    if isChinese {
      let expected: [Unicode.Scalar] = parts.count == 3 ? ["年", "月", "日"] : ["年", "月"]
      guard separators == expected || separators == Array(expected.dropLast()) else { return nil }
      guard separators.count == expected.count || (parts.count == 3 && separators.count == 2) else {
        return nil
      }
    } else {
      guard let separator = separators.first, ["-", "/", "."].contains(separator),
        separators.allSatisfy({ $0 == separator }), separators.count == parts.count - 1
      else { return nil }
    }
    guard parts.count == 2 || parts.count == 3, parts[0] >= 1000 else { return nil }
    return (parts[0], parts[1], parts.count == 3 ? parts[2] : nil)
  }
}

/// What was wrong with one cell value.
struct ValueError: Error {
  let message: String
  init(_ message: String) { self.message = message }
}

extension YearMonth {
  /// Parses a month in any form the data contract accepts (`2024-03`, `2024/3`, `2024年3月`, `202403`).
  public static func parse(_ text: String) -> YearMonth? {
    guard case .success(let month) = ValueParsing.month(text) else { return nil }
    return month
  }
}

/// Checks of free text that reaches the outputs (a category, a region's name): one line, no
/// control character, and no longer than a workbook cell holds. Whatever the outputs cannot
/// hold is refused here, at its row, so that `check` rejects what `report` would fail on.
enum FreeText {
  /// Excel's limit on the characters of one cell (and so of any text the workbook writes).
  static let longestCell = 32_767

  /// True when `text` has more than `longestCell` UTF-16 units (what Excel counts), found by
  /// walking its UTF-8 bytes only as far as needed: a 50 MB cell is refused after 32 KB.
  static func isLongerThanACell(_ text: String) -> Bool {
    guard text.utf8.count > longestCell else { return false }
    var units = 0
    for byte in text.utf8 where byte & 0xC0 != 0x80 {
      units += byte >= 0xF0 ? 2 : 1
      if units > longestCell { return true }
    }
    return false
  }

  /// What is wrong with `text` as a one-line value, or nil when nothing is.
  static func problem(_ text: String) -> String? {
    if isLongerThanACell(text) {
      return "the value is longer than 32,767 characters (the most a workbook cell holds)"
    }
    guard let control = text.unicodeScalars.first(where: TerminalText.isControl) else { return nil }
    switch control {
    case "\n", "\r":
      return "the value contains a line break (Alt+Enter in Excel): write it on one line"
    case "\0":
      return "the value contains a NUL byte"
    default:
      return "the value contains the control character \(TerminalText.escaped(String(control)))"
    }
  }
}
