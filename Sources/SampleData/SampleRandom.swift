/// The generator's own pseudo-random numbers: xoshiro256** seeded through SplitMix64.
///
/// Only integer operations, `+ - * /` and `sqrt` on doubles are used, so the same seed and stream
/// give the same numbers on every platform and Swift version (the standard library's
/// `random(in:using:)` algorithms are not promised to stay the same).
struct SampleRandom {
  private var s0: UInt64
  private var s1: UInt64
  private var s2: UInt64
  private var s3: UInt64

  /// A generator for one independent stream (one dataset, one year) of a seed.
  init(seed: UInt64, stream: UInt64) {
    var state = seed ^ (stream &* 0xD1B5_4A32_D192_ED03)
    func splitMix() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    s0 = splitMix()
    s1 = splitMix()
    s2 = splitMix()
    s3 = splitMix()
  }

  /// A stream number made from a name and an index, so that datasets draw independently.
  static func stream(_ name: String, _ index: Int = 0) -> UInt64 {
    var hash: UInt64 = 0xCBF2_9CE4_8422_2325  // FNV-1a
    for byte in name.utf8 {
      hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }
    return hash ^ UInt64(bitPattern: Int64(index))
  }

  mutating func next() -> UInt64 {
    let result = ((s1 &* 5) << 7 | (s1 &* 5) >> 57) &* 9
    let t = s1 << 17
    s2 ^= s0
    s3 ^= s1
    s1 ^= s2
    s0 ^= s3
    s2 ^= t
    s3 = s3 << 45 | s3 >> 19
    return result
  }

  /// Uniform in [0, 1).
  mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// Uniform in 0..<bound (multiply-high; the bias is below 2^-40 for our bounds).
  mutating func int(below bound: Int) -> Int {
    precondition(bound > 0)
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// Uniform in the range.
  mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + int(below: range.upperBound - range.lowerBound + 1)
  }

  mutating func chance(_ probability: Double) -> Bool {
    unit() < probability
  }

  /// Approximately standard normal (Irwin–Hall sum of 12 uniforms), within ±6.
  mutating func normal() -> Double {
    var sum = 0.0
    var count = 0
    while count < 12 {  // a plain loop: this runs several times per row, even in debug builds
      sum += unit()
      count += 1
    }
    return sum - 6
  }

  /// A count around `mean` with Poisson-like spread plus relative noise, never negative.
  mutating func count(mean: Double, relativeNoise: Double = 0) -> Int {
    guard mean > 0 else { return 0 }
    let value = mean * (1 + relativeNoise * normal()) + mean.squareRoot() * normal()
    return max(0, Int(value.rounded()))
  }

  /// Fisher–Yates shuffle.
  mutating func shuffle<T>(_ array: inout [T]) {
    guard array.count > 1 else { return }
    for i in stride(from: array.count - 1, to: 0, by: -1) {
      array.swapAt(i, int(below: i + 1))
    }
  }
}

/// A discrete distribution over 0..<weights.count, picked by one uniform draw.
struct WeightedChoice {
  private let cumulative: [Double]

  init(_ weights: [Double]) {
    precondition(!weights.isEmpty && weights.allSatisfy { $0 >= 0 })
    let total = weights.reduce(0, +)
    var running = 0.0
    cumulative = weights.map {
      running += $0
      return running / total
    }
  }

  func pick(_ random: inout SampleRandom) -> Int {
    let u = random.unit()
    var index = 0
    while index < cumulative.count - 1 && u >= cumulative[index] { index += 1 }
    return index
  }
}
