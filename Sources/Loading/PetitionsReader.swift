import Concurrency
import Tables
import TextRules

/// Reads petition items from any number of (overlapping) exports, keeps the latest occurrence
/// of each id, and aggregates the survivors into the petition cube.
struct PetitionsReader {
  let codes: PetitionCodes
  let dictionary: HeaderDictionary
  let resolver: RegionResolver
  let unknownRegions = UnknownRegionTally()
  /// Distinct ids; entry i's item is `items[i]`.
  private var ids: PetitionIdTable
  private var items: [PetitionItem] = []
  private var categoryIndex: [String: Int32] = [:]
  private var categories: [String] = []
  /// Items replaced by a later occurrence of the same id.
  private(set) var replaced = 0
  private(set) var replacedByFile: [String: Int] = [:]
  /// Where `merge` leaves the values of its prefetching loads (see `WideKeyTable.touch`).
  private var prefetchSink: UInt32 = 0
  /// Memory of blocks already parsed and merged, for the next blocks of any file.
  let spareBuffers = Recycler<ByteBuffer>()
  let mergedBlocks = Recycler<ParsedPetitionBlock>()

  /// `expectedRows` (an upper estimate of the records to read) sizes the id table: its slots
  /// for half as many distinct ids (they grow if needed), its key and item arrays reserved for
  /// all of them (pages never written take no memory, and a reserved array is not copied).
  init(dictionary: HeaderDictionary, resolver: RegionResolver, expectedRows: Int = 0) {
    self.dictionary = dictionary
    self.resolver = resolver
    codes = PetitionCodes(dictionary: dictionary, regions: resolver.names)
    ids = PetitionIdTable(expectedCount: expectedRows / 2, reservedCount: expectedRows)
    items.reserveCapacity(expectedRows)
  }

  /// Reads one record through the general path: every problem reported, row by row.
  mutating func read(_ record: CSVRecord, context: FileContext) {
    var row = RowReader(context: context, record: record)
    let id = row.cell("id").map(TextNormalization.trimmed) ?? ""
    if id.isEmpty { row.problem("id", "required value is empty") }
    let received = row.required("received", ValueParsing.date)
    let channel = row.coded("channel", "channel", dictionary: dictionary)
    if channel == nil, row.cell("channel").map(TextNormalization.trimmed)?.isEmpty ?? true {
      row.problem("channel", "required value is empty")
    }
    let region = resolveRegion(&row)
    let category = row.cell("category").map(TextNormalization.trimmed) ?? ""
    if category.isEmpty { row.problem("category", "required value is empty") }
    if let problem = FreeText.problem(category) { row.problem("category", problem) }
    var persons = 1
    if let value = row.value("persons", ValueParsing.number) {
      if !value.isWholeNumber || value < FixedPoint(1) {
        row.problem("persons", "persons must be a whole number >= 1, got '\(value)'")
      } else if value > FixedPoint(Int(Int32.max)) {
        // Items keep 人数 in 32 bits: a larger count is refused, never clamped.
        row.problem("persons", "\(value) persons is too large (at most 2,147,483,647)")
      } else {
        persons = Int(value.scaled / FixedPoint.scale)
      }
    }
    let level = row.coded("level", "level", dictionary: dictionary) ?? "local"
    let isRepeat = row.coded("repeat", "yes_no", dictionary: dictionary) == "yes"
    let accepted = row.value("accepted", ValueParsing.date)
    let closed = row.value("closed", ValueParsing.date)
    if let received, let accepted, accepted < received {
      row.problem("accepted", "accepted \(accepted) is before received \(received)")
    }
    if let received, let closed {
      let start = accepted ?? received
      if closed < start {
        row.problem(
          "closed", "closed \(closed) is before \(accepted == nil ? "received" : "accepted") \(start)")
      }
    }
    let satisfaction = row.coded("satisfaction", "satisfaction", dictionary: dictionary) ?? "not_evaluated"
    guard row.finish(), let received, let channel, let region else { return }

    let item = PetitionItem(
      region: codes.leafIndex[region]!, received: Int32(received.number),
      accepted: accepted.map { Int32($0.number) } ?? PetitionItem.noDate,
      closed: closed.map { Int32($0.number) } ?? PetitionItem.noDate,
      persons: Int32(persons), category: index(ofCategory: category),
      channel: UInt8(PetitionItem.channels.firstIndex { $0.rawValue == channel }!),
      level: UInt8(PetitionItem.levels.firstIndex { $0.rawValue == level }!),
      satisfaction: UInt8(PetitionItem.satisfactions.firstIndex { $0.rawValue == satisfaction }!),
      isRepeat: isRepeat)
    var idText = id
    idText.withUTF8 { keep(item, ids.insert($0), context: context) }
  }

