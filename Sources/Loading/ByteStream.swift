import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Reads a file in fixed-size chunks; the whole file is never held in memory.
final class FileChunks {
  static let chunkSize = 1 << 20
  private let handle: FileHandle

  init(url: URL) throws {
    handle = try FileHandle(forReadingFrom: url)
  }

  deinit { try? handle.close() }

  /// The next chunk, or nil at end of file.
  func next() throws -> Data? {
    let data = try handle.read(upToCount: FileChunks.chunkSize) ?? Data()
    return data.isEmpty ? nil : data
  }
}

/// Converts GB18030 to UTF-8 chunk by chunk with glibc's iconv, carrying an incomplete
/// multi-byte sequence over to the next chunk. Owns the iconv descriptor.
final class GB18030Transcoder {
  private let descriptor: iconv_t
  private var pending: [UInt8] = []

  init() throws {
    let cd = iconv_open("UTF-8", "GB18030")
    guard let cd, cd != iconv_t(bitPattern: -1) else {
      throw TranscodingError(message: "this system's iconv cannot decode GB18030")
    }
    descriptor = cd
  }

  deinit { iconv_close(descriptor) }

  /// Transcodes `input` (plus bytes left over from the previous call) to UTF-8.
  func transcode(_ input: Data) throws -> [UInt8] {
    var source = pending
    source.append(contentsOf: input)
    pending = []
    var output = [UInt8](repeating: 0, count: source.count * 2 + 16)
    var consumed = 0
    var produced = 0
    try source.withUnsafeMutableBytes { (sourceBuffer: UnsafeMutableRawBufferPointer) in
      try output.withUnsafeMutableBytes { (outputBuffer: UnsafeMutableRawBufferPointer) in
        var inPointer: UnsafeMutablePointer<CChar>? = sourceBuffer.baseAddress?
          .assumingMemoryBound(to: CChar.self)
        var inLeft = sourceBuffer.count
        var outPointer: UnsafeMutablePointer<CChar>? = outputBuffer.baseAddress?
          .assumingMemoryBound(to: CChar.self)
        var outLeft = outputBuffer.count
        let result = iconv(descriptor, &inPointer, &inLeft, &outPointer, &outLeft)
        consumed = sourceBuffer.count - inLeft
        produced = outputBuffer.count - outLeft
        if result == -1 && errno != EINVAL {
          throw TranscodingError(message: "invalid GB18030 byte sequence")
        }
      }
    }
    pending = Array(source[consumed...])
    return Array(output[..<produced])
  }

  /// Throws if the file ended inside a multi-byte sequence.
  func finish() throws {
    if !pending.isEmpty { throw TranscodingError(message: "file ends inside a GB18030 character") }
  }
}

struct TranscodingError: Error {
  let message: String
}
