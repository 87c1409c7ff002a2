/// The cells of one line without quotes or carriage returns: each delimiter ends a cell, and
/// delimiters are found eight bytes at a time. A line of n delimiters has n + 1 cells (the
/// empty line has one empty cell).
struct LineCells {
  private let base: UnsafeRawPointer
  private let lineEnd: Int
  /// The end of the padding that follows the block.
  let readableEnd: UnsafeRawPointer
  private let delimiters: UInt64
  private var index: Int
  private var isDone = false

  /// The cells of `line` (offsets into `block`, without its line feed). The block must be padded
  /// (`FastPath` rule 1): words are loaded up to the line's end.
  init(block: UnsafeBufferPointer<UInt8>, line: Range<Int>, delimiter: UInt8) {
    base = UnsafeRawPointer(block.baseAddress!)
    readableEnd = base + block.count + FastPath.padding
    lineEnd = line.upperBound
    delimiters = UInt64(delimiter) &* 0x0101_0101_0101_0101
    index = line.lowerBound
  }

  /// The next cell's bytes, or nil after the last cell.
  @inline(__always)
  mutating func next() -> UnsafeBufferPointer<UInt8>? {
    if isDone { return nil }
    let start = index
    var stop = index
    // Wrapping arithmetic: every offset lies within the block. A word may reach past the line
    // (a delimiter there means that the cell ends at the line's end).
    while stop < lineEnd {
      let matches =
        UInt64(littleEndian: base.loadUnaligned(fromByteOffset: stop, as: UInt64.self)) ^ delimiters
      // The lowest flagged byte is the first delimiter (flags above it may be false).
      let flags = (matches &- 0x0101_0101_0101_0101) & ~matches & 0x8080_8080_8080_8080
      if flags != 0 {
        stop &+= flags.trailingZeroBitCount &>> 3
        break
      }
      stop &+= 8
    }
    if stop >= lineEnd {
      stop = lineEnd
      isDone = true
    } else {
      index = stop &+ 1
    }
    return UnsafeBufferPointer(start: base.assumingMemoryBound(to: UInt8.self) + start, count: stop &- start)
  }
}
