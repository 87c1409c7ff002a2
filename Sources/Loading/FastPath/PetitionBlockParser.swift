import Tables
import TextRules

#if canImport(Glibc)
  import Glibc
#endif

/// Parses one `RecordBlock` of a UTF-8 petition file (on any thread). Rows in the common shape
/// (every value already seen or plainly valid, ISO dates, plain integers) become items without
/// making a `String`; any other row is kept for `PetitionsReader`'s general path, so that every
/// message is the same as when the row is read alone.
struct PetitionBlockParser {
  let codes: PetitionCodes
  let columns: PetitionColumns
  let delimiter: UInt8
  var result = ParsedPetitionBlock()
  /// True while the block's bytes have not been checked as UTF-8 as a whole: each cell is then
  /// checked where it is read (an interned value once, on first sight).
  var checksCells = false
  /// The columns whose values are interned: each distinct cell is interpreted once, on first
  /// sight, and found again by its bytes.
  enum InternedColumn: Int, CaseIterable {
    case channel, level, `repeat`, satisfaction, region, category
  }
  /// Interned cell values, per column: bytes → result (-1: the general path decides).
  var interned = [InternedCells](repeating: InternedCells(), count: InternedColumn.allCases.count)
  /// A direct-mapped memo in front of `interned`: 256 slots per column, keyed by a cell's words
  /// and length (`WideKey.words(of:readableEnd:)`), so that the common case costs one load and
  /// one comparison.
  var recent = [RecentCell](repeating: RecentCell(), count: InternedColumn.allCases.count * 256)

  /// Constants the fast path reads for every row, kept here: a global `static let` costs a
  /// call to check that it is initialised at every read.
  let monthStarts = PetitionBlockParser.monthStarts
  let noDate = PetitionItem.noDate
  let localLevel = PetitionItem.localLevel
  let notEvaluated = PetitionItem.notEvaluated

  init(codes: PetitionCodes, columns: PetitionColumns, delimiter: UInt8) {
    self.codes = codes
    self.columns = columns
    self.delimiter = delimiter
  }

  /// Parses every record of `block`, into the arrays of `reused` (a block already merged)
  /// when given.
  static func parse(
    _ block: RecordBlock, codes: PetitionCodes, columns: PetitionColumns, delimiter: UInt8,
    reusing reused: ParsedPetitionBlock? = nil
  ) -> ParsedPetitionBlock {
    var parser = PetitionBlockParser(codes: codes, columns: columns, delimiter: delimiter)
    if var reused {
      reused.empty()
      parser.result = reused
    }
    // Room for the block's records up front (a petition record takes 90 bytes or more), so
    // that the arrays are not copied as they grow.
    let records = block.count / 80 + 16
    parser.result.entries.reserveCapacity(records)
    block.withBytes { parser.parse($0, isLast: block.isLast) }
    return parser.result
  }

