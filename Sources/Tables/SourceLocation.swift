/// Where a value came from: a data file (relative to the data folder) and its 1-based
/// physical line. Every diagnostic and every target carries one.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
  public let file: String
  public let line: Int

  public init(file: String, line: Int) {
    self.file = file
    self.line = line
  }

  /// `FILE:LINE`.
  public var description: String { "\(file):\(line)" }
}
