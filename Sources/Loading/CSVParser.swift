/// One CSV record: its cells and the physical line it starts on.
public struct CSVRecord: Sendable {
  public var fields: [String]
  /// 1-based physical line of the record's first byte.
  public var line: Int

  /// A record whose cells are all empty (after trimming) is a blank line.
  public var isBlank: Bool {
    fields.allSatisfy { $0.isEmpty || TextNormalization.trimmed($0).isEmpty }
  }
}

/// An RFC 4180 push parser over UTF-8 bytes: quoted fields may hold delimiters, doubled quotes
/// and line breaks; lines end in LF or CRLF. Bytes arrive in chunks of any size.
struct CSVParser {
  /// A quoted field still open at end of file.
  struct UnterminatedQuote: Error {
    let line: Int
  }

  private enum State {
    case fieldStart, unquoted, quoted, quoteInQuoted
  }

  let delimiter: UInt8
  private var state = State.fieldStart
  private var field: [UInt8] = []
  private var fields: [String] = []
  private var line = 1
  private var recordLine = 1
  private var quoteLine = 1
  private var recordHasContent = false

  init(delimiter: UInt8) {
    self.delimiter = delimiter
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  mutating func feed(
    _ bytes: UnsafeBufferPointer<UInt8>, emit: (CSVRecord) throws -> Void
  ) rethrows {
    for byte in bytes {
      switch state {
      case .fieldStart:
        if byte == CSVParser.quote {
          state = .quoted
          quoteLine = line
          recordHasContent = true
        } else if byte == delimiter {
          endField()
        } else if byte == CSVParser.lineFeed {
          try endRecord(emit)
        } else if byte == CSVParser.carriageReturn {
          continue
        } else {
          field.append(byte)
          state = .unquoted
        }
      case .unquoted:
        if byte == delimiter {
          endField()
        } else if byte == CSVParser.lineFeed {
          if field.last == CSVParser.carriageReturn { field.removeLast() }
          try endRecord(emit)
        } else {
          field.append(byte)
        }
      case .quoted:
        if byte == CSVParser.quote {
          state = .quoteInQuoted
        } else {
          if byte == CSVParser.lineFeed { line += 1 }
          field.append(byte)
        }
      case .quoteInQuoted:
        if byte == CSVParser.quote {
          field.append(byte)
          state = .quoted
        } else if byte == delimiter {
          endField()
        } else if byte == CSVParser.lineFeed {
          try endRecord(emit)
        } else if byte == CSVParser.carriageReturn {
          continue
        } else {
          // Text after a closing quote (`"a"b`): kept literally, as spreadsheets do.
          field.append(byte)
          state = .unquoted
        }
      }
    }
  }

  /// Ends the last record; throws if a quoted field is still open.
  mutating func finish(emit: (CSVRecord) throws -> Void) throws {
    if state == .quoted { throw UnterminatedQuote(line: quoteLine) }
    if state != .fieldStart || !fields.isEmpty || !field.isEmpty {
      if state == .unquoted, field.last == CSVParser.carriageReturn { field.removeLast() }
      endField()
      try emit(CSVRecord(fields: fields, line: recordLine))
      fields = []
    }
  }

  private mutating func endField() {
    fields.append(String(decoding: field, as: UTF8.self))
    field.removeAll(keepingCapacity: true)
    state = .fieldStart
  }

  private mutating func endRecord(_ emit: (CSVRecord) throws -> Void) rethrows {
    endField()
    let record = CSVRecord(fields: fields, line: recordLine)
    fields = []
    line += 1
    recordLine = line
    recordHasContent = false
    try emit(record)
  }
}
