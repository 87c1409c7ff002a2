import Tables
import TextRules

#if canImport(Glibc)
  import Glibc
#endif

/// One validated petition item, compact so that memory grows with distinct ids, not file size.
struct PetitionItem: Sendable {
  var region: Int32
  var received: Int32
  var accepted: Int32
  var closed: Int32
  var persons: Int32
  var category: Int32
  var channel: UInt8
  var level: UInt8
  var satisfaction: UInt8
  var isRepeat: Bool

  static let noDate = PetitionTimelines.Entry.noDate
  static let channels = PetitionChannel.allCases
  static let levels = PetitionLevel.allCases
  static let satisfactions = Satisfaction.allCases
  static let localLevel = levels.firstIndex { $0.rawValue == "local" }!
  static let notEvaluated = satisfactions.firstIndex { $0.rawValue == "not_evaluated" }!
}

/// What a petition file's columns are and how its coded values read: everything a worker
/// thread needs to parse a block, shared read-only.
struct PetitionCodes: Sendable {
  let dictionary: HeaderDictionary
  let regions: RegionNames
  /// Index of each leaf code in `leafCodes`.
  let leafIndex: [String: Int32]
  let leafCodes: [String]

  init(dictionary: HeaderDictionary, regions: RegionNames) {
    self.dictionary = dictionary
    self.regions = regions
    leafCodes = regions.tree.regions.map(\.code).filter(regions.tree.isLeaf)
    leafIndex = Dictionary(uniqueKeysWithValues: leafCodes.enumerated().map { ($1, Int32($0)) })
  }

  /// The dictionary's id for a coded cell as `RowReader.coded` finds it: "" for a blank cell,
  /// nil for an unknown value.
  func codedOrEmpty(_ text: String, _ enumeration: String) -> String? {
    TextNormalization.trimmed(text).isEmpty ? "" : dictionary.canonical(enumeration, text)
  }

  /// The case index of a coded cell; -1 when blank or unknown (the general path decides).
  func coded(_ text: String, _ enumeration: String) -> Int {
    guard let id = codedOrEmpty(text, enumeration), !id.isEmpty else { return -1 }
    switch enumeration {
    case "channel": return PetitionItem.channels.firstIndex { $0.rawValue == id } ?? -1
    case "level": return PetitionItem.levels.firstIndex { $0.rawValue == id } ?? -1
    default: return PetitionItem.satisfactions.firstIndex { $0.rawValue == id } ?? -1
    }
  }
}

/// Where the petition fields lie in one file's columns.
struct PetitionColumns: Sendable {
  /// A petition field, in the order of the data contract's table (§5); each case is named as the
  /// header dictionary's field.
  enum Role: Int, CaseIterable, Sendable {
    case id, received, channel, region, category, persons, level, `repeat`, accepted, closed, satisfaction
  }

  /// The column of each role (by `rawValue`); -1 when the file has no such column.
  private(set) var columnOf = [Int](repeating: -1, count: Role.allCases.count)
  /// Columns that map to no petition field.
  private(set) var unmapped: [Int] = []
  /// Number of columns the header names.
  private(set) var width = 0
  /// True when the header names exactly the contract's fields in the contract's order, so
  /// that a record's cells can be read as they are found.
  private(set) var isContractOrder = false

  init(_ mapping: ColumnMapping) {
    for role in Role.allCases { columnOf[role.rawValue] = mapping.column("\(role)")?.index ?? -1 }
    width = mapping.width
    unmapped = (0..<width).filter { !columnOf.contains($0) }
    isContractOrder = columnOf == Array(0..<Role.allCases.count) && width == Role.allCases.count
  }

  @inline(__always)
  func column(_ role: Role) -> Int { columnOf[role.rawValue] }
}

/// Where the fast path reads the petition cells of one record.
protocol PetitionCells {
  /// The cell of `role` (empty when the file or the record has none). The fast path asks for
  /// the roles in their contract order.
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8>
  /// Whether the record has no more cells than the header names and, when `checkingUTF8`,
  /// every cell that maps to no field is UTF-8.
  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool
  /// Cells may be read in whole words up to here (`WideKey.packing(_:readableEnd:)`); nil when
  /// only the cells' own bytes may be read.
  var readableEnd: UnsafeRawPointer? { get }
}

/// The cells of a plain line of a file in the contract's column order, read as they are found.
struct ContractOrderCells: PetitionCells {
  var line: LineCells

  var readableEnd: UnsafeRawPointer? { line.readableEnd }

  @inline(__always)
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8> {
    line.next() ?? UnsafeBufferPointer(start: nil, count: 0)
  }

  @inline(__always)
  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool { line.next() == nil }
}

/// The cells of a record already split into cells, found by column.
struct IndexedCells: PetitionCells {
  let record: RawRecord
  let columns: PetitionColumns
  let readableEnd: UnsafeRawPointer?

  @inline(__always)
  mutating func cell(_ role: PetitionColumns.Role) -> UnsafeBufferPointer<UInt8> {
    record.field(columns.column(role))
  }

