import Tables

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

/// Column indices of the petition fields in one file (-1: the file has no such column).
struct PetitionColumns: Sendable {
  var id = -1, received = -1, channel = -1, region = -1, category = -1, persons = -1
  var level = -1, `repeat` = -1, accepted = -1, closed = -1, satisfaction = -1
  /// Number of columns the header names.
  var width = 0
  /// Columns that map to no petition field.
  var unmapped: [Int] = []

  init() {}

  init(_ mapping: ColumnMapping) {
    func index(_ field: String) -> Int { mapping.column(field)?.index ?? -1 }
    id = index("id")
    received = index("received")
    channel = index("channel")
    region = index("region")
    category = index("category")
    persons = index("persons")
    level = index("level")
    `repeat` = index("repeat")
    accepted = index("accepted")
    closed = index("closed")
    satisfaction = index("satisfaction")
    width = mapping.width
    let used = Set([
      id, received, channel, region, category, persons, level, `repeat`, accepted, closed, satisfaction,
    ])
    unmapped = (0..<width).filter { !used.contains($0) }
  }
}

/// A block's records after the fast path: items in the common shape, validated, with their
/// packed ids; every other record kept as text (with its line relative to the block) for the
/// general path, which reports its problems. Categories are numbered per block.
struct ParsedPetitionBlock: Sendable {
  var items: [PetitionItem] = []
  /// `ids[i]` is `items[i]`'s id; `WideKey.long(k)` points at `longIds[k]`.
  var ids: [WideKey] = []
  var hashes: [UInt64] = []
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
    items.removeAll(keepingCapacity: true)
    ids.removeAll(keepingCapacity: true)
    hashes.removeAll(keepingCapacity: true)
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
  /// Interned cell values, per column: bytes → result index (-1: the general path decides).
  private var interned = [InternedCells](repeating: InternedCells(), count: 6)
  /// A direct-mapped memo in front of `interned`: 256 slots per column group, keyed by the
  /// packed bytes, so that the common case costs one load and one comparison.
  private var recent = [RecentCell](repeating: RecentCell(), count: 6 * 256)
  private static let channelCells = 0
  private static let levelCells = 1
  private static let repeatCells = 2
  private static let satisfactionCells = 3
  private static let regionCells = 4
  private static let categoryCells = 5

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
    parser.result.items.reserveCapacity(records)
    parser.result.ids.reserveCapacity(records)
    parser.result.hashes.reserveCapacity(records)
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
      var validator = FastUTF8Validator()
      guard validator.consume(bytes) && validator.isAtBoundary else {
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
    // Plain lines: each line is a record and each delimiter ends a cell; cells are read where
    // they lie, and delimiters are found eight bytes at a time. UTF-8 is checked per cell, once
    // per distinct value for the interned columns (`checksCells`).
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
    let raw = UnsafeRawPointer(base)
    let highBits: UInt64 = 0x8080_8080_8080_8080
    let lowBits: UInt64 = 0x0101_0101_0101_0101
    let delimiters = UInt64(delimiter) &* lowBits
    // The inner loops use wrapping arithmetic: every offset lies within the block.
    let lastWord = count &- 8
    while lineStart < count {
      let lineEnd: Int
      if let found = memchr(base + lineStart, Int32(UInt8(ascii: "\n")), count - lineStart) {
        lineEnd = UnsafeRawPointer(found) - raw
      } else {
        lineEnd = count
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
      var cells = 0
      var cellStart = lineStart
      var index = lineStart
      while true {
        // Find the next delimiter a word at a time (a word may reach past the line: a stop
        // there means the cell ends at the line's end).
        while index < lineEnd {
          if index <= lastWord {
            let matches =
              UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)) ^ delimiters
            let stops = (matches &- lowBits) & ~matches & highBits
            if stops == 0 {
              index &+= 8
              continue
            }
            index &+= stops.trailingZeroBitCount &>> 3
            break
          }
          if base[index] == delimiter { break }
          index &+= 1
        }
        if index > lineEnd { index = lineEnd }
        starts[cells] = cellStart &- lineStart
        ends[cells] = index &- lineStart
        cells &+= 1
        if index >= lineEnd { break }
        index &+= 1
        cellStart = index
      }
      record(
        RawRecord(
          bytes: UnsafeBufferPointer(start: base + lineStart, count: lineEnd &- lineStart),
          starts: UnsafeBufferPointer(start: starts, count: cells),
          ends: UnsafeBufferPointer(start: ends, count: cells), line: line))
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

  /// Takes one record: an item when it is in the common shape, else kept for the general path.
  private mutating func record(_ raw: RawRecord) {
    let isSurelyNotBlank = raw.isSurelyNotBlank
    if checksCells && !isSurelyNotBlank && !Self.isValidUTF8(raw.bytes) {
      result.isValidUTF8 = false
      return
    }
    if !isSurelyNotBlank && raw.record().isBlank { return }
    let idBytes = raw.field(columns.id)
    let packedId = WideKey.packing(idBytes)
    if let item = fastItem(raw), !checksCells || cellsOutsideTheFastPathAreUTF8(raw, packedId: packedId) {
      if let packedId {
        result.ids.append(packedId)
        result.hashes.append(packedId.hash)
      } else {
        result.ids.append(.long(result.longIds.count))
        result.hashes.append(0)
        result.longIds.append(Array(idBytes))
      }
      result.items.append(item)
    } else {
      if checksCells && !Self.isValidUTF8(raw.bytes) {
        result.isValidUTF8 = false
        return
      }
      result.generalRecords.append((result.items.count, raw.record()))
    }
  }

  /// Whether the cells the fast path does not intern are UTF-8: the id (nearly always ASCII;
  /// `packedId` is its packed bytes, if short) and any column the header maps to no field.
  /// Dates and counts were read as ASCII digits.
  private func cellsOutsideTheFastPathAreUTF8(_ raw: RawRecord, packedId: WideKey?) -> Bool {
    if let packedId, (packedId.low | packedId.high) & 0x8080_8080_8080_8080 == 0 {
      // ASCII.
    } else if !Self.isValidUTF8(raw.field(columns.id)) {
      return false
    }
    for column in columns.unmapped where column < raw.count {
      if !Self.isValidUTF8(raw.field(column)) { return false }
    }
    return true
  }

  private static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var validator = FastUTF8Validator()
    return validator.consume(bytes) && validator.isAtBoundary
  }

