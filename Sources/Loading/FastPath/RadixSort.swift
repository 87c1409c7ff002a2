/// Radix sort of unsigned integer keys: one counting pass on the top 11 bits, then each of those
/// buckets sorted on the bits below by least-significant-digit passes of at most 11 bits,
/// skipping the passes whose digit is the same in every key of the bucket.
///
/// The petition cube groups millions of items by small packed keys. A radix sort reads and writes
/// the keys a few times in order, where a hash table probes at random (a cache miss per item once
/// the table outgrows the cache) and a comparison sort needs log2(n) passes. The first pass is
/// on the most significant bits because the items arrive nearly in order of date, the top field
/// of the keys, so its writes stream; the buckets it makes are small enough to sort in cache.
enum RadixSort {
  private static let topBits = 11
  private static let maximumDigitBits = 11

  /// Sorts the keys `key(0)`, …, `key(count - 1)`, whose set bits all lie below bit
  /// `significantBits`, and calls `body` with each distinct key, in ascending order, and the
  /// number of times it occurs.
  ///
  /// Each key is computed twice, to count it and then to place it, so that the keys need no
  /// array before the sort: one array of `count` keys, and scratch space for the largest bucket.
  /// (Fresh memory costs a page fault per 4 KB when first written.) Inlined, so that `key` is
  /// too: it runs twice per key.
  @inline(__always)
  static func forEachRun<Key: FixedWidthInteger & UnsignedInteger>(
    count: Int, significantBits: Int, key: (Int) -> Key, _ body: (Key, Int) -> Void
  ) {
    guard count > 0 else { return }
    let topShift = max(0, significantBits - topBits)
    let passes = (topShift + maximumDigitBits - 1) / maximumDigitBits
    let digitBits = passes == 0 ? 0 : (topShift + passes - 1) / passes
    var starts = [Int](repeating: 0, count: (1 << topBits) + 1)
    // Every element is written by the placing pass.
    var sorted = [Key](unsafeUninitializedCapacity: count) { sorted, initialized in
      starts.withUnsafeMutableBufferPointer { starts in
        for index in 0..<count { starts[Int(truncatingIfNeeded: key(index) &>> topShift) &+ 1] &+= 1 }
        for digit in 1..<starts.count { starts[digit] &+= starts[digit - 1] }
        var next = Array(starts.dropLast())
        next.withUnsafeMutableBufferPointer { next in
          for index in 0..<count {
            let placed = key(index)
            let digit = Int(truncatingIfNeeded: placed &>> topShift)
            (sorted.baseAddress! + next[digit]).initialize(to: placed)
            next[digit] &+= 1
          }
        }
      }
      initialized = count
    }
    var largest = 0
    for digit in 0..<(starts.count - 1) { largest = max(largest, starts[digit + 1] - starts[digit]) }
    var scratch = [Key](repeating: 0, count: passes == 0 ? 0 : largest)
    var histograms = [Int](repeating: 0, count: passes << digitBits)
    sorted.withUnsafeMutableBufferPointer { sorted in
      scratch.withUnsafeMutableBufferPointer { scratch in
        histograms.withUnsafeMutableBufferPointer { histograms in
          for digit in 0..<(starts.count - 1) where starts[digit] < starts[digit + 1] {
            let bucket = UnsafeMutableBufferPointer(rebasing: sorted[starts[digit]..<starts[digit + 1]])
            if passes > 0 {
              sortBucket(
                bucket, scratch: scratch, passes: passes, digitBits: digitBits, histograms: histograms)
            }
            countRuns(bucket, body)
          }
        }
      }
    }
  }

  /// Sorts `bucket` on its low `passes` × `digitBits` bits (the bits above are equal), with
  /// `scratch` (at least as long) for the passes to write into.
  private static func sortBucket<Key: FixedWidthInteger & UnsignedInteger>(
    _ bucket: UnsafeMutableBufferPointer<Key>, scratch: UnsafeMutableBufferPointer<Key>, passes: Int,
    digitBits: Int, histograms: UnsafeMutableBufferPointer<Int>
  ) {
    let radix = 1 << digitBits
    let mask = radix - 1
    histograms.update(repeating: 0)
    for key in bucket {
      for pass in 0..<passes {
        histograms[pass &* radix &+ Int(truncatingIfNeeded: key &>> (pass &* digitBits)) & mask] &+= 1
      }
    }
    var (from, to) = (bucket, UnsafeMutableBufferPointer(rebasing: scratch[..<bucket.count]))
    for pass in 0..<passes {
      let shift = pass * digitBits
      let histogram = UnsafeMutableBufferPointer(rebasing: histograms[(pass * radix)..<((pass + 1) * radix)])
      if histogram[Int(truncatingIfNeeded: from[0] &>> shift) & mask] == from.count { continue }
      var total = 0
      for digit in 0..<radix {
        let digitCount = histogram[digit]
        histogram[digit] = total
        total &+= digitCount
      }
      for key in from {
        let digit = Int(truncatingIfNeeded: key &>> shift) & mask
        to[histogram[digit]] = key
        histogram[digit] &+= 1
      }
      swap(&from, &to)
    }
    if from.baseAddress != bucket.baseAddress { _ = bucket.update(fromContentsOf: from) }
  }

  /// Calls `body` with each distinct key of sorted `keys` and the number of times it occurs.
  private static func countRuns<Key: FixedWidthInteger & UnsignedInteger>(
    _ keys: UnsafeMutableBufferPointer<Key>, _ body: (Key, Int) -> Void
  ) {
    var index = 0
    while index < keys.count {
      let key = keys[index]
      var end = index + 1
      while end < keys.count && keys[end] == key { end += 1 }
      body(key, end - index)
      index = end
    }
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