  mutating func otherCellsAreValid(checkingUTF8: Bool) -> Bool {
    guard record.count <= columns.width else { return false }
    guard checkingUTF8 else { return true }
    for column in columns.unmapped where column < record.count {
      if !FastUTF8Validator.isValid(record.field(column)) { return false }
    }
    return true
  }
}

/// A block's records after the fast path: items in the common shape, validated, with their
/// packed ids; every other record kept as text (with its line relative to the block) for the
/// general path, which reports its problems. Categories are numbered per block.
struct ParsedPetitionBlock: Sendable {
  /// One item in the common shape with its packed id; `WideKey.long(k)` points at `longIds[k]`
  /// (hash 0). One array, so that each row costs one append.
  struct Entry: Sendable {
    var item: PetitionItem
    var id: WideKey
    /// `id.hash`, computed on the parsing thread.
    var hash: UInt64
  }

  var entries: [Entry] = []
  var longIds: [[UInt8]] = []
  /// Names of the block's category numbers.
  var categories: [String] = []
  /// Records for the general path, each with the number of items that precede it.
  var generalRecords: [(itemsBefore: Int, record: CSVRecord)] = []
  /// Line feeds in the block (the next block starts that many lines further).
  var lineFeeds = 0
  /// Relative line of a quoted field left open at the end of the file.
  var unterminatedQuoteLine: Int?
  /// False when the block's bytes are not valid UTF-8 (the file was taken as UTF-8 from its
  /// first chunk; see `CSVFile.isProvisional`).
  var isValidUTF8 = true

  /// Empties the block, keeping its arrays' memory for the next block.
  mutating func empty() {
    entries.removeAll(keepingCapacity: true)
    longIds.removeAll(keepingCapacity: true)
    categories.removeAll(keepingCapacity: true)
    generalRecords.removeAll(keepingCapacity: true)
    lineFeeds = 0
    unterminatedQuoteLine = nil
    isValidUTF8 = true
  }
}

/// Parses one `RecordBlock` of a UTF-8 petition file (on any thread). Rows in the common shape
/// (every value already seen or plainly valid, ISO dates, plain integers) become items without
/// making a `String`; any other row is kept for `PetitionsReader`'s general path, so that every
/// message is the same as when the row is read alone.
struct PetitionBlockParser {
  let codes: PetitionCodes
  let columns: PetitionColumns
  let delimiter: UInt8
  private var result = ParsedPetitionBlock()
  /// True while the block's bytes have not been checked as UTF-8 as a whole: each cell is then
  /// checked where it is read (an interned value once, on first sight).
  private var checksCells = false
  /// The columns whose values are interned: each distinct cell is interpreted once, on first
  /// sight, and found again by its bytes.
  private enum InternedColumn: Int, CaseIterable {
    case channel, level, `repeat`, satisfaction, region, category
  }
  /// Interned cell values, per column: bytes → result (-1: the general path decides).
  private var interned = [InternedCells](repeating: InternedCells(), count: InternedColumn.allCases.count)
  /// A direct-mapped memo in front of `interned`: 256 slots per column, keyed by a cell's words
  /// and length (`WideKey.words(of:readableEnd:)`), so that the common case costs one load and
  /// one comparison.
  private var recent = [RecentCell](repeating: RecentCell(), count: InternedColumn.allCases.count * 256)

  /// Constants the fast path reads for every row, kept here: a global `static let` costs a
  /// call to check that it is initialised at every read.
  private let monthStarts = PetitionBlockParser.monthStarts
  private let noDate = PetitionItem.noDate
  private let localLevel = PetitionItem.localLevel
  private let notEvaluated = PetitionItem.notEvaluated

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
        record(raw, readableEnd: base + count + ByteBuffer.padding)
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

  /// The interned result for a cell of `column`: `empty` when the cell has no bytes, else
  /// `interpret` on the cell's first sight, then found again by its bytes (bytes up to
  /// `readableEnd` may be loaded).
  @inline(__always)
  private mutating func value(
    _ column: InternedColumn, _ bytes: UnsafeBufferPointer<UInt8>, readableEnd: UnsafeRawPointer?,
    empty: Int = -1
  ) -> Int {
    if bytes.isEmpty { return empty }
    guard let words = WideKey.words(of: bytes, readableEnd: readableEnd) else {
      return internedValue(column, bytes)
    }
    let slot =
      column.rawValue &* 256
      &+ Int(
        truncatingIfNeeded: ((words.low ^ (words.high &* 0xC2B2_AE3D_27D4_EB4F)) &* 0x9E37_79B9_7F4A_7C15)
          >> 56)
    let seen = recent[slot]
    if seen.words == words && seen.count == bytes.count { return seen.value }
    return memoizedValue(column, bytes, words: words, slot: slot)
  }

