/// A key of two machine words, hashed well: a 信访件编号 packed into its bytes, or a cell of
/// the petition cube packed into its coordinates.
struct WideKey: Equatable, Sendable {
  var low: UInt64
  var high: UInt64

  init(low: UInt64, high: UInt64) {
    self.low = low
    self.high = high
  }

  /// An id of at most 16 bytes held in its bytes (in order, zero padded), so that
  /// de-duplicating millions of ids costs 16 bytes per id and no allocation; nil for a longer
  /// id or one holding a NUL byte (those live in a byte-keyed table instead).
  static func packing(_ bytes: UnsafeBufferPointer<UInt8>) -> WideKey? {
    let count = bytes.count
    guard count <= 16 else { return nil }
    guard let base = bytes.baseAddress, count > 0 else { return WideKey(low: 0, high: 0) }
    // Overlapping unaligned loads that stay inside the cell, shifted so that byte i lands in
    // bits 8i of the little-endian words (no call to memcpy for a few bytes).
    let raw = UnsafeRawPointer(base)
    var low: UInt64
    var high: UInt64 = 0
    if count >= 8 {
      low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self))
      if count > 8 {
        high =
          UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self))
          >> (8 * UInt64(16 - count))
      }
    } else if count >= 4 {
      let first = UInt64(UInt32(littleEndian: raw.loadUnaligned(as: UInt32.self)))
      let last = UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)))
      low = first | (last >> (8 * UInt64(8 - count))) << 32
    } else {
      low = UInt64(base[0])
      if count > 1 { low |= UInt64(base[1]) << 8 }
      if count > 2 { low |= UInt64(base[2]) << 16 }
    }
    if hasZeroByte(low, count: Swift.min(count, 8)) || (count > 8 && hasZeroByte(high, count: count - 8)) {
      return nil
    }
    return WideKey(low: low, high: high)
  }

  /// A cell of at most 16 bytes as two words, the bytes past the cell masked off, when both
  /// words can be loaded (they lie before `readableEnd`, `FastPath` rule 1); nil otherwise. A
  /// NUL byte is kept, so the words identify the cell only together with its length.
  @inline(__always)
  static func words(of bytes: UnsafeBufferPointer<UInt8>, readableEnd: UnsafeRawPointer?) -> WideKey? {
    let count = bytes.count
    guard count <= 16, let base = bytes.baseAddress, let readableEnd,
      UnsafeRawPointer(base + 16) <= readableEnd
    else { return nil }
    let raw = UnsafeRawPointer(base)
    let lowCount = Swift.min(count, 8)
    let low = UInt64(littleEndian: raw.loadUnaligned(as: UInt64.self)) & mask(bytes: lowCount)
    let high =
      UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
      & mask(bytes: count &- lowCount)
    return WideKey(low: low, high: high)
  }

  /// `packing(bytes)`, faster when `words(of:readableEnd:)` can load the cell.
  @inline(__always)
  static func packing(_ bytes: UnsafeBufferPointer<UInt8>, readableEnd: UnsafeRawPointer?) -> WideKey? {
    guard let words = words(of: bytes, readableEnd: readableEnd) else { return packing(bytes) }
    let count = bytes.count
    if hasZeroByte(words.low, count: Swift.min(count, 8))
      || (count > 8 && hasZeroByte(words.high, count: count &- 8))
    {
      return nil
    }
    return words
  }

  /// The low `bytes` bytes of a word set (0...8 bytes).
  @inline(__always)
  private static func mask(bytes: Int) -> UInt64 {
    bytes >= 8 ? .max : (1 &<< UInt64(truncatingIfNeeded: bytes &* 8)) &- 1
  }

  /// Whether one of the first `count` bytes (from the least significant) of `word` is zero.
  @inline(__always)
  private static func hasZeroByte(_ word: UInt64, count: Int) -> Bool {
    let filled = count >= 8 ? word : word | (UInt64.max << (8 * UInt64(count)))
    return (filled &- 0x0101_0101_0101_0101) & ~filled & 0x8080_8080_8080_8080 != 0
  }

  /// Marks the `index`-th long id (0xFF never occurs in UTF-8, so no packed id has an all-ones
  /// low word).
  static func long(_ index: Int) -> WideKey { WideKey(low: .max, high: UInt64(index)) }

  var isLong: Bool { low == .max }

  @inline(__always)
  var hash: UInt64 {
    let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F)
    return (mixed ^ (mixed >> 31)) &* 0xBF58_476D_1CE4_E5B9
  }
}

/// Numbers distinct `WideKey`s 0, 1, 2, … in order of first sight: one array of keys probed by
/// open addressing through 4-byte slots (at most half full), about 24–32 bytes per key. A slot
/// holds entry + 1 in its low bits and, in the bits the entry does not need yet, a tag from the
/// hash, so that a probe reads the key array (a likely cache miss) only for a probable match.
struct WideKeyTable {
  /// The key of each entry.
  private(set) var keys: [WideKey] = []
  /// (tag << entryBits) | (entry + 1) per slot; 0 = empty.
  private var slots: [UInt32]
  private var mask: Int
  /// log2 of the slot count: entry + 1 always fits, as the table is at most half full.
  private var entryBits: UInt32

  var count: Int { keys.count }

  init(expectedCount: Int = 0, reservedCount: Int = 0) {
    var size = 1 << 10
    while size < expectedCount * 2 { size <<= 1 }
    slots = [UInt32](repeating: 0, count: size)
    mask = size - 1
    entryBits = UInt32(size.trailingZeroBitCount)
    keys.reserveCapacity(max(expectedCount, reservedCount))
  }

