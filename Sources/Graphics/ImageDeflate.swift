import CCairoPango

/// A zlib stream of PNG scanlines, compressed by looking only where charts repeat themselves: the
/// row above (distance = one row) and the pixel to the left (distance = one pixel).
///
/// Why not zlib: at its fastest level, zlib's general match finder spent a sixth of all the
/// instructions of a sample bulletin on the five 1600×900 chart PNGs (about 12 ms each). A chart
/// is flat colour, gridlines and bars: half its rows equal the row above, and most of the rest
/// are runs of one pixel. Trying exactly those two matches at each position takes a few
/// milliseconds per chart, and the files stay small (antialiased text is stored as literals).
///
/// Measured again against zlib set up for such images (`deflateInit2` level 6, strategy `Z_RLE`,
/// every row filtered `Up`, so that a row equal to the one above is a run of zeros): the sample
/// bulletin's five charts (sample-data, 2024-10), release build, encoding alone, median of 15, 25
/// and 25 repeats in three runs of `minsheng bench --data sample-data --render-repeats N` on the
/// shared 2-core machine: this encoder 30, 25 and 35 ms for the five (5–7 ms a chart), zlib 71,
/// 66 and 87 ms (13–17 ms a chart), 2.4–2.6 times as long. zlib's files were 4 % smaller in all
/// (609,992 bytes against 636,765; per chart from 21 % smaller to 37 % larger). Far beyond the
/// 10 % that would justify the code, so this encoder stays.
///
/// The stream is standard: zlib header, one final deflate block with the fixed Huffman codes of
/// RFC 1951 §3.2.6, Adler-32 of the scanlines; any PNG reader decodes it.
enum ImageDeflate {
  /// The zlib stream of `data` (`rows` scanlines of `rowBytes` bytes each, filter byte first);
  /// `pixelBytes` is the distance to the same channel of the pixel to the left.
  static func compress(_ data: UnsafeBufferPointer<UInt8>, rowBytes: Int, pixelBytes: Int) -> [UInt8] {
    var writer = BitWriter(capacity: data.count / 8 + 1024)
    writer.bytes += [0x78, 0x01]  // deflate, 32 KB window, fastest; (0x7801 % 31 == 0)
    writer.write(0b011, bits: 3)  // BFINAL = 1, BTYPE = 01 (fixed Huffman codes)
    let count = data.count
    let base = data.baseAddress!
    // Deflate reaches back at most 32 KB: rows wider than that are matched only to the left.
    let above = rowBytes <= 32768 ? rowBytes : Int.max
    var index = 0
    while index < count {
      let limit = min(258, count - index)
      var length = 0
      var distance = 0
      if index >= above {
        length = matchLength(base + index, base + index - above, limit: limit)
        distance = above
      }
      if length < limit, index >= pixelBytes {
        let left = matchLength(base + index, base + index - pixelBytes, limit: limit)
        if left > length {
          length = left
          distance = pixelBytes
        }
      }
      if length >= 3 {
        writer.writeMatch(length: length, distance: distance)
        index += length
      } else {
        writer.writeLiteral(base[index])
        index += 1
      }
    }
    writer.writeSymbol(256)  // end of block
    writer.flush()
    let adler = UInt32(adler32_z(1, base, count))
    writer.bytes += [
      UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF),
    ]
    return writer.bytes
  }

  /// How many bytes from `a` equal those from `b` (b before a; the ranges may overlap, as a
  /// deflate match may), up to `limit`.
  @inline(__always)
  private static func matchLength(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, limit: Int) -> Int {
    var length = 0
    // Eight bytes at a time while whole words fit, then byte by byte.
    while length + 8 <= limit {
      let x = UnsafeRawPointer(a + length).loadUnaligned(as: UInt64.self)
      let y = UnsafeRawPointer(b + length).loadUnaligned(as: UInt64.self)
      if x != y { return length + (x ^ y).trailingZeroBitCount / 8 }
      length += 8
    }
    while length < limit, a[length] == b[length] { length += 1 }
    return length
  }

  /// Deflate's bit order: values least significant bit first, Huffman codes most significant
  /// bit first (so they are stored reversed).
  private struct BitWriter {
    var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var filled = 0

    init(capacity: Int) { bytes.reserveCapacity(capacity) }

    @inline(__always)
    mutating func write(_ value: UInt32, bits: Int) {
      buffer |= UInt64(value) << UInt64(filled)
      filled += bits
      if filled >= 32 {
        let word = UInt32(truncatingIfNeeded: buffer)
        bytes.append(UInt8(truncatingIfNeeded: word))
        bytes.append(UInt8(truncatingIfNeeded: word >> 8))
        bytes.append(UInt8(truncatingIfNeeded: word >> 16))
        bytes.append(UInt8(truncatingIfNeeded: word >> 24))
        buffer >>= 32
        filled -= 32
      }
    }

    @inline(__always)
    mutating func writeSymbol(_ symbol: Int) {
      let code = FixedCodes.literalLength[symbol]
      write(UInt32(code.reversed), bits: Int(code.length))
    }

    @inline(__always)
    mutating func writeLiteral(_ byte: UInt8) { writeSymbol(Int(byte)) }

    mutating func writeMatch(length: Int, distance: Int) {
      let lengthCode = FixedCodes.lengths[length]
      writeSymbol(Int(lengthCode.symbol))
      if lengthCode.extraBits > 0 { write(UInt32(lengthCode.extra), bits: Int(lengthCode.extraBits)) }
      let (symbol, extraBits, extra) = FixedCodes.distance(distance)
      write(UInt32(FixedCodes.reversed(UInt32(symbol), bits: 5)), bits: 5)
      if extraBits > 0 { write(UInt32(extra), bits: extraBits) }
    }

    /// Writes out the last partial byte.
    mutating func flush() {
      while filled > 0 {
        bytes.append(UInt8(truncatingIfNeeded: buffer))
        buffer >>= 8
        filled = max(0, filled - 8)
      }
    }
  }

  /// The fixed Huffman codes and the length and distance tables of RFC 1951 §3.2.5–3.2.6.
  private enum FixedCodes {
    struct Code {
      let reversed: UInt16
      let length: UInt8
    }

    struct LengthCode {
      let symbol: UInt16
      let extraBits: UInt8
      let extra: UInt16
    }

    /// Codes of the literal/length symbols 0…287, bit-reversed for writing.
    static let literalLength: [Code] = (0..<288).map { symbol -> Code in
      let (code, bits): (UInt32, Int) =
        switch symbol {
        case 0...143: (0x30 + UInt32(symbol), 8)
        case 144...255: (0x190 + UInt32(symbol - 144), 9)
        case 256...279: (UInt32(symbol - 256), 7)
        default: (0xC0 + UInt32(symbol - 280), 8)
        }
      return Code(reversed: UInt16(reversed(code, bits: bits)), length: UInt8(bits))
    }

    /// Base lengths of the length symbols 257…285, and their extra bits.
    private static let lengthBases: [(base: Int, extraBits: Int)] = [
      (3, 0), (4, 0), (5, 0), (6, 0), (7, 0), (8, 0), (9, 0), (10, 0), (11, 1), (13, 1), (15, 1), (17, 1),
      (19, 2), (23, 2), (27, 2), (31, 2), (35, 3), (43, 3), (51, 3), (59, 3), (67, 4), (83, 4), (99, 4),
      (115, 4), (131, 5), (163, 5), (195, 5), (227, 5), (258, 0),
    ]

    /// The symbol and extra bits of every match length 0…258 (entries below 3 are unused).
    static let lengths: [LengthCode] = (0...258).map { length -> LengthCode in
      guard length >= 3 else { return LengthCode(symbol: 0, extraBits: 0, extra: 0) }
      let index = lengthBases.lastIndex { $0.base <= length }!
      let (base, extraBits) = lengthBases[index]
      return LengthCode(
        symbol: UInt16(257 + index), extraBits: UInt8(extraBits), extra: UInt16(length - base))
    }

    /// The distance symbol (0…29), its extra bits and their value, for a distance 1…32768.
    static func distance(_ distance: Int) -> (symbol: Int, extraBits: Int, extra: Int) {
      if distance <= 4 { return (distance - 1, 0, 0) }
      // Symbols come in pairs per power of two: 5–6, 7–8 (1 extra bit), 9–12, 13–16 (2), …
      let extraBits = (Int.bitWidth - (distance - 1).leadingZeroBitCount) - 2
      let half = ((distance - 1) >> extraBits) & 1
      let symbol = 2 * extraBits + 2 + half
      let base = (2 + half) << extraBits
      return (symbol, extraBits, distance - 1 - base)
    }

    static func reversed(_ code: UInt32, bits: Int) -> UInt32 {
      var result: UInt32 = 0
      for bit in 0..<bits where code & (1 << UInt32(bit)) != 0 { result |= 1 << UInt32(bits - 1 - bit) }
      return result
    }
  }
}
