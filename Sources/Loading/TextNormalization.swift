/// The normalisation the data contract applies before matching headers and coded values:
/// trim, full-width ASCII to half-width, remove spaces, case-fold, `（）` → `()`.
public enum TextNormalization {
  /// Normalised form used to match headers, enumerations, yes/no and region references.
  public static func key(_ text: String) -> String {
    // Fast path: printable ASCII other than capitals, and CJK ideographs, are their own key.
    if text.unicodeScalars.allSatisfy({
      (0x21...0x7E).contains($0.value) && !(0x41...0x5A).contains($0.value)
        || (0x4E00...0x9FFF).contains($0.value)
    }) {
      return text
    }
    var scalars = String.UnicodeScalarView()
    for scalar in halfWidth(text).unicodeScalars where !scalar.properties.isWhitespace {
      scalars.append(scalar)
    }
    return String(scalars).lowercased()
  }

  /// Full-width ASCII (U+FF01…U+FF5E) and the ideographic space mapped to ASCII; brackets
  /// `（）` become `()` as part of that mapping.
  public static func halfWidth(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
    var scalars = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
      case 0x3000: scalars.append(" ")
      default: scalars.append(scalar)
      }
    }
    return String(scalars)
  }

  /// Free text (categories, ids) is only trimmed.
  public static func trimmed(_ text: String) -> String {
    // Fast path: most cells start and end with printable ASCII or a CJK ideograph.
    guard let head = text.unicodeScalars.first, let tail = text.unicodeScalars.last else { return text }
    func isSolid(_ scalar: Unicode.Scalar) -> Bool {
      (0x21...0x7E).contains(scalar.value) || (0x4E00...0x9FFF).contains(scalar.value)
    }
    if isSolid(head) && isSolid(tail) { return text }
    let scalars = text.unicodeScalars
    guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
    let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
    return String(scalars[first...last])
  }
}

/// Natural order of relative paths: runs of digits compare as numbers (`1-9月` before `1-10月`),
/// everything else by Unicode code point.
public enum NaturalOrder {
  public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if isDigit(a[i]) && isDigit(b[j]) {
        let startA = i
        let startB = j
        while i < a.count && isDigit(a[i]) { i += 1 }
        while j < b.count && isDigit(b[j]) { j += 1 }
        let runA = a[startA..<i].drop(while: { $0 == "0" })
        let runB = b[startB..<j].drop(while: { $0 == "0" })
        if runA.count != runB.count { return runA.count < runB.count }
        for (x, y) in zip(runA, runB) where x != y { return x.value < y.value }
        if (i - startA) != (j - startB) { return (i - startA) > (j - startB) }
      } else {
        if a[i] != b[j] { return a[i].value < b[j].value }
        i += 1
        j += 1
      }
    }
    return (a.count - i) < (b.count - j)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}

/// Edit distance between names, for "did you mean" suggestions.
enum EditDistance {
  static func between(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