  /// The item of a row in the common shape; nil sends the row to the general path.
  private mutating func fastItem(_ raw: RawRecord) -> PetitionItem? {
    guard raw.count <= columns.width else { return nil }
    guard ByteText.isTrimmedNonEmpty(raw.field(columns.id)) else { return nil }
    guard let received = isoDay(raw.field(columns.received)) else { return nil }
    let channel = value(Self.channelCells, raw.field(columns.channel)) { $0.codes.coded($1, "channel") }
    guard channel >= 0 else { return nil }
    let regionBytes = raw.field(columns.region)
    guard !regionBytes.isEmpty else { return nil }
    let region = value(Self.regionCells, regionBytes) { parser, text in
      if TextNormalization.trimmed(text).isEmpty { return -1 }
      guard case .leaf(let code) = parser.codes.regions.resolve(text) else { return -1 }
      return Int(parser.codes.leafIndex[code] ?? -1)
    }
    guard region >= 0 else { return nil }
    let categoryBytes = raw.field(columns.category)
    guard ByteText.isTrimmedNonEmpty(categoryBytes) else { return nil }
    let category = value(Self.categoryCells, categoryBytes) { parser, text in
      parser.result.categories.append(text)
      return parser.result.categories.count - 1
    }
    var persons: Int32 = 1
    let personsBytes = raw.field(columns.persons)
    if !personsBytes.isEmpty {
      guard personsBytes.count <= 9 else { return nil }
      var value: Int32 = 0
      for byte in personsBytes {
        guard byte &- 48 < 10 else { return nil }
        value = value * 10 + Int32(byte &- 48)
      }
      guard value >= 1 else { return nil }
      persons = value
    }
    let level = value(Self.levelCells, raw.field(columns.level), empty: localLevel) {
      $0.codes.coded($1, "level")
    }
    guard level >= 0 else { return nil }
    let isRepeat = value(Self.repeatCells, raw.field(columns.repeat), empty: 0) { parser, text in
      guard let id = parser.codes.codedOrEmpty(text, "yes_no") else { return -1 }
      return id == "yes" ? 1 : 0
    }
    guard isRepeat >= 0 else { return nil }
    var accepted = noDate
    let acceptedBytes = raw.field(columns.accepted)
    if !acceptedBytes.isEmpty {
      guard let day = isoDay(acceptedBytes), day >= received else { return nil }
      accepted = day
    }
    var closed = noDate
    let closedBytes = raw.field(columns.closed)
    if !closedBytes.isEmpty {
      guard let day = isoDay(closedBytes), day >= (accepted == noDate ? received : accepted)
      else {
        return nil
      }
      closed = day
    }
    let satisfaction = value(
      Self.satisfactionCells, raw.field(columns.satisfaction), empty: notEvaluated
    ) {
      $0.codes.coded($1, "satisfaction")
    }
    guard satisfaction >= 0 else { return nil }
    return PetitionItem(
      region: Int32(region), received: received, accepted: accepted, closed: closed, persons: persons,
      category: Int32(category), channel: UInt8(channel), level: UInt8(level),
      satisfaction: UInt8(satisfaction), isRepeat: isRepeat == 1)
  }

  /// The interned result for a cell of column group `cells`: `empty` when the cell has no
  /// bytes, else `compute` on the cell's first sight, then found again by its bytes.
  @inline(__always)
  private mutating func value(
    _ cells: Int, _ bytes: UnsafeBufferPointer<UInt8>, empty: Int = -1, _ compute: (inout Self, String) -> Int
  ) -> Int {
    if bytes.isEmpty { return empty }
    guard let key = WideKey.packing(bytes) else { return internedValue(cells, bytes, compute) }
    let slot = cells &* 256 &+ Int(truncatingIfNeeded: key.hash >> 56)
    let seen = recent[slot]
    if seen.isFilled && seen.key == key { return seen.value }
    let result = internedValue(cells, bytes, compute)
    recent[slot] = RecentCell(key: key, value: result, isFilled: true)
    return result
  }

  private mutating func internedValue(
    _ cells: Int, _ bytes: UnsafeBufferPointer<UInt8>, _ compute: (inout Self, String) -> Int
  ) -> Int {
    if let known = interned[cells].find(bytes) { return known }
    if checksCells && !Self.isValidUTF8(bytes) { return -1 }
    let result = compute(&self, String(decoding: bytes, as: UTF8.self))
    interned[cells].add(bytes, result)
    return result
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
  var key = WideKey(low: 0, high: 0)
  var value = 0
  var isFilled = false
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
