/// Least-significant-digit radix sort of unsigned integer keys, 11 bits a pass, skipping the
/// passes whose digit is the same in every key.
///
/// The petition cube groups millions of items by small packed keys. A radix sort reads and writes
/// the keys a few times in order, where a hash table probes at random (a cache miss per item once
/// the table outgrows the cache) and a comparison sort needs log2(n) passes.
enum RadixSort {
  private static let digitBits = 11
  private static let radix = 1 << digitBits

  /// Sorts `keys`, whose set bits all lie below bit `significantBits`.
  static func sort<Key: FixedWidthInteger & UnsignedInteger>(_ keys: inout [Key], significantBits: Int) {
    let count = keys.count
    guard count > 1, significantBits > 0 else { return }
    let passes = (significantBits + digitBits - 1) / digitBits
    let mask = radix - 1
    // Every pass's histogram from one read of the keys.
    var histograms = [Int](repeating: 0, count: passes * radix)
    keys.withUnsafeBufferPointer { keys in
      histograms.withUnsafeMutableBufferPointer { histograms in
        for key in keys {
          for pass in 0..<passes {
            histograms[pass &* radix &+ Int(truncatingIfNeeded: key &>> (pass &* digitBits)) & mask] &+= 1
          }
        }
      }
    }
    var buffer = [Key](repeating: 0, count: count)
    var offsets = [Int](repeating: 0, count: radix)
    for pass in 0..<passes {
      let shift = pass * digitBits
      let histogram = pass * radix
      if histograms[histogram + Int(truncatingIfNeeded: keys[0] &>> shift) & mask] == count { continue }
      var total = 0
      for digit in 0..<radix {
        offsets[digit] = total
        total += histograms[histogram + digit]
      }
      keys.withUnsafeBufferPointer { source in
        buffer.withUnsafeMutableBufferPointer { target in
          offsets.withUnsafeMutableBufferPointer { offsets in
            for key in source {
              let digit = Int(truncatingIfNeeded: key &>> shift) & mask
              target[offsets[digit]] = key
              offsets[digit] &+= 1
            }
          }
        }
      }
      swap(&keys, &buffer)
    }
  }

  /// The distinct values of `keys` in ascending order, each with how many times it occurs.
  static func sortedRuns<Key: FixedWidthInteger & UnsignedInteger>(
    _ keys: consuming [Key], significantBits: Int
  ) -> [(key: Key, count: Int)] {
    var keys = keys
    sort(&keys, significantBits: significantBits)
    var runs: [(key: Key, count: Int)] = []
    var index = 0
    while index < keys.count {
      let key = keys[index]
      var end = index + 1
      while end < keys.count && keys[end] == key { end += 1 }
      runs.append((key, end - index))
      index = end
    }
    return runs
  }
}

/// Where the fields of a packed key lie: the first field is the most significant and each is
/// as wide as its largest value needs, so that keys order as the tuples of their fields do.
struct PackedKeyLayout {
  /// Bit offset of each field, in the order given.
  let shifts: [Int]
  let masks: [UInt64]
  /// Bits the packed key needs.
  let bits: Int

  /// `largest` holds the largest value of each field, most significant first.
  init(largest: [UInt64]) {
    let widths = largest.map { UInt64.bitWidth - $0.leadingZeroBitCount }
    var shifts = [Int](repeating: 0, count: widths.count)
    var bits = 0
    for field in widths.indices.reversed() {
      shifts[field] = bits
      bits += widths[field]
    }
    self.shifts = shifts
    masks = widths.map { $0 == 64 ? UInt64.max : (1 << UInt64($0)) - 1 }
    self.bits = bits
  }

  /// Field `field` of a packed `key`.
  @inline(__always)
  func field<Key: FixedWidthInteger & UnsignedInteger>(_ field: Int, of key: Key) -> UInt64 {
    UInt64(truncatingIfNeeded: key &>> shifts[field]) & masks[field]
  }
}
