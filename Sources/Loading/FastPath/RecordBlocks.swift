import Concurrency
import Dispatch
import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#endif

/// A run of whole CSV records cut from a UTF-8 file, so that it can be parsed on any thread.
/// Padded as `FastPath` rule 1 says.
struct RecordBlock: Sendable {
  /// Holds the block's bytes (and possibly more); hand it back with `RecordBlockReader.recycle`
  /// once the block is parsed.
  let buffer: ByteBuffer
  let count: Int
  /// True for the file's last block, which may end without a line feed (or inside a quote).
  let isLast: Bool

  /// Calls `body` with the block's bytes.
  func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    withExtendedLifetime(buffer) { body(UnsafeBufferPointer(start: buffer.base, count: count)) }
  }
}

/// Memory for the bytes of one block, owned by this object and freed with it. Blocks are
/// read into recycled buffers: memory the process has not touched costs a page fault per 4 KB
/// when first written, about 80,000 of them for a 337 MB file read into new buffers.
///
/// `FastPath.padding` zeroed bytes follow the capacity (`FastPath` rule 1).
final class ByteBuffer: @unchecked Sendable {
  let base: UnsafeMutablePointer<UInt8>
  let capacity: Int

  init(capacity: Int) {
    self.capacity = capacity
    base = .allocate(capacity: capacity + FastPath.padding)
    (base + capacity).initialize(repeating: 0, count: FastPath.padding)
  }

  deinit { base.deallocate() }
}

/// Cuts a UTF-8 CSV file into blocks of whole records, after its header. A block ends just after
/// a line feed that ends a record: the last line feed of the block when the block holds no
/// quote character, else where an exact `CSVParser` pass says the last record ended.
final class RecordBlockReader: Sendable {
  /// Bytes read per block by default (a block grows when one record is longer).
  /// 2 MB: measured against 1 and 4 MB at 1M petitions a year (alternating runs), 3–6 % faster
  /// than 4 MB, whose last blocks leave a core idle longer at the end of each file.
  static let defaultBlockSize = 2 << 20

  private let blockSize: Int
  private let descriptor: Int32
  private let delimiter: UInt8
  /// What `next` reads and cuts: only the thread that reads the blocks uses it.
  private struct State {
    var carry: [UInt8] = []
    var atEnd = false
  }
  private let state = Mutex(State())
  /// Buffers of parsed blocks, for the next blocks to be read into (shared by the files read
  /// one after another).
  private let spareBuffers: Recycler<ByteBuffer>
  /// The physical line of the first block's first byte (after the header); set by `init`.
  let firstLine: Int

  /// Opens `url` and skips a UTF-8 byte-order mark, blank lines and the header record.
  init(
    url: URL, delimiter: UInt8, blockSize: Int = RecordBlockReader.defaultBlockSize,
    buffers: Recycler<ByteBuffer> = Recycler()
  ) throws {
    self.blockSize = max(1, blockSize)
    spareBuffers = buffers
    descriptor = open(url.path, O_RDONLY)
    if descriptor < 0 { throw CocoaError(.fileReadNoSuchFile, userInfo: [NSFilePathErrorKey: url.path]) }
    self.delimiter = delimiter
    var state = State()
    firstLine = try Self.skipHeader(descriptor, delimiter: delimiter, blockSize: self.blockSize, &state)
    self.state.withLock { $0 = state }
  }

  deinit { close(descriptor) }