  /// `value` when the memo does not hold the cell: found in (or added to) `interned`, and
  /// remembered in the memo.
  @inline(never)
  private mutating func memoizedValue(
    _ column: InternedColumn, _ bytes: UnsafeBufferPointer<UInt8>, words: WideKey, slot: Int
  ) -> Int {
    let result = internedValue(column, bytes)
    recent[slot] = RecentCell(words: words, count: bytes.count, value: result)
    return result
  }

  private mutating func internedValue(_ column: InternedColumn, _ bytes: UnsafeBufferPointer<UInt8>) -> Int {
    if let known = interned[column.rawValue].find(bytes) { return known }
    if checksCells && !FastUTF8Validator.isValid(bytes) { return -1 }
    let result = interpret(column, String(decoding: bytes, as: UTF8.self))
    interned[column.rawValue].add(bytes, result)
    return result
  }

  /// What a cell of `column` means: a case index, a leaf region's index or a category number
  /// (-1: the general path decides).
  private mutating func interpret(_ column: InternedColumn, _ text: String) -> Int {
    switch column {
    case .channel: return codes.coded(text, "channel")
    case .level: return codes.coded(text, "level")
    case .satisfaction: return codes.coded(text, "satisfaction")
    case .repeat:
      guard let id = codes.codedOrEmpty(text, "yes_no") else { return -1 }
      return id == "yes" ? 1 : 0
    case .region:
      if TextNormalization.trimmed(text).isEmpty { return -1 }
      guard case .leaf(let code) = codes.regions.resolve(text) else { return -1 }
      return Int(codes.leafIndex[code] ?? -1)
    case .category:
      result.categories.append(text)
      return result.categories.count - 1
    }
  }

  /// The day number of an exact `YYYY-MM-DD` cell; nil for any other form or an impossible date.
  static func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    monthStarts.withUnsafeBufferPointer { isoDay(bytes, monthStarts: $0) }
  }

  @inline(__always)
  private func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    monthStarts.withUnsafeBufferPointer { Self.isoDay(bytes, monthStarts: $0) }
  }

  @inline(__always)
  private static func isoDay(_ bytes: UnsafeBufferPointer<UInt8>, monthStarts: UnsafeBufferPointer<Int32>)
    -> Int32?
  {
    guard bytes.count == 10, let base = bytes.baseAddress, base[4] == UInt8(ascii: "-"),
      base[7] == UInt8(ascii: "-")
    else { return nil }
    // Written out digit by digit, in wrapping arithmetic (no value can overflow): three dates a
    // row make this one of the reader's inner loops.
    let (y0, y1, y2, y3) = (base[0] &- 48, base[1] &- 48, base[2] &- 48, base[3] &- 48)
    let (m0, m1, d0, d1) = (base[5] &- 48, base[6] &- 48, base[8] &- 48, base[9] &- 48)
    guard y0 < 10, y1 < 10, y2 < 10, y3 < 10, m0 < 10, m1 < 10, d0 < 10, d1 < 10 else { return nil }
    let year = Int(y0) &* 1000 &+ Int(y1) &* 100 &+ Int(y2) &* 10 &+ Int(y3)
    let monthOfYear = Int(m0) &* 10 &+ Int(m1)
    let day = Int32(d0) &* 10 &+ Int32(d1)
    guard year >= 1900, year <= 2999, monthOfYear >= 1, monthOfYear <= 12 else { return nil }
    let month = (year &- 1900) &* 12 &+ monthOfYear &- 1
    let first = monthStarts[month]
    guard day >= 1, first &+ day <= monthStarts[month &+ 1] else { return nil }
    return first &+ day &- 1
  }

  /// Day number of the first of each month of the years `Day` accepts (1900…2999), and one more:
  /// an exact date is a table lookup, not a calendar computation per cell.
  private static let monthStarts: [Int32] = (0...(1100 * 12)).map { month in
    Int32(
      Day(year: 1900 + month / 12, month: month % 12 + 1, day: 1)?.number ?? Day(
        year: 2999, month: 12, day: 31)!.number + 1)
  }
}

/// One slot of `PetitionBlockParser`'s memo of recent cell values.
private struct RecentCell {
  /// The cell's bytes (`WideKey.words(of:readableEnd:)`) and length; -1: an empty slot.
  var words = WideKey(low: 0, high: 0)
  var count = -1
  var value = 0
}

/// Results computed once per distinct cell content of one column and found again by bytes:
/// cells of at most 16 bytes (nearly all) by their packed bytes, longer ones by a byte table.
struct InternedCells {
  private var short = WideKeyTable()
  private var shortValues: [Int] = []
  private var long = ByteKeyedTable()
  private var longValues: [Int] = []

  /// The value stored for `bytes`, if any.
  @inline(__always)
  func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    if let key = WideKey.packing(bytes) { return short.find(key, hash: key.hash).map { shortValues[$0] } }
    return long.find(bytes).map { longValues[$0] }
  }

  /// Stores the value for new `bytes`.
  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Int) {
    if let key = WideKey.packing(bytes) {
      if short.insert(key, hash: key.hash).isNew { shortValues.append(value) }
    } else if long.insert(bytes).isNew {
      longValues.append(value)
    }
  }
}
