/// A block's records after the fast path: items in the common shape, validated, with their
/// packed ids; every other record kept as text (with its line relative to the block) for the
/// general path, which reports its problems. Categories are numbered per block.
struct ParsedPetitionBlock: Sendable {
  /// One item in the common shape with its packed id; `WideKey.long(k)` points at `longIds[k]`
  /// (hash 0). One array, so that each row costs one append.
  struct Entry: Sendable {
    var item: PetitionItem
    var id: WideKey
    /// `id.hash`, computed on the parsing thread.
    var hash: UInt64
  }

  var entries: [Entry] = []
  var longIds: [[UInt8]] = []
  /// Names of the block's category numbers.
  var categories: [String] = []
  /// Records for the general path, each with the number of items that precede it.
  var generalRecords: [(itemsBefore: Int, record: CSVRecord)] = []
  /// Line feeds in the block (the next block starts that many lines further).
  var lineFeeds = 0
  /// Relative line of a quoted field left open at the end of the file.
  var unterminatedQuoteLine: Int?
  /// False when the block's bytes are not valid UTF-8 (the file was taken as UTF-8 from its
  /// first chunk; see `CSVFile.isProvisional`).
  var isValidUTF8 = true

  /// Empties the block, keeping its arrays' memory for the next block.
  mutating func empty() {
    entries.removeAll(keepingCapacity: true)
    longIds.removeAll(keepingCapacity: true)
    categories.removeAll(keepingCapacity: true)
    generalRecords.removeAll(keepingCapacity: true)
    lineFeeds = 0
    unterminatedQuoteLine = nil
    isValidUTF8 = true
  }
}
