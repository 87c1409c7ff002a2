import TextRules

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

/// A record as the parser produced it: the cells' UTF-8 bytes back to back and where each cell
/// ends. Valid only inside the callback that receives it (the memory is the parser's buffer);
/// the hot readers look at cells as bytes and make `String`s only when they need them.
struct RawRecord {
  /// Every cell's bytes: back to back (quotes removed, doubled quotes undoubled) when `starts`
  /// is nil, else the record's line as read, cells at `starts[i]..<ends[i]`.
  let bytes: UnsafeBufferPointer<UInt8>
  /// Start offset in `bytes` of each cell; nil when each cell starts where the previous ends.
  let starts: UnsafeBufferPointer<Int>?
  /// End offset in `bytes` of each cell.
  let ends: UnsafeBufferPointer<Int>
  /// 1-based physical line of the record's first byte.
  let line: Int

  init(
    bytes: UnsafeBufferPointer<UInt8>, starts: UnsafeBufferPointer<Int>? = nil,
    ends: UnsafeBufferPointer<Int>,
    line: Int
  ) {
    self.bytes = bytes
    self.starts = starts
    self.ends = ends
    self.line = line
  }

  var count: Int { ends.count }

  /// The bytes of cell `index`; empty when the record is shorter.
  @inline(__always)
  func field(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    // Pointer arithmetic rather than slicing: the fast path reads eleven cells a row.
    guard UInt(bitPattern: index) < UInt(ends.count), let base = bytes.baseAddress else {
      return UnsafeBufferPointer(start: nil, count: 0)
    }
    let start: Int
    if let starts {
      start = starts[index]
    } else {
      start = index == 0 ? 0 : ends[index - 1]
    }
    return UnsafeBufferPointer(start: base + start, count: ends[index] - start)
  }

  /// The record with its cells decoded as `String`s.
  func record() -> CSVRecord {
    var fields: [String] = []
    fields.reserveCapacity(ends.count)
    for index in 0..<ends.count { fields.append(String(decoding: field(index), as: UTF8.self)) }
    return CSVRecord(fields: fields, line: line)
  }

  /// True when the first byte of some cell is plainly not white space, so the record cannot be
  /// blank; false means "maybe blank" (decide with `record().isBlank`).
  var isSurelyNotBlank: Bool {
    for index in 0..<ends.count {
      let cell = field(index)
      if let first = cell.first, !ByteText.mayStartWhiteSpace(first) { return true }
    }
    return false
  }
}

/// Byte-level tests on UTF-8 text used by the fast paths; each is conservative (a `true` from
/// `mayStartWhiteSpace` only sends the text to the general `String` code).
enum ByteText {
  /// Could a scalar starting with `byte` be white space (Unicode White_Space: U+0009–000D,
  /// U+0020, U+0085, U+00A0, U+1680, U+2000–205F, U+3000)?
  @inline(__always)
  static func mayStartWhiteSpace(_ byte: UInt8) -> Bool {
    switch byte {
    case 0x09...0x0D, 0x20, 0xC2, 0xE1, 0xE2, 0xE3: true
    default: false
    }
  }

  /// True when `text` is non-empty and neither its first nor its last scalar can be white
  /// space, so `TextNormalization.trimmed` would return it unchanged.
  @inline(__always)
  static func isTrimmedNonEmpty(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let first = text.first, let last = text.last else { return false }
    if mayStartWhiteSpace(first) { return false }
    if last < 0x80 { return !mayStartWhiteSpace(last) }
    // Step back over continuation bytes to the last scalar's lead byte.
    var index = text.count - 1
    while index > 0 && text[index] & 0xC0 == 0x80 { index -= 1 }
    return !mayStartWhiteSpace(text[index])
  }
}

