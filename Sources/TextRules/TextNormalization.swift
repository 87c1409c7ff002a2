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
