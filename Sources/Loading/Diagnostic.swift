import Tables

/// One problem found in the input, always with enough context to find and fix it.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
  /// Whether the problem blocks a report.
  public enum Severity: String, Sendable, Comparable {
    /// Blocks the report until fixed (or skipped with `--skip-invalid` / `--allow-missing`).
    case error
    /// Worth a look, does not block the report.
    case warning
    /// Information (rows replaced by later exports, ignored columns).
    case note

    private var rank: Int {
      switch self {
      case .error: 0
      case .warning: 1
      case .note: 2
      }
    }
    public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
  }

  public var severity: Severity
  /// The data file relative to the data folder.
  public let file: String
  /// 1-based physical line; nil for problems of a whole file or dataset.
  public let line: Int?
  /// The column's header as written in the file.
  public let column: String?
  public let message: String

  public init(
    _ severity: Severity, file: String, line: Int? = nil, column: String? = nil, message: String
  ) {
    self.severity = severity
    self.file = file
    self.line = line
    self.column = column
    self.message = message
  }

  public init(_ severity: Severity, at location: SourceLocation, column: String? = nil, message: String) {
    self.init(severity, file: location.file, line: location.line, column: column, message: message)
  }

  /// `FILE:LINE: column 'NAME': message`, with `error:`/`warning:` after the location. Control
  /// characters of the file, the column and the message are escaped (`TerminalText`): the text
  /// quotes data values, and a value's escape sequences must not reach a terminal.
  public var description: String {
    var text = TerminalText.escaped(file)
    if let line { text += ":\(line)" }
    text += ": "
    if severity != .error { text += "\(severity.rawValue): " }
    if let column { text += "column '\(TerminalText.escaped(column))': " }
    return text + TerminalText.escaped(TerminalText.shortened(message))
  }
}

/// Text from the data made safe to print on one terminal line.
public enum TerminalText {
  /// The longest message printed whole; a longer one (a message that quotes a huge cell) is cut.
  static let longestMessage = 2_000

  /// `text` with every control character (C0 including tab and line breaks, DEL, C1) written as
  /// `\u{1B}`, so that a data value can neither move the cursor, clear the screen nor break a
  /// diagnostic over several lines. Other characters are unchanged.
  public static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: isControl) else { return text }
    var result = ""
    result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
    for scalar in text.unicodeScalars {
      if isControl(scalar) {
        result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// True for C0 controls, DEL and C1 controls.
  static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
  }

  /// `text` cut after `longestMessage` characters, saying how many more there were.
  static func shortened(_ text: String) -> String {
    guard text.utf8.count > longestMessage else { return text }
    let count = text.count
    guard count > longestMessage else { return text }
    return "\(text.prefix(longestMessage))… (\(count - longestMessage) more characters)"
  }
}
