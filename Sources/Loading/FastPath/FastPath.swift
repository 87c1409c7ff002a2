/// The loading fast path: everything in this folder reads memory through unsafe pointers, to
/// read petition exports at the speed of the disk. This comment is the one statement of the
/// rules those pointers rely on; the types here refer to it instead of repeating it.
///
/// 1. **Padding.** Every block of file bytes (`RecordBlock`, in a `ByteBuffer`) is followed by
///    at least `FastPath.padding` (16) readable, initialised bytes. So a scan may load a whole
///    8-byte word at any offset before the block's end (`LineCells` finds delimiters eight bytes
///    at a time and may read past the line), and a cell may be loaded as two words from its
///    first byte (`WideKey.words(of:readableEnd:)`, `WideKey.packing(_:readableEnd:)`), the
///    bytes past the cell masked off. Such code takes a `readableEnd` (block end + padding) and
///    never loads at or beyond it; given `readableEnd: nil` (bytes that are not in a padded
///    block, such as a transcoded GB18030 record), it loads only the cell's own bytes.
/// 2. **Lifetime.** A `RawRecord`, a `LineCells` and every cell pointer are valid only inside
///    the call that hands them out (the parser's buffer, or a block kept alive by
///    `RecordBlock.withBytes`); a block's buffer is recycled only after its parse has returned.
///    Nothing that outlives a block points into it: ids longer than 16 bytes and every record
///    sent to the general path are copied out.
/// 3. **Same outcome.** The fast path decides only rows in the common shape (interned values,
///    exact ISO dates, plain counts), exactly as the general path (`PetitionsReader.read`)
///    would; any other row is handed to the general path, which reports its problems. So the
///    tables and diagnostics must not depend on which path read a row:
///    `LoadOptions.forcesGeneralPath` reads everything through the general path, and
///    `GeneralPathEquivalenceTests` compare the two on seeded clean and messy folders.
/// 4. **Hash tables** (`WideKeyTable`, `ByteKeyedTable`) and the radix sort (`RadixSort`) index
///    arrays through unchecked buffer pointers; their indices are masked to the table size or
///    bounded by counts computed in the same pass.
enum FastPath {
  /// Readable bytes after every block's end (rule 1).
  static let padding = 16
}
