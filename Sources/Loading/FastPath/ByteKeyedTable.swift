import Foundation

/// An open-addressing hash table keyed by byte strings, storing the keys back to back in one
/// array: no `String` and no allocation per key. Used to intern repeated cell values (regions,
/// channels, categories) and to de-duplicate petition ids in little memory.
struct ByteKeyedTable {
  /// Key bytes of every entry, concatenated.
  private var arena: [UInt8] = []
  /// End offset in `arena` of each entry's key (entry i spans ends[i-1]..<ends[i]).
  private var ends: [Int] = []
  private var hashes: [UInt32] = []
  /// Entry index + 1 per slot; 0 = empty.
  private var slots: [Int32]
  private var mask: Int

  /// Number of distinct keys.
  var count: Int { ends.count }

  init(capacity: Int = 16) {
    var size = 16
    while size < capacity * 2 { size <<= 1 }
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
  }

  /// FNV-1a over the bytes, finished with a multiply-shift mix.
  @inline(__always)
  static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in key {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return (hash ^ (hash >> 29)) &* 0xBF58_476D_1CE4_E5B9
  }

  /// The entry index of `key`, if present.
  @inline(__always)
  func find(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
    let hash = Self.hash(key)
    return probe(key, hash: hash).entry
  }

  /// The entry index of `key` and whether it was already present (else it is added last).
  @inline(__always)
  mutating func insert(_ key: UnsafeBufferPointer<UInt8>) -> (index: Int, isNew: Bool) {
    let hash = Self.hash(key)
    let (entry, slot) = probe(key, hash: hash)
    if let entry { return (entry, false) }
    let index = ends.count
    arena.append(contentsOf: key)
    ends.append(arena.count)
    hashes.append(UInt32(truncatingIfNeeded: hash))
    slots[slot] = Int32(index + 1)
    if ends.count * 2 > slots.count { grow() }
    return (index, true)
  }

  /// The entry holding `key` or the empty slot where it belongs.
  @inline(__always)
  private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (entry: Int?, slot: Int) {
    let short = UInt32(truncatingIfNeeded: hash)
    var slot = Int(truncatingIfNeeded: hash >> 32) & mask
    return arena.withUnsafeBufferPointer { arena in
      while true {
        let stored = Int(slots[slot])
        if stored == 0 { return (nil, slot) }
        let entry = stored - 1
        if hashes[entry] == short {
          let start = entry == 0 ? 0 : ends[entry - 1]
          let length = ends[entry] - start
          if length == key.count
            && (length == 0 || memcmp(arena.baseAddress! + start, key.baseAddress!, length) == 0)
          {
            return (entry, slot)
          }
        }
        slot = (slot + 1) & mask
      }
    }
  }

  private mutating func grow() {
    let size = slots.count * 2
    slots = [Int32](repeating: 0, count: size)
    mask = size - 1
    // Rehash from the stored keys (the short hash alone cannot place them).
    arena.withUnsafeBufferPointer { arena in
      for entry in 0..<ends.count {
        let start = entry == 0 ? 0 : ends[entry - 1]
        let key = UnsafeBufferPointer(rebasing: arena[start..<ends[entry]])
        var slot = Int(truncatingIfNeeded: Self.hash(key) >> 32) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entry + 1)
      }
    }
  }
}
