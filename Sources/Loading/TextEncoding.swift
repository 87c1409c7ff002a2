/// The encodings a data file may be in.
public enum TextEncoding: String, Sendable {
  case utf8 = "UTF-8"
  case utf8BOM = "UTF-8 (BOM)"
  /// GB18030 covers GBK and GB2312, what Excel on a Chinese Windows writes.
  case gb18030 = "GB18030"
}

/// Streaming validators for UTF-8 and GB18030, run side by side over a file's bytes so the
/// encoding is decided from the whole file in constant memory.
struct EncodingDetector {
  private var utf8 = UTF8Validator()
  private var gb = GB18030Validator()
  private var offset = 0
  private var line = 1
  private(set) var startsWithUTF8BOM = false
  private var sawFirstBytes = false

  /// Byte offset and line of the first invalid byte in each encoding (nil while valid).
  private(set) var utf8Failure: (offset: Int, line: Int)?
  private(set) var gbFailure: (offset: Int, line: Int)?

  mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) {
    if !sawFirstBytes, bytes.count > 0 {
      sawFirstBytes = true
      startsWithUTF8BOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
    }
    for byte in bytes {
      if utf8Failure == nil, !utf8.accept(byte) { utf8Failure = (offset, line) }
      if gbFailure == nil, !gb.accept(byte) { gbFailure = (offset, line) }
      if byte == 0x0A { line += 1 }
      offset += 1
      if utf8Failure != nil && gbFailure != nil { return }
    }
  }

  /// The decision at end of file: an encoding, or the line of the first bad byte in the
  /// encoding that decodes the longer prefix.
  mutating func finish() -> Result<TextEncoding, EncodingFailure> {
    if utf8Failure == nil, !utf8.isAtBoundary { utf8Failure = (offset, line) }
    if gbFailure == nil, !gb.isAtBoundary { gbFailure = (offset, line) }
    switch (utf8Failure, gbFailure) {
    case (nil, _): return .success(startsWithUTF8BOM ? .utf8BOM : .utf8)
    case (_, nil): return .success(.gb18030)
    case (let u?, let g?):
      return u.offset >= g.offset
        ? .failure(EncodingFailure(encoding: .utf8, line: u.line))
        : .failure(EncodingFailure(encoding: .gb18030, line: g.line))
    }
  }
}

/// A file valid in neither encoding: the encoding it was evidently meant to be in and the line
/// of the first byte that is invalid in it.
struct EncodingFailure: Error {
  let encoding: TextEncoding
  let line: Int
}

/// Strict UTF-8 (no overlong forms, no surrogates, nothing above U+10FFFF).
struct UTF8Validator {
  private var needed = 0
  private var lower: UInt8 = 0x80
  private var upper: UInt8 = 0xBF

  var isAtBoundary: Bool { needed == 0 }

  mutating func accept(_ byte: UInt8) -> Bool {
    if needed == 0 {
      switch byte {
      case 0x00...0x7F: return true
      case 0xC2...0xDF: needed = 1
      case 0xE0:
        needed = 2
        lower = 0xA0
      case 0xE1...0xEC, 0xEE...0xEF: needed = 2
      case 0xED:
        needed = 2
        upper = 0x9F
      case 0xF0:
        needed = 3
        lower = 0x90
      case 0xF1...0xF3: needed = 3
      case 0xF4:
        needed = 3
        upper = 0x8F
      default: return false
      }
      return true
    }
    guard byte >= lower && byte <= upper else { return false }
    lower = 0x80
    upper = 0xBF
    needed -= 1
    return true
  }
}

/// The byte structure of GB18030: ASCII; two bytes 81–FE + 40–7E/80–FE; four bytes
/// 81–FE + 30–39 + 81–FE + 30–39.
struct GB18030Validator {
  private var position = 0

  var isAtBoundary: Bool { position == 0 }

  mutating func accept(_ byte: UInt8) -> Bool {
    switch position {
    case 0:
      if byte <= 0x7F { return true }
      guard (0x81...0xFE).contains(byte) else { return false }
      position = 1
    case 1:
      if (0x40...0x7E).contains(byte) || (0x80...0xFE).contains(byte) {
        position = 0
      } else if (0x30...0x39).contains(byte) {
        position = 2
      } else {
        return false
      }
    case 2:
      guard (0x81...0xFE).contains(byte) else { return false }
      position = 3
    default:
      guard (0x30...0x39).contains(byte) else { return false }
      position = 0
    }
    return true
  }
}

/// Strict UTF-8 validation for the common case: runs of ASCII are skipped eight bytes at a time
/// and three-byte CJK sequences as a whole; only other multi-byte sequences go through the
/// byte-wise `UTF8Validator`.
struct FastUTF8Validator {
  private var validator = UTF8Validator()

  /// Whether `bytes` are whole, valid UTF-8.
  static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var validator = FastUTF8Validator()
    return validator.consume(bytes) && validator.isAtBoundary
  }

  var isAtBoundary: Bool { validator.isAtBoundary }

  /// False at the first invalid byte (the exact position is left to `EncodingDetector`).
  mutating func consume(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    let count = bytes.count
    let raw = UnsafeRawPointer(base)
    var index = 0
    while index < count {
      if validator.isAtBoundary {
        while index + 8 <= count,
          raw.loadUnaligned(fromByteOffset: index, as: UInt64.self) & 0x8080_8080_8080_8080 == 0
        {
          index += 8
        }
        while index < count && base[index] < 0x80 { index += 1 }
        if index == count { break }
        // A three-byte sequence with a lead byte that allows any continuation (E1–EC, EE–EF:
        // nearly every CJK character) is checked as a whole.
        if index + 3 <= count {
          let lead = base[index]
          if lead >= 0xE1 && lead <= 0xEF && lead != 0xED && base[index + 1] & 0xC0 == 0x80
            && base[index + 2] & 0xC0 == 0x80
          {
            index += 3
            continue
          }
        }
      }
      if !validator.accept(base[index]) { return false }
      index += 1
    }
    return true
  }
}
