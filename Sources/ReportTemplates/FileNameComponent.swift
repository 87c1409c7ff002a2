/// The rule for a name that becomes one path component of an output (outputs.md): a file-name
/// stem (the template's title or ASCII name), a chart's file name, a folder named after the
/// report region or the template. A name is refused if it is empty, `.` or `..`, holds `/`, `\`,
/// NUL or another control character, or is longer than `maximumBytes` in UTF-8 (file systems
/// allow 255, and the stem gains `_<period>.xlsx`). `..` inside a name (`2024-10-11..2024-10-17`)
/// is allowed.
public enum FileNameComponent {
  public static let maximumBytes = 200

  /// Why `name` cannot be one path component, or nil when it can.
  public static func problem(with name: String) -> String? {
    if name.isEmpty { return "it is empty" }
    if name == "." || name == ".." { return "'\(name)' names a folder, not a file" }
    for separator in ["/", "\\"] where name.contains(separator) {
      return "it contains '\(separator)' (a name must be one path component)"
    }
    if let control = name.unicodeScalars.first(where: isControl) {
      return "it contains the control character \(escaped(control))"
    }
    if name.utf8.count > maximumBytes {
      return "it is \(name.utf8.count) bytes long (at most \(maximumBytes))"
    }
    return nil
  }

  /// `name` in quotes for a message: control characters escaped (`\u{1B}`), at most 80
  /// characters shown.
  public static func quoted(_ name: String) -> String {
    let shown = name.count > 80 ? String(name.prefix(80)) + "…" : name
    return "'" + shown.unicodeScalars.map { isControl($0) ? escaped($0) : String($0) }.joined() + "'"
  }

  private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.properties.generalCategory {
    case .control, .lineSeparator, .paragraphSeparator: true
    default: false
    }
  }

  private static func escaped(_ scalar: Unicode.Scalar) -> String {
    "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
  }
}
