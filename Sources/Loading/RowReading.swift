import Tables
import TextRules

/// Collects the diagnostics of a load, in the order they were found.
final class DiagnosticLog {
  private(set) var entries: [Diagnostic] = []

  func add(_ diagnostic: Diagnostic) { entries.append(diagnostic) }

  var hasErrors: Bool { entries.contains { $0.severity == .error } }
}

/// The per-file state shared by the dataset readers: where the file is, how its columns map,
/// and how many rows were read and rejected.
final class FileContext {
  let path: String
  let mapping: ColumnMapping
  let log: DiagnosticLog
  let skipInvalid: Bool
  var rowsRead = 0
  var rowsRejected = 0
  /// Coded values already looked up, per enumeration: exports repeat a handful of spellings
  /// millions of times, so each is normalised once.
  var codedValues: [String: [String: String?]] = [:]

  init(path: String, mapping: ColumnMapping, log: DiagnosticLog, skipInvalid: Bool) {
    self.path = path
    self.mapping = mapping
    self.log = log
    self.skipInvalid = skipInvalid
  }

  func location(_ line: Int) -> SourceLocation { SourceLocation(file: path, line: line) }
}

/// One data record being validated: reads cells by field and gathers the record's problems,
/// so that a rejected record reports all of them at once.
struct RowReader {
  let context: FileContext
  let record: CSVRecord
  private(set) var problems: [(column: String?, message: String)] = []
  /// Set when the record is rejected for a problem reported elsewhere (an unknown region,
  /// reported once per distinct name).
  private var rejectedQuietly = false

  init(context: FileContext, record: CSVRecord) {
    self.context = context
    self.record = record
    let width = context.mapping.width
    if record.fields.count > width {
      let extra = record.fields[width...].filter { !TextNormalization.trimmed($0).isEmpty }
      if !extra.isEmpty {
        problems.append(
          (nil, "\(width + extra.count) cells but the header has \(width) columns (extra: '\(extra[0])')"))
      }
    }
  }

  var line: Int { record.line }
  var location: SourceLocation { context.location(record.line) }

  /// The header of `field`'s column, for messages.
  func header(_ field: String) -> String { context.mapping.column(field)?.header ?? field }

  /// The raw cell of `field`, or nil when the file has no such column.
  func cell(_ field: String) -> String? {
    guard let column = context.mapping.column(field) else { return nil }
    return column.index < record.fields.count ? record.fields[column.index] : ""
  }

  mutating func problem(_ field: String?, _ message: String) {
    problems.append((field.map(header), message))
  }

  /// Rejects the record without a message of its own.
  mutating func rejectQuietly() { rejectedQuietly = true }

  /// Unwraps a parsed cell, recording its problem; nil when empty or invalid.
  mutating func value<T>(_ field: String, _ parse: (String) -> Result<T, ValueError>?) -> T? {
    guard let raw = cell(field), let result = parse(raw) else { return nil }
    switch result {
    case .success(let value): return value
    case .failure(let error):
      problem(field, error.message)
      return nil
    }
  }

  /// A value that must be present: an empty cell is a problem.
  mutating func required<T>(_ field: String, _ parse: (String) -> Result<T, ValueError>?) -> T? {
    guard let raw = cell(field), parse(raw) != nil else {
      problem(field, "required value is empty")
      return nil
    }
    return value(field, parse)
  }

  /// An enumeration value through the dictionary's synonyms; nil when empty.
  mutating func coded(_ field: String, _ enumeration: String, dictionary: HeaderDictionary) -> String? {
    guard let raw = cell(field), !raw.isEmpty else { return nil }
    let id: String?
    if let known = context.codedValues[enumeration]?[raw] {
      id = known
    } else {
      id = TextNormalization.trimmed(raw).isEmpty ? "" : dictionary.canonical(enumeration, raw)
      context.codedValues[enumeration, default: [:]][raw] = id
    }
    if let id { return id.isEmpty ? nil : id }
    let accepted = dictionary.acceptedValues(enumeration).joined(separator: ", ")
    problem(field, "unknown value '\(TextNormalization.trimmed(raw))' (accepted: \(accepted))")
    return nil
  }

  /// Reports the record's problems; returns true if the record is usable.
  func finish() -> Bool {
    context.rowsRead += 1
    guard !problems.isEmpty || rejectedQuietly else { return true }
    context.rowsRejected += 1
    for (column, message) in problems {
      if context.skipInvalid {
        context.log.add(
          Diagnostic(.warning, at: location, column: column, message: message + " (row skipped)"))
      } else {
        context.log.add(Diagnostic(.error, at: location, column: column, message: message))
      }
    }
    return false
  }
}