  @inline(__always)
  private static func tag(_ hash: UInt64, entryBits: UInt32) -> UInt32 {
    entryBits >= 32 ? 0 : UInt32(truncatingIfNeeded: hash >> 32) << entryBits
  }

  /// The entry of `key` and whether it is new; `hash` is `key.hash` (often computed on another
  /// thread).
  @inline(__always)
  mutating func insert(_ key: WideKey, hash: UInt64) -> (entry: Int, isNew: Bool) {
    let (found, slot, tag) = probe(key, hash: hash)
    if let found { return (found, false) }
    let entry = keys.count
    keys.append(key)
    slots[slot] = tag | UInt32(entry + 1)
    if keys.count * 2 > slots.count { grow() }
    return (entry, true)
  }

  /// The entry of `key`, if present.
  @inline(__always)
  func find(_ key: WideKey, hash: UInt64) -> Int? { probe(key, hash: hash).entry }

  /// Linear probing from `hash`: the entry of `key`, or nil and the empty slot where it belongs
  /// (with the tag to store there).
  @inline(__always)
  private func probe(_ key: WideKey, hash: UInt64) -> (entry: Int?, slot: Int, tag: UInt32) {
    var slot = Int(truncatingIfNeeded: hash) & mask
    let tag = Self.tag(hash, entryBits: entryBits)
    let entryMask: UInt32 = entryBits >= 32 ? .max : (1 << entryBits) - 1
    let entry: Int? = keys.withUnsafeBufferPointer { keys in
      slots.withUnsafeBufferPointer { slots in
        while true {
          let stored = slots[slot]
          if stored == 0 { return nil }
          if stored & ~entryMask == tag {
            let entry = Int(stored & entryMask) - 1
            if keys[entry] == key { return entry }
          }
          slot = (slot + 1) & mask
        }
      }
    }
    return (entry, slot, tag)
  }

  /// Reads the slot that a key with this hash starts probing at, so that the cache misses of a
  /// batch of keys overlap instead of stalling one insert after another (a software prefetch;
  /// the returned value only keeps the load from being optimised away).
  @inline(__always)
  func touch(hash: UInt64) -> UInt32 {
    slots.withUnsafeBufferPointer { $0[Int(truncatingIfNeeded: hash) & mask] }
  }

  private mutating func grow() {
    let size = slots.count * 2
    var grown = [UInt32](repeating: 0, count: size)
    let mask = size - 1
    let entryBits = UInt32(size.trailingZeroBitCount)
    keys.withUnsafeBufferPointer { keys in
      grown.withUnsafeMutableBufferPointer { grown in
        for (entry, key) in keys.enumerated() {
          let hash = key.hash
          var slot = Int(truncatingIfNeeded: hash) & mask
          while grown[slot] != 0 { slot = (slot + 1) & mask }
          grown[slot] = Self.tag(hash, entryBits: entryBits) | UInt32(entry + 1)
        }
      }
    }
    slots = grown
    self.mask = mask
    self.entryBits = entryBits
  }
}

/// De-duplicates petition ids: maps each distinct id to an entry number (0, 1, 2, … in order
/// of first sight). Ids of at most 16 bytes are packed into a `WideKeyTable`; longer ones go
/// to a `ByteKeyedTable`.
struct PetitionIdTable {
  private var packed: WideKeyTable
  /// Entry of each packed id, by its number in `packed`; nil while no long id has been seen
  /// (then the numbers are the entries, and 4 bytes per id are saved).
  private var packedEntries: [UInt32]?
  private var longIds = ByteKeyedTable()
  /// Entry of each long id, by its number in `longIds`.
  private var longEntries: [UInt32] = []

  /// Number of distinct ids.
  var count: Int { packed.count + longEntries.count }

  /// `expectedCount` (an estimate of distinct ids) sizes the slot array; `reservedCount` (an
  /// upper estimate) reserves the key array, so that it is not copied while it grows (reserved
  /// pages that are never written take no memory).
  init(expectedCount: Int = 0, reservedCount: Int = 0) {
    packed = WideKeyTable(expectedCount: expectedCount, reservedCount: reservedCount)
  }

  /// The entry of a packed id and whether it is new (`hash` = `id.hash`).
  @inline(__always)
  mutating func insert(_ id: WideKey, hash: UInt64) -> (entry: Int, isNew: Bool) {
    let entry = count
    let (number, isNew) = packed.insert(id, hash: hash)
    guard packedEntries != nil else { return (number, isNew) }
    if !isNew { return (Int(packedEntries![number]), false) }
    packedEntries!.append(UInt32(entry))
    return (entry, true)
  }

  /// See `WideKeyTable.touch`.
  @inline(__always)
  func touch(hash: UInt64) -> UInt32 { packed.touch(hash: hash) }

  /// The entry of any id given as bytes, and whether it is new.
  mutating func insert(_ bytes: UnsafeBufferPointer<UInt8>) -> (entry: Int, isNew: Bool) {
    if let id = WideKey.packing(bytes) { return insert(id, hash: id.hash) }
    let (number, isNew) = longIds.insert(bytes)
    if !isNew { return (Int(longEntries[number]), false) }
    if packedEntries == nil { packedEntries = (0..<packed.count).map { UInt32($0) } }
    let entry = count
    longEntries.append(UInt32(entry))
    return (entry, true)
  }
}