  /// The next block, or nil when the file is exhausted.
  func next() throws -> RecordBlock? {
    try state.withLock { state in
      while true {
        if state.carry.isEmpty && state.atEnd { return nil }
        // A record longer than a block is read on in doubling steps: each step parses the whole
        // carry again, so fixed steps would make a 50 MB cell quadratic.
        let target = state.carry.count + max(blockSize, state.carry.count)
        let buffer = takeBuffer(capacity: target)
        buffer.base.update(from: state.carry, count: state.carry.count)
        var filled = state.carry.count
        if !state.atEnd { filled = try Self.fill(buffer.base, from: filled, to: target, descriptor, &state) }
        let bytes = UnsafeBufferPointer(start: buffer.base, count: filled)
        if state.atEnd {
          state.carry = []
          return RecordBlock(buffer: buffer, count: filled, isLast: true)
        }
        let cut = Self.lastRecordEnd(in: bytes, delimiter: delimiter)
        if cut > 0 {
          state.carry = Array(bytes[cut...])
          return RecordBlock(buffer: buffer, count: cut, isLast: false)
        }
        // One record longer than the block: read on.
        state.carry = Array(bytes)
        recycle(buffer)
      }
    }
  }

  /// Hands back the buffer of a block that has been parsed (from any thread).
  func recycle(_ block: RecordBlock) { recycle(block.buffer) }

  private func recycle(_ buffer: ByteBuffer) { spareBuffers.give(buffer) }

  /// A spare buffer of at least `capacity` bytes, else a new one with room for the carried
  /// bytes of any block that follows (so that it can be used again).
  private func takeBuffer(capacity: Int) -> ByteBuffer {
    if let spare = spareBuffers.take(), spare.capacity >= capacity { return spare }
    return ByteBuffer(capacity: max(capacity, blockSize + blockSize / 8 + 4096))
  }

  /// Reads into `buffer` from offset `start` until it holds `target` bytes or the file ends;
  /// returns the bytes it holds.
  private static func fill(
    _ buffer: UnsafeMutablePointer<UInt8>, from start: Int, to target: Int, _ descriptor: Int32,
    _ state: inout State
  ) throws -> Int {
    var filled = start
    while filled < target {
      let got = read(descriptor, buffer + filled, target - filled)
      if got < 0 {
        if errno == EINTR { continue }
        throw CocoaError(.fileReadUnknown)
      }
      if got == 0 {
        state.atEnd = true
        break
      }
      filled += got
    }
    return filled
  }

  /// Drops the byte-order mark and every record up to and including the header (the first
  /// record that is not blank), counting lines; returns the line after the header.
  private static func skipHeader(
    _ descriptor: Int32, delimiter: UInt8, blockSize: Int, _ state: inout State
  ) throws -> Int {
    var parser = CSVParser(delimiter: delimiter)
    var strippedMark = false
    while true {
      if !state.atEnd {
        let start = state.carry.count
        let target = start + blockSize
        var grown = state.carry
        grown.append(contentsOf: repeatElement(0, count: blockSize))
        let filled = try grown.withUnsafeMutableBufferPointer {
          try fill($0.baseAddress!, from: start, to: target, descriptor, &state)
        }
        grown.removeLast(target - filled)
        state.carry = grown
      }
      if !strippedMark, state.carry.count >= 3 || state.atEnd {
        strippedMark = true
        if state.carry.starts(with: [0xEF, 0xBB, 0xBF]) { state.carry.removeFirst(3) }
      }
      parser = CSVParser(delimiter: delimiter)
      var headerEnd = 0
      struct FoundHeader: Error {}
      do {
        try state.carry.withUnsafeBufferPointer { bytes in
          try parser.feedRaw(bytes) { record in
            if record.isSurelyNotBlank || !record.record().isBlank { throw FoundHeader() }
          }
        }
      } catch is FoundHeader {
        headerEnd = parser.lastRecordEnd
      }
      if headerEnd > 0 {
        state.carry.removeFirst(headerEnd)
        return parser.line
      }
      if state.atEnd {
        // No line feed after the header (or no header): nothing to read.
        state.carry = []
        return 1
      }
    }
  }

  /// The offset just after the last complete record in `bytes` (0 when none ends in it).
  static func lastRecordEnd(in buffer: UnsafeBufferPointer<UInt8>, delimiter: UInt8) -> Int {
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