/// An RFC 4180 push parser over UTF-8 bytes: quoted fields may hold delimiters, doubled quotes
/// and line breaks; lines end in LF or CRLF. Bytes arrive in chunks of any size.
///
/// Runs of ordinary bytes are found with a tight scan and copied in bulk into one buffer per
/// record (cells are offsets into it), so no per-cell allocation happens while parsing.
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
  /// The current record's cell bytes.
  private var buffer: [UInt8] = []
  /// End offsets of the current record's finished cells.
  private var ends: [Int] = []
  /// The physical line the next byte is on.
  private(set) var line: Int
  private var recordLine: Int
  private var quoteLine: Int
  /// Offset in the last input given to `feedRaw` just after the last record it completed
  /// (0 when none): where a reader may cut the input between whole records.
  private(set) var lastRecordEnd = 0

  init(delimiter: UInt8, line: Int = 1) {
    self.delimiter = delimiter
    self.line = line
    recordLine = line
    quoteLine = line
    buffer.reserveCapacity(1024)
    ends.reserveCapacity(32)
  }

  private static let quote = UInt8(ascii: "\"")
  private static let lineFeed = UInt8(ascii: "\n")
  private static let carriageReturn = UInt8(ascii: "\r")

  /// Start offset of the cell being read.
  private var fieldStartOffset: Int { ends.last ?? 0 }

  /// Feeds bytes, emitting each complete record as `String` cells.
  mutating func feed(
    _ bytes: UnsafeBufferPointer<UInt8>, emit: (CSVRecord) throws -> Void
  ) rethrows {
    try feedRaw(bytes) { try emit($0.record()) }
  }

  /// Ends the last record; throws if a quoted field is still open.
  mutating func finish(emit: (CSVRecord) throws -> Void) throws {
    try finishRaw { try emit($0.record()) }
  }

  /// Feeds bytes, emitting each complete record as bytes.
  mutating func feedRaw(
    _ input: UnsafeBufferPointer<UInt8>, emit: (RawRecord) throws -> Void
  ) rethrows {
    lastRecordEnd = 0
    guard let base = input.baseAddress else { return }
    let count = input.count
    let delimiter = self.delimiter
    var index = 0
    while index < count {
      switch state {
      case .fieldStart:
        let byte = base[index]
        index += 1
        if byte == CSVParser.quote {
          state = .quoted
          quoteLine = line
        } else if byte == delimiter {
          endField()
        } else if byte == CSVParser.lineFeed {
          lastRecordEnd = index
          try endRecord(emit)
        } else if byte == CSVParser.carriageReturn {
          continue
        } else {
          buffer.append(byte)
          state = .unquoted
        }
      case .unquoted:
        let start = index
        while index < count {
          let byte = base[index]
          if byte == delimiter || byte == CSVParser.lineFeed { break }
          index += 1
        }
        if index > start {
          buffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        }
        if index == count { return }
        let byte = base[index]
        index += 1
        if byte == delimiter {
          endField()
        } else {
          if buffer.count > fieldStartOffset, buffer.last == CSVParser.carriageReturn { buffer.removeLast() }
          lastRecordEnd = index
          try endRecord(emit)
        }
      case .quoted:
        let start = index
        while index < count {
          let byte = base[index]
          if byte == CSVParser.quote { break }
          if byte == CSVParser.lineFeed { line += 1 }
          index += 1
        }
        if index > start {
          buffer.append(contentsOf: UnsafeBufferPointer(start: base + start, count: index - start))
        }
        if index == count { return }
        index += 1
        state = .quoteInQuoted
      case .quoteInQuoted:
        let byte = base[index]
        index += 1
        if byte == CSVParser.quote {
          buffer.append(byte)
          state = .quoted
        } else if byte == delimiter {
          endField()
        } else if byte == CSVParser.lineFeed {
          lastRecordEnd = index
          try endRecord(emit)
        } else if byte == CSVParser.carriageReturn {
          continue
        } else {
          // Text after a closing quote (`"a"b`): kept literally, as spreadsheets do.
          buffer.append(byte)
          state = .unquoted
        }
      }
    }
  }

  /// Ends the last record; throws if a quoted field is still open.
  mutating func finishRaw(emit: (RawRecord) throws -> Void) throws {
    if state == .quoted { throw UnterminatedQuote(line: quoteLine) }
    if state != .fieldStart || !ends.isEmpty || buffer.count > fieldStartOffset {
      if state == .unquoted, buffer.count > fieldStartOffset, buffer.last == CSVParser.carriageReturn {
        buffer.removeLast()
      }
      endField()
      try emitRecord(emit)
      buffer.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
      state = .fieldStart
    }
  }

  @inline(__always)
  private mutating func endField() {
    ends.append(buffer.count)
    state = .fieldStart
  }

  private func emitRecord(_ emit: (RawRecord) throws -> Void) rethrows {
    try buffer.withUnsafeBufferPointer { bytes in
      try ends.withUnsafeBufferPointer { ends in
        try emit(RawRecord(bytes: bytes, ends: ends, line: recordLine))
      }
    }
  }

  private mutating func endRecord(_ emit: (RawRecord) throws -> Void) rethrows {
    endField()
    let current = recordLine
    line += 1
    recordLine = line
    defer {
      buffer.removeAll(keepingCapacity: true)
      ends.removeAll(keepingCapacity: true)
    }
    try buffer.withUnsafeBufferPointer { bytes in
      try ends.withUnsafeBufferPointer { ends in
        try emit(RawRecord(bytes: bytes, ends: ends, line: current))
      }
    }
  }
}