  private mutating func parse(_ bytes: UnsafeBufferPointer<UInt8>, isLast: Bool) {
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
    let hasQuote = memchr(base, Int32(UInt8(ascii: "\"")), bytes.count) != nil
    let hasReturn = memchr(base, Int32(UInt8(ascii: "\r")), bytes.count) != nil
    if hasQuote || hasReturn {
      // Quotes and carriage returns need the exact state machine. A block ends at a line feed
      // (or the end of the file), never inside a UTF-8 sequence, so it is checked on its own.
      guard FastUTF8Validator.isValid(bytes) else {
        result.isValidUTF8 = false
        return
      }
      var parser = CSVParser(delimiter: delimiter)
      parser.feedRaw(bytes) { record($0) }
      if isLast {
        do {
          try parser.finishRaw { record($0) }
        } catch {
          result.unterminatedQuoteLine = (error as? CSVParser.UnterminatedQuote)?.line
        }
      }
      result.lineFeeds = parser.line - 1
      return
    }
    // Plain lines: each line is a record and each delimiter ends a cell. A line in the common
    // shape is read cell by cell as it is scanned; any other line is split into cells and kept
    // for the general path. UTF-8 is checked per cell, once per distinct value for the interned
    // columns (`checksCells`).
    checksCells = true
    defer { checksCells = false }
    var capacity = 64
    var starts = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    var ends = UnsafeMutablePointer<Int>.allocate(capacity: capacity)
    defer {
      starts.deallocate()
      ends.deallocate()
    }
    var lineStart = 0
    var line = 1
    let count = bytes.count
    let delimiter = self.delimiter
    while lineStart < count {
      let lineEnd: Int
      if let found = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), count - lineStart) {
        lineEnd = UnsafeRawPointer(found) - UnsafeRawPointer(base)
      } else {
        lineEnd = count
      }
      if columns.isContractOrder, let entry = contractOrderEntry(bytes, line: lineStart..<lineEnd) {
        result.entries.append(entry)
        line &+= 1
        lineStart = lineEnd &+ 1
        continue
      }
      // A line of n bytes has at most n + 1 cells.
      if capacity <= lineEnd &- lineStart {
        let grown = (lineEnd &- lineStart) &* 2 &+ 2
        starts.deallocate()
        ends.deallocate()
        starts = .allocate(capacity: grown)
        ends = .allocate(capacity: grown)
        capacity = grown
      }
      var split = LineCells(block: bytes, line: lineStart..<lineEnd, delimiter: delimiter)
      var cellCount = 0
      while let cell = split.next() {
        starts[cellCount] = cell.baseAddress! - (base + lineStart)
        ends[cellCount] = starts[cellCount] &+ cell.count
        cellCount &+= 1
      }
      let raw = RawRecord(
        bytes: UnsafeBufferPointer(start: base + lineStart, count: lineEnd &- lineStart),
        starts: UnsafeBufferPointer(start: starts, count: cellCount),
        ends: UnsafeBufferPointer(start: ends, count: cellCount), line: line)
      if columns.isContractOrder {
        keepForGeneralPath(raw)
      } else {
        record(raw, readableEnd: base + count + FastPath.padding)
      }
      line &+= 1
      lineStart = lineEnd &+ 1
    }
    result.lineFeeds = line - (bytes[count - 1] == UInt8(ascii: "\n") ? 1 : 2)
  }

  /// Takes the records of a file read sequentially (a transcoded GB18030 file), whose lines are
  /// absolute; `takeBlock` hands over what was taken so far.
  mutating func take(_ raw: RawRecord) { record(raw) }

  /// The records taken since the last call, as a block.
  mutating func takeBlock() -> ParsedPetitionBlock {
    defer { result = ParsedPetitionBlock() }
    return result
  }

  /// `fastEntry` for a plain line of a file in the contract's column order.
  private mutating func contractOrderEntry(_ block: UnsafeBufferPointer<UInt8>, line: Range<Int>)
    -> ParsedPetitionBlock.Entry?
  {
    var cells = ContractOrderCells(line: LineCells(block: block, line: line, delimiter: delimiter))
    return fastEntry(&cells)
  }

  /// Takes one record: an item when it is in the common shape, else kept for the general path.
  /// `readableEnd`: see `PetitionCells`.
  private mutating func record(_ raw: RawRecord, readableEnd: UnsafeRawPointer? = nil) {
    var cells = IndexedCells(record: raw, columns: columns, readableEnd: readableEnd)
    if let entry = fastEntry(&cells) {
      result.entries.append(entry)
    } else {
      keepForGeneralPath(raw)
    }
  }

  /// Keeps a record that is not in the common shape for the general path, which reports its
  /// problems; skips a blank record, and marks the block when the record is not UTF-8.
  private mutating func keepForGeneralPath(_ raw: RawRecord) {
    if checksCells && !FastUTF8Validator.isValid(raw.bytes) {
      result.isValidUTF8 = false
      return
    }
    if !raw.isSurelyNotBlank && raw.record().isBlank { return }
    result.generalRecords.append((result.entries.count, raw.record()))
  }

  /// The item and packed id of a record in the common shape; nil sends the record to the
  /// general path. Every value is interned or plainly valid, dates are exact ISO days, counts
  /// plain integers. While `checksCells`, every cell is checked as UTF-8: an interned value on
  /// first sight, the id unless it is ASCII, dates and counts as ASCII digits, the other cells
  /// in full.
  @inline(__always)
  private mutating func fastEntry<Cells: PetitionCells>(_ cells: inout Cells) -> ParsedPetitionBlock.Entry? {
    let idBytes = cells.cell(.id)
    guard ByteText.isTrimmedNonEmpty(idBytes) else { return nil }
    guard let received = isoDay(cells.cell(.received)) else { return nil }
    let channel = value(.channel, cells.cell(.channel), readableEnd: cells.readableEnd)
    guard channel >= 0 else { return nil }
    let regionBytes = cells.cell(.region)
    guard !regionBytes.isEmpty else { return nil }
    let region = value(.region, regionBytes, readableEnd: cells.readableEnd)
    guard region >= 0 else { return nil }
    let categoryBytes = cells.cell(.category)
    guard ByteText.isTrimmedNonEmpty(categoryBytes) else { return nil }
    let category = value(.category, categoryBytes, readableEnd: cells.readableEnd)
    guard category >= 0 else { return nil }
    var persons: Int32 = 1
    let personsBytes = cells.cell(.persons)
    if !personsBytes.isEmpty {
      guard personsBytes.count <= 9 else { return nil }
      var value: Int32 = 0
      for byte in personsBytes {
        guard byte &- 48 < 10 else { return nil }
        value = value &* 10 &+ Int32(byte &- 48)
      }
      guard value >= 1 else { return nil }
      persons = value
    }
    let level = value(.level, cells.cell(.level), readableEnd: cells.readableEnd, empty: localLevel)
    guard level >= 0 else { return nil }
    let isRepeat = value(.repeat, cells.cell(.repeat), readableEnd: cells.readableEnd, empty: 0)
    guard isRepeat >= 0 else { return nil }
    var accepted = noDate
    let acceptedBytes = cells.cell(.accepted)
    if !acceptedBytes.isEmpty {
      guard let day = isoDay(acceptedBytes), day >= received else { return nil }
      accepted = day
    }
    var closed = noDate
    let closedBytes = cells.cell(.closed)
    if !closedBytes.isEmpty {
      guard let day = isoDay(closedBytes), day >= (accepted == noDate ? received : accepted) else {
        return nil
      }
      closed = day
    }
    let satisfaction = value(
      .satisfaction, cells.cell(.satisfaction), readableEnd: cells.readableEnd, empty: notEvaluated)
    guard satisfaction >= 0 else { return nil }
    guard cells.otherCellsAreValid(checkingUTF8: checksCells) else { return nil }
    let item = PetitionItem(
      region: Int32(region), received: received, accepted: accepted, closed: closed, persons: persons,
      category: Int32(category), channel: UInt8(channel), level: UInt8(level),
      satisfaction: UInt8(satisfaction), isRepeat: isRepeat == 1)
    if let packed = WideKey.packing(idBytes, readableEnd: cells.readableEnd) {
      // An ASCII id is UTF-8; any other is checked.
      if checksCells && (packed.low | packed.high) & 0x8080_8080_8080_8080 != 0
        && !FastUTF8Validator.isValid(idBytes)
      {
        return nil
      }
      return ParsedPetitionBlock.Entry(item: item, id: packed, hash: packed.hash)
    }
    if checksCells && !FastUTF8Validator.isValid(idBytes) { return nil }
    result.longIds.append(Array(idBytes))
    return ParsedPetitionBlock.Entry(item: item, id: .long(result.longIds.count - 1), hash: 0)
  }
}