  /// Keeps `item` as the latest occurrence of the id of `entry`.
  @inline(__always)
  private mutating func keep(_ item: PetitionItem, _ entry: (entry: Int, isNew: Bool), context: FileContext) {
    if entry.isNew {
      items.append(item)
    } else {
      items[entry.entry] = item
      replaced += 1
    }
  }

  /// Takes a parsed block in file order: its items, and its other records through the general
  /// path at their absolute lines (`firstLine` is the block's first line).
  mutating func merge(_ block: ParsedPetitionBlock, firstLine: Int, context: FileContext) {
    let replacedBefore = replaced
    defer {
      if replaced > replacedBefore { replacedByFile[context.path, default: 0] += replaced - replacedBefore }
    }
    var categoryMap = [Int32](repeating: -1, count: block.categories.count)
    var general = block.generalRecords.makeIterator()
    var nextGeneral = general.next()
    let batch = 16
    var touched: UInt32 = 0
    block.entries.withUnsafeBufferPointer { entries in
      for position in entries.indices {
        if position % batch == 0 {
          let upcoming = position + (position == 0 ? 0 : batch)
          for ahead in min(upcoming, entries.count)..<min(position + 2 * batch, entries.count) {
            touched &+= ids.touch(hash: entries[ahead].hash)
          }
        }
        while let pending = nextGeneral, pending.itemsBefore == position {
          readGeneral(pending.record, firstLine: firstLine, context: context)
          nextGeneral = general.next()
        }
        let entry = entries[position]
        var item = entry.item
        let local = Int(item.category)
        if categoryMap[local] < 0 { categoryMap[local] = index(ofCategory: block.categories[local]) }
        item.category = categoryMap[local]
        let found =
          entry.id.isLong
          ? block.longIds[Int(entry.id.high)].withUnsafeBufferPointer { ids.insert($0) }
          : ids.insert(entry.id, hash: entry.hash)
        keep(item, found, context: context)
      }
    }
    context.rowsRead += block.entries.count
    prefetchSink &+= touched
    while let pending = nextGeneral {
      readGeneral(pending.record, firstLine: firstLine, context: context)
      nextGeneral = general.next()
    }
  }

  /// Counts the items replaced since `before` (a value of `replaced`) against `file`, for a file
  /// read row by row rather than merged in blocks.
  mutating func attributeReplaced(since before: Int, to file: String) {
    if replaced > before { replacedByFile[file, default: 0] += replaced - before }
  }

  private mutating func readGeneral(_ record: CSVRecord, firstLine: Int, context: FileContext) {
    var record = record
    record.line += firstLine - 1
    read(record, context: context)
  }

  private mutating func resolveRegion(_ row: inout RowReader) -> String? {
    guard let raw = row.cell("region"), !TextNormalization.trimmed(raw).isEmpty else {
      row.problem("region", "required value is empty")
      return nil
    }
    switch resolver.resolve(raw) {
    case .leaf(let code): return code
    case .total:
      row.problem(
        "region",
        "'\(TextNormalization.trimmed(raw))' is not a district or county (petitions name a leaf region)")
      return nil
    case .unknown:
      unknownRegions.record(raw, at: row.location, column: row.header("region"))
      row.rejectQuietly()
      return nil
    }
  }

  mutating func index(ofCategory name: String) -> Int32 {
    if let index = categoryIndex[name] { return index }
    let index = Int32(categories.count)
    categories.append(name)
    categoryIndex[name] = index
    return index
  }

  /// Frees the id table once every file is read: only the items are needed to build the cube,
  /// and at 10M items/year the table holds several hundred megabytes.
  mutating func releaseIds() {
    ids = PetitionIdTable()
  }

  /// The de-duplicated items as a cube and flat timelines (`PetitionCube`).
  func table() -> PetitionTable {
    PetitionCube(items: items, leafCodes: codes.leafCodes, categories: categories).table()
  }
}
