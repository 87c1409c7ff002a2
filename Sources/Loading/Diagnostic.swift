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

  /// `FILE:LINE: column 'NAME': message`, with `error:`/`warning:` after the location.
  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if severity != .error { text += "\(severity.rawValue): " }
    if let column { text += "column '\(column)': " }
    return text + message
  }
}
