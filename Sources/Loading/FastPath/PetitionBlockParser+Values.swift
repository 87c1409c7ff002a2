import Tables
import TextRules

extension PetitionBlockParser {
  /// The interned result for a cell of `column`: `empty` when the cell has no bytes, else
  /// `interpret` on the cell's first sight, then found again by its bytes (bytes up to
  /// `readableEnd` may be loaded).
  @inline(__always)
  mutating func value(
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
      // A category the outputs cannot hold is refused by the general path, at its row.
      if FreeText.problem(text) != nil { return -1 }
      result.categories.append(text)
      return result.categories.count - 1
    }
  }

  /// The day number of an exact `YYYY-MM-DD` cell; nil for any other form or an impossible date.
  static func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    monthStarts.withUnsafeBufferPointer { isoDay(bytes, monthStarts: $0) }
  }

  @inline(__always)
  func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
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
  static let monthStarts: [Int32] = (0...(1100 * 12)).map { month in
    Int32(
      Day(year: 1900 + month / 12, month: month % 12 + 1, day: 1)?.number ?? Day(
        year: 2999, month: 12, day: 31)!.number + 1)
  }
}

/// One slot of `PetitionBlockParser`'s memo of recent cell values.
struct RecentCell {
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
