import Dispatch
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A run of whole CSV records cut from a UTF-8 file, so that it can be parsed on any thread.
struct RecordBlock: Sendable {
  var bytes: [UInt8]
  /// True for the file's last block, which may end without a line feed (or inside a quote).
  let isLast: Bool
}

/// Cuts a UTF-8 CSV file into blocks of whole records, after its header. A block ends just after
/// a line feed that ends a record: the last line feed of the block when the block holds no
/// quote character, else where an exact `CSVParser` pass says the last record ended.
final class RecordBlockReader {
  /// Bytes read per block by default (a block grows when one record is longer).
  static let defaultBlockSize = 4 << 20

  private let blockSize: Int
  private let descriptor: Int32
  private let delimiter: UInt8
  private var carry: [UInt8] = []
  private var atEnd = false
  /// The physical line of the first block's first byte (after the header); set by `init`.
  private(set) var firstLine = 1

  /// Opens `url` and skips a UTF-8 byte-order mark, blank lines and the header record.
  init(url: URL, delimiter: UInt8, blockSize: Int = RecordBlockReader.defaultBlockSize) throws {
    self.blockSize = max(1, blockSize)
    descriptor = open(url.path, O_RDONLY)
    if descriptor < 0 { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path]) }
    self.delimiter = delimiter
    try skipHeader()
  }

  deinit { close(descriptor) }

  /// The next block, or nil when the file is exhausted.
  func next() throws -> RecordBlock? {
    while true {
      if carry.isEmpty && atEnd { return nil }
      // Read into a new buffer after the carried bytes (no zero fill, no second copy).
      var buffer = carry
      if !atEnd { try fill(&buffer, to: carry.count + blockSize) }
      if atEnd {
        carry = []
        return RecordBlock(bytes: buffer, isLast: true)
      }
      let cut = Self.lastRecordEnd(in: buffer, delimiter: delimiter)
      if cut > 0 {
        carry = Array(buffer[cut...])
        buffer.removeLast(buffer.count - cut)
        return RecordBlock(bytes: buffer, isLast: false)
      }
      // One record longer than the block: read on.
      carry = buffer
    }
  }

  /// Reads into `buffer` until it holds `target` bytes or the file ends (the buffer is made
  /// anew with room for `target` bytes, and only the bytes read are written).
  private func fill(_ buffer: inout [UInt8], to target: Int) throws {
    let descriptor = self.descriptor
    var readError: Int32 = 0
    var reachedEnd = false
    let grown = [UInt8](unsafeUninitializedCapacity: max(target, buffer.count)) { storage, initialized in
      var filled = buffer.withUnsafeBufferPointer { storage.initialize(fromContentsOf: $0) }
      while filled < target {
        let got = read(descriptor, storage.baseAddress! + filled, target - filled)
        if got < 0 {
          if errno == EINTR { continue }
          readError = errno
          break
        }
        if got == 0 {
          reachedEnd = true
          break
        }
        filled += got
      }
      initialized = filled
    }
    if readError != 0 { throw CocoaError(.fileReadUnknown) }
    if reachedEnd { atEnd = true }
    buffer = grown
  }

  /// Drops the byte-order mark and every record up to and including the header (the first
  /// record that is not blank), counting lines.
  private func skipHeader() throws {
    var parser = CSVParser(delimiter: delimiter)
    var strippedMark = false
    while true {
      if !atEnd { try fill(&carry, to: carry.count + blockSize) }
      if !strippedMark, carry.count >= 3 || atEnd {
        strippedMark = true
        if carry.starts(with: [0xEF, 0xBB, 0xBF]) { carry.removeFirst(3) }
      }
      parser = CSVParser(delimiter: delimiter)
      var headerEnd = 0
      struct FoundHeader: Error {}
      do {
        try carry.withUnsafeBufferPointer { bytes in
          try parser.feedRaw(bytes) { record in
            if record.isSurelyNotBlank || !record.record().isBlank { throw FoundHeader() }
          }
        }
      } catch is FoundHeader {
        headerEnd = parser.lastRecordEnd
      }
      if headerEnd > 0 {
        firstLine = parser.line
        carry.removeFirst(headerEnd)
        return
      }
      if atEnd {
        // No line feed after the header (or no header): nothing to read.
        carry = []
        return
      }
    }
  }

  /// The offset just after the last complete record in `bytes` (0 when none ends in it).
  static func lastRecordEnd(in bytes: [UInt8], delimiter: UInt8) -> Int {
    bytes.withUnsafeBufferPointer { buffer in
      guard let base = buffer.baseAddress, !buffer.isEmpty else { return 0 }
      if memchr(base, Int32(UInt8(ascii: "\"")), buffer.count) == nil {
        var end = buffer.count
        while end > 0 && buffer[end - 1] != UInt8(ascii: "\n") { end -= 1 }
        return end
      }
      var parser = CSVParser(delimiter: delimiter)
      parser.feedRaw(buffer) { _ in }
      return parser.lastRecordEnd
    }
  }
}

/// Runs `transform` on each input on the global concurrent queue, at most `window` at a time,
/// and hands the outputs to `consume` in input order on the calling thread, while later inputs
/// are still being transformed.
func orderedParallelMap<Input: Sendable, Output: Sendable>(
  window: Int, next: () throws -> Input?, transform: @escaping @Sendable (Input) -> Output,
  consume: (Output) throws -> Void
) throws {
  var pending: [ParallelSlot<Output>] = []
  var pendingStart = 0
  func consumeOldest() throws {
    let slot = pending[pendingStart]
    pendingStart += 1
    slot.done.wait()
    try consume(slot.output!)
    if pendingStart > 64 {
      pending.removeFirst(pendingStart)
      pendingStart = 0
    }
  }
  do {
    while let input = try next() {
      if pending.count - pendingStart >= window { try consumeOldest() }
      let slot = ParallelSlot<Output>()
      pending.append(slot)
      DispatchQueue.global().async {
        slot.output = transform(input)
        slot.done.signal()
      }
    }
    while pendingStart < pending.count { try consumeOldest() }
  } catch {
    // Let the work already started finish before its inputs go away.
    for slot in pending[pendingStart...] { slot.done.wait() }
    throw error
  }
}

/// Runs `background` on another thread while `foreground` runs on this one; returns both results.
func alongside<Background: Sendable, Foreground>(
  _ background: @escaping @Sendable () -> Background, with foreground: () -> Foreground
) -> (Background, Foreground) {
  let slot = ParallelSlot<Background>()
  DispatchQueue.global().async {
    slot.output = background()
    slot.done.signal()
  }
  let foregroundResult = foreground()
  slot.done.wait()
  return (slot.output!, foregroundResult)
}

/// One input's output in `orderedParallelMap` or `alongside`, handed from the worker to the consumer: the
/// worker writes `output` before signalling, the consumer reads it only after waiting.
private final class ParallelSlot<Output>: @unchecked Sendable {
  var output: Output?
  let done = DispatchSemaphore(value: 0)
}
