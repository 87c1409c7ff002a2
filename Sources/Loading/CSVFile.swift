import Foundation

/// A CSV file read as a stream of records, after deciding its encoding and delimiter.
struct CSVFile {
  /// Why a file could not be read at all.
  enum ReadError: Error {
    case undecodable(EncodingFailure)
    case unterminatedQuote(line: Int)
    case io(String)
    /// The file starts with a UTF-16 byte-order mark (`FF FE` or `FE FF`).
    case utf16(bigEndian: Bool)
    /// The file's line ends are CR alone (classic Mac OS), which the contract does not accept.
    case carriageReturnsOnly
    /// The file has no bytes at all.
    case empty
  }

  let url: URL
  let encoding: TextEncoding
  let delimiter: UInt8
  /// True when `encoding` is UTF-8 judged from the first chunk only: the reader must check the
  /// rest (`DataLoader` does, block by block, and starts over with `provisional: false` if the
  /// file turns out not to be UTF-8).
  let isProvisional: Bool

  /// Decides the encoding from the whole file (a streaming validation pass) and the delimiter
  /// from the extension and the first non-blank line.
  ///
  /// The common case, a valid UTF-8 file, is decided by one fast UTF-8 pass (ASCII skipped a
  /// word at a time). Only a file that is not valid UTF-8 is read again by the two-encoding
  /// detector, which decides between GB18030 and the exact error.
  ///
  /// With `provisional`, a file whose first chunk is valid UTF-8 is taken as UTF-8 without
  /// reading the rest (`isProvisional`).
  static func open(_ url: URL, provisional: Bool = false) throws(ReadError) -> CSVFile {
    let encoding: TextEncoding
    var isProvisional = false
    do {
      try checkFirstBytes(url)
      if provisional, let utf8 = try fastUTF8(url, firstChunkOnly: true) {
        encoding = utf8
        isProvisional = true
      } else if let utf8 = try fastUTF8(url) {
        encoding = utf8
      } else {
        var detector = EncodingDetector()
        let chunks = try FileChunks(url: url)
        while let chunk = try chunks.next() {
          chunk.withUnsafeBytes { detector.consume($0.bindMemory(to: UInt8.self)) }
        }
        switch detector.finish() {
        case .success(let detected): encoding = detected
        case .failure(let failure): throw ReadError.undecodable(failure)
        }
      }
    } catch let error as ReadError {
      throw error
    } catch {
      throw .io(String(describing: error))
    }
    var delimiter = UInt8(ascii: ",")
    if url.pathExtension.lowercased() == "tsv" {
      delimiter = UInt8(ascii: "\t")
    } else {
      let header = firstNonBlankLine(url, encoding: encoding)
      if header.contains(UInt8(ascii: "\t")) && !header.contains(UInt8(ascii: ",")) {
        delimiter = UInt8(ascii: "\t")
      }
    }
    return CSVFile(url: url, encoding: encoding, delimiter: delimiter, isProvisional: isProvisional)
  }

  /// Refuses, from the first chunk, what no encoding check would name well: an empty file, a
  /// UTF-16 file (by its byte-order mark) and a file whose lines end in CR alone.
  private static func checkFirstBytes(_ url: URL) throws {
    guard let chunk = try FileChunks(url: url).next() else { throw ReadError.empty }
    if chunk.count >= 2 {
      let (first, second) = (chunk[chunk.startIndex], chunk[chunk.startIndex + 1])
      if first == 0xFF && second == 0xFE { throw ReadError.utf16(bigEndian: false) }
      if first == 0xFE && second == 0xFF { throw ReadError.utf16(bigEndian: true) }
    }
    // A CR followed by anything but LF, and no LF at all: the line ends are CR only.
    if !chunk.contains(UInt8(ascii: "\n")),
      let carriageReturn = chunk.firstIndex(of: UInt8(ascii: "\r")),
      carriageReturn + 1 < chunk.endIndex
    {
      throw ReadError.carriageReturnsOnly
    }
  }

  /// `.utf8` or `.utf8BOM` when the whole file is valid UTF-8, nil otherwise.
  private static func fastUTF8(_ url: URL, firstChunkOnly: Bool = false) throws -> TextEncoding? {
    var validator = FastUTF8Validator()
    var startsWithBOM: Bool?
    let chunks = try FileChunks(url: url)
    while let chunk = try chunks.next() {
      let valid = chunk.withUnsafeBytes { raw -> Bool in
        let bytes = raw.bindMemory(to: UInt8.self)
        if startsWithBOM == nil {
          startsWithBOM = bytes.count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        }
        return validator.consume(bytes)
      }
      if !valid { return nil }
      if firstChunkOnly { break }
    }
    guard firstChunkOnly || validator.isAtBoundary else { return nil }
    return startsWithBOM == true ? .utf8BOM : .utf8
  }

  /// Streams every record (blank ones included, so callers see exact line numbers).
  func forEachRecord(_ body: (CSVRecord) throws -> Void) throws {
    try forEachRawRecord { try body($0.record()) }
  }

  /// Streams every record as bytes (blank ones included, so callers see exact line numbers).
  func forEachRawRecord(_ body: (RawRecord) throws -> Void) throws {
    var parser = CSVParser(delimiter: delimiter)
    var atStart = true
    let transcoder = encoding == .gb18030 ? try GB18030Transcoder() : nil
    let chunks = try FileChunks(url: url)
    func feed(_ bytes: UnsafeBufferPointer<UInt8>) throws {
      var bytes = bytes
      if atStart {
        atStart = false
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
          bytes = UnsafeBufferPointer(rebasing: bytes[3...])
        }
      }
      try parser.feedRaw(bytes, emit: body)
    }
    while let chunk = try chunks.next() {
      if let transcoder {
        let utf8 = try transcoder.transcode(chunk)
        try utf8.withUnsafeBufferPointer { try feed($0) }
      } else {
        try chunk.withUnsafeBytes { try feed($0.bindMemory(to: UInt8.self)) }
      }
    }
    try transcoder?.finish()
    do {
      try parser.finishRaw(emit: body)
    } catch let error as CSVParser.UnterminatedQuote {
      throw ReadError.unterminatedQuote(line: error.line)
    }
  }

  /// The raw bytes of the first line with any non-space content (in UTF-8 or GB18030, both
  /// ASCII-transparent, so tabs and commas can be looked for directly).
  private static func firstNonBlankLine(_ url: URL, encoding: TextEncoding) -> [UInt8] {
    guard let chunks = try? FileChunks(url: url), let chunk = try? chunks.next() else { return [] }
    var start = chunk.startIndex
    while start < chunk.endIndex {
      let end = chunk[start...].firstIndex(of: UInt8(ascii: "\n")) ?? chunk.endIndex
      let line = chunk[start..<end]
      start = end + 1
      if line.isEmpty { continue }
      let content = line.filter { $0 != 0x20 && $0 != 0x0D && $0 != UInt8(ascii: ",") && $0 != 0x09 }
      if !content.isEmpty && !(content.count == 3 && content.starts(with: [0xEF, 0xBB, 0xBF])) {
        return Array(line)
      }
    }
    return []
  }
}
