import Foundation
import TextRules

/// Excel's view of display width: the column width a text needs, and the text a number shows
/// under a number format (an estimate good enough for column widths).
extension DisplayWidth {
  /// The Excel column width that shows text of display width `width`: the width plus padding,
  /// kept within `minimum…maximum`.
  public static func columnWidth(
    forDisplayWidth width: Int, padding: Double = 2, minimum: Double = 4, maximum: Double = 80
  ) -> Double {
    min(max(Double(width) + padding, minimum), maximum)
  }

  /// The text Excel shows for `number` under `numberFormat` — an estimate good enough for
  /// column widths. Understands the first section of formats made of `0`, `#`, `,`, `.`, `%` and
  /// quoted or escaped literals (`#,##0`, `0.0`, `0.0%`, `0.0"万人"`); General (`nil`) shows up to
  /// ten significant digits.
  public static func displayText(of number: Double, numberFormat: String?) -> String {
    guard number.isFinite else { return "#NUM!" }
    guard let numberFormat, !numberFormat.isEmpty, numberFormat.lowercased() != "general",
      numberFormat != "@"
    else {
      return generalText(number)
    }
    let section = firstSection(numberFormat)
    var literalPrefix = ""
    var literalSuffix = ""
    var decimals = 0
    var grouping = false
    var percent = false
    var seenDigit = false
    var afterPoint = false
    var iterator = section.makeIterator()
    func appendLiteral(_ text: String) {
      if seenDigit { literalSuffix += text } else { literalPrefix += text }
    }
    while let character = iterator.next() {
      switch character {
      case "0", "#", "?":
        seenDigit = true
        if afterPoint { decimals += 1 }
      case ".": afterPoint = true
      case ",": if seenDigit && !afterPoint { grouping = true }
      case "%":
        percent = true
        appendLiteral("%")
      case "\"":
        var literal = ""
        while let next = iterator.next(), next != "\"" { literal.append(next) }
        appendLiteral(literal)
      case "\\":
        if let next = iterator.next() { appendLiteral(String(next)) }
      case "[":
        while let next = iterator.next(), next != "]" {}
      case "_", "*":
        _ = iterator.next()
      default:
        appendLiteral(String(character))
      }
    }
    let scaled = percent ? number * 100 : number
    var digits = formatted(abs(scaled), "%.\(decimals)f")
    if grouping { digits = groupThousands(digits) }
    // Excel keeps the minus of a negative number that rounds to zero (-0.04 shows as -0.0).
    let sign = scaled < 0 ? "-" : ""
    return sign + literalPrefix + digits + literalSuffix
  }

  private static func firstSection(_ format: String) -> String {
    var result = ""
    var inQuotes = false
    for character in format {
      if character == "\"" { inQuotes.toggle() }
      if character == ";" && !inQuotes { break }
      result.append(character)
    }
    return result
  }

  private static func groupThousands(_ digits: String) -> String {
    let parts = digits.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
    let integer = Array(parts[0])
    var grouped = ""
    for (index, digit) in integer.enumerated() {
      if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    return parts.count > 1 ? grouped + "." + parts[1] : grouped
  }

  /// `number` printed by the C library's `printf` `format` (one floating-point conversion), as
  /// `String(format:)` prints it, without Foundation's format-string machinery.
  static func formatted(_ number: Double, _ format: String) -> String {
    withUnsafeTemporaryAllocation(of: CChar.self, capacity: 512) { buffer in
      let count = withVaList([number]) { vsnprintf(buffer.baseAddress, buffer.count, format, $0) }
      guard count >= 0, count < buffer.count else { return String(format: format, number) }
      return String(cString: buffer.baseAddress!)
    }
  }

  private static func generalText(_ number: Double) -> String {
    if number == number.rounded(), abs(number) < 1e11 { return String(Int64(number)) }
    // Between 10^-4 and 10^10, `%.10G` prints fixed-point digits, and a number whose shortest
    // round-trip form (Swift's `description`) has at most 10 significant digits prints exactly
    // those digits: the double is within 10^-16 of that decimal, far from any 10-digit rounding
    // boundary. The trailing zeros `%G` pads with are removed below anyway.
    if abs(number) >= 1e-4, abs(number) < 1e10 {
      let shortest = number.description
      let digits = shortest.utf8.drop {
        $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "0") || $0 == UInt8(ascii: ".")
      }
      if !shortest.utf8.contains(UInt8(ascii: "e")), digits.filter({ $0 != UInt8(ascii: ".") }).count <= 10 {
        return shortest.hasSuffix(".0") ? String(shortest.dropLast(2)) : shortest
      }
    }
    var text = formatted(number, "%.10G")
    // Byte tests: `String.contains(String)` goes through Foundation and is slow here.
    if text.utf8.contains(UInt8(ascii: ".")), !text.utf8.contains(UInt8(ascii: "E")) {
      while text.utf8.last == UInt8(ascii: "0") { text.removeLast() }
      if text.utf8.last == UInt8(ascii: ".") { text.removeLast() }
    }
    return text
  }
}
