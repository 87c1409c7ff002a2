import Foundation

/// Writes one UTF-8 CSV file through a 1 MiB buffer: rows are appended as bytes and flushed to
/// a `FileHandle` in chunks, so a file of millions of rows never exists as one String.
/// Values are written unquoted; the generator never produces commas, quotes or line breaks.
final class CSVFileWriter {
  private static let chunkSize = 1 << 20
  let path: String
  private let handle: FileHandle
  private var buffer: [UInt8] = []
  private var flushedBytes = 0
  private(set) var rowCount = 0

  /// Creates (or truncates) `directory/path`, creating sub-folders as needed.
  init(directory: URL, path: String, byteOrderMark: Bool = false) throws {
    self.path = path
    let url = directory.appending(path: path)
    do {
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      guard FileManager.default.createFile(atPath: url.path, contents: nil) else {
        throw SampleError.cannotWrite(path: url.path, reason: "cannot create the file")
      }
      handle = try FileHandle(forWritingTo: url)
    } catch let error as SampleError {
      throw error
    } catch {
      throw SampleError.cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    buffer.reserveCapacity(CSVFileWriter.chunkSize + 4096)
    if byteOrderMark { buffer.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
  }

  /// Writes the header row (not counted as a data row).
  func writeHeader(_ names: [String]) throws {
    writeFields(names)
    buffer.append(0x0A)
    try flushIfFull()
  }

  /// Writes a data row of text fields.
  func writeRow(_ fields: [String]) throws {
    writeFields(fields)
    try endRow()
  }

  private func writeFields(_ fields: [String]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { buffer.append(0x2C) }
      buffer.append(contentsOf: field.utf8)
    }
  }

  // MARK: Building a row field by field (the petition writer's fast path).

  func append(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }

  func append(_ bytes: ArraySlice<UInt8>) { buffer.append(contentsOf: bytes) }

  func comma() { buffer.append(0x2C) }

  /// A decimal integer, zero-padded to at least `minimumDigits` digits.
  func appendInteger(_ value: Int, minimumDigits: Int = 1) {
    if value < 0 { buffer.append(0x2D) }
    var magnitude = value.magnitude
    var digits = 1
    var probe = magnitude / 10
    while probe > 0 {
      digits += 1
      probe /= 10
    }
    digits = max(digits, minimumDigits)
    var divisor: UInt = 1
    for _ in 1..<digits { divisor *= 10 }
    while divisor > 0 {
      buffer.append(0x30 + UInt8(magnitude / divisor))
      magnitude %= divisor
      divisor /= 10
    }
  }

  /// Ends a data row.
  func endRow() throws {
    buffer.append(0x0A)
    rowCount += 1
    try flushIfFull()
  }

  private func flushIfFull() throws {
    if buffer.count >= CSVFileWriter.chunkSize { try flush() }
  }

  private func flush() throws {
    guard !buffer.isEmpty else { return }
    do {
      try handle.write(contentsOf: buffer)
    } catch {
      throw SampleError.cannotWrite(path: path, reason: error.localizedDescription)
    }
    flushedBytes += buffer.count
    buffer.removeAll(keepingCapacity: true)
  }

  /// Flushes and closes the file; returns what was written.
  func close() throws -> SampleFile {
    try flush()
    do {
      try handle.close()
    } catch {
      throw SampleError.cannotWrite(path: path, reason: error.localizedDescription)
    }
    return SampleFile(path: path, byteCount: flushedBytes, rowCount: rowCount)
  }
}
