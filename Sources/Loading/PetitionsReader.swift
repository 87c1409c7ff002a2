import Tables

/// Reads petition items from any number of (overlapping) exports, keeps the latest occurrence
/// of each id, and aggregates the survivors into the petition cube.
struct PetitionsReader {
  /// One validated item, compact so that memory grows with distinct ids, not file size.
  private struct Item {
    var region: Int32
    var received: Int32
    var accepted: Int32
    var closed: Int32
    var persons: Int32
    var category: Int32
    var channel: UInt8
    var level: UInt8
    var satisfaction: UInt8
    var isRepeat: Bool
  }

  private static let channels = PetitionChannel.allCases
  private static let levels = PetitionLevel.allCases
  private static let satisfactions = Satisfaction.allCases
  private static let noDate = Int32.min

  let dictionary: HeaderDictionary
  let resolver: RegionResolver
  let unknownRegions = UnknownRegionTally()
  /// Distinct ids (as bytes); entry i's item is `items[i]`.
  private var ids = ByteKeyedTable(capacity: 1 << 16)
  private var items: [Item] = []
  /// Interned cell values of the fast path, per column: bytes → result index (-1: the value
  /// needs the general path, which reports its problem).
  private var interned = [InternedCells](repeating: InternedCells(), count: 6)
  private static let channelCells = 0
  private static let levelCells = 1
  private static let repeatCells = 2
  private static let satisfactionCells = 3
  private static let regionCells = 4
  private static let categoryCells = 5
  /// Column indices of the file being read (-1: no such column), computed once per file.
  private var columns = Columns()
  private weak var columnsContext: FileContext?
  private var categoryIndex: [String: Int32] = [:]
  private var categories: [String] = []
  private var leafIndex: [String: Int32] = [:]
  private var leafCodes: [String] = []
  /// Items replaced by a later occurrence of the same id.
  private(set) var replaced = 0
  private(set) var replacedByFile: [String: Int] = [:]

  init(dictionary: HeaderDictionary, resolver: RegionResolver) {
    self.dictionary = dictionary
    self.resolver = resolver
  }

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
    var persons = 1
    if let value = row.value("persons", ValueParsing.number) {
      if !value.isWholeNumber || value < FixedPoint(1) {
        row.problem("persons", "persons must be a whole number >= 1, got '\(value)'")
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

    let item = Item(
      region: index(ofLeaf: region), received: Int32(received.number),
      accepted: accepted.map { Int32($0.number) } ?? PetitionsReader.noDate,
      closed: closed.map { Int32($0.number) } ?? PetitionsReader.noDate,
      persons: Int32(clamping: persons), category: index(ofCategory: category),
      channel: UInt8(PetitionsReader.channels.firstIndex { $0.rawValue == channel }!),
      level: UInt8(PetitionsReader.levels.firstIndex { $0.rawValue == level }!),
      satisfaction: UInt8(PetitionsReader.satisfactions.firstIndex { $0.rawValue == satisfaction }!),
      isRepeat: isRepeat)
    var idText = id
    idText.withUTF8 { store(item, id: $0, context: context) }
  }

  /// Keeps `item` as the latest occurrence of `id`.
  @inline(__always)
  private mutating func store(_ item: Item, id: UnsafeBufferPointer<UInt8>, context: FileContext) {
    let (index, isNew) = ids.insert(id)
    if isNew {
      items.append(item)
    } else {
      items[index] = item
      replaced += 1
      replacedByFile[context.path, default: 0] += 1
    }
  }

  /// Reads a record from its bytes. Rows in the common shape (every value already seen or
  /// plainly valid, ISO dates, plain integers) are validated and stored here without making a
  /// `String`; any other row goes through `read(_:context:)`, so every message is unchanged.
  mutating func read(_ raw: RawRecord, context: FileContext) {
    if columnsContext !== context {
      columns = Columns(context.mapping)
      columnsContext = context
    }
    if let item = fastItem(raw, context: context) {
      context.rowsRead += 1
      store(item, id: raw.field(columns.id), context: context)
    } else {
      read(raw.record(), context: context)
    }
  }

  /// The item of a row in the common shape; nil sends the row to the general path.
  private mutating func fastItem(_ raw: RawRecord, context: FileContext) -> Item? {
    guard raw.count <= context.mapping.width else { return nil }
    guard ByteText.isTrimmedNonEmpty(raw.field(columns.id)) else { return nil }
    guard let received = Self.isoDay(raw.field(columns.received)) else { return nil }
    let channel = value(Self.channelCells, raw.field(columns.channel)) { $0.coded($1, "channel") }
    guard channel >= 0 else { return nil }
    let regionBytes = raw.field(columns.region)
    guard !regionBytes.isEmpty else { return nil }
    let region = value(Self.regionCells, regionBytes) { reader, text in
      if TextNormalization.trimmed(text).isEmpty { return -1 }
      guard case .leaf(let code) = reader.resolver.resolve(text) else { return -1 }
      return Int(reader.index(ofLeaf: code))
    }
    guard region >= 0 else { return nil }
    let categoryBytes = raw.field(columns.category)
    guard ByteText.isTrimmedNonEmpty(categoryBytes) else { return nil }
    let category = value(Self.categoryCells, categoryBytes) { Int($0.index(ofCategory: $1)) }
    var persons: Int32 = 1
    let personsBytes = raw.field(columns.persons)
    if !personsBytes.isEmpty {
      guard personsBytes.count <= 9 else { return nil }
      var value: Int32 = 0
      for byte in personsBytes {
        guard byte &- 48 < 10 else { return nil }
        value = value * 10 + Int32(byte &- 48)
      }
      guard value >= 1 else { return nil }
      persons = value
    }
    let level = value(Self.levelCells, raw.field(columns.level), empty: Self.localLevel) {
      $0.coded($1, "level")
    }
    guard level >= 0 else { return nil }
    let repeatBytes = raw.field(columns.repeat)
    let isRepeat = value(Self.repeatCells, repeatBytes, empty: 0) { reader, text in
      guard let id = reader.codedOrEmpty(text, "yes_no") else { return -1 }
      return id == "yes" ? 1 : 0
    }
    guard isRepeat >= 0 else { return nil }
    var accepted = Self.noDate
    let acceptedBytes = raw.field(columns.accepted)
    if !acceptedBytes.isEmpty {
      guard let day = Self.isoDay(acceptedBytes), day >= received else { return nil }
      accepted = day
    }
    var closed = Self.noDate
    let closedBytes = raw.field(columns.closed)
    if !closedBytes.isEmpty {
      guard let day = Self.isoDay(closedBytes), day >= (accepted == Self.noDate ? received : accepted) else {
        return nil
      }
      closed = day
    }
    let satisfaction = value(
      Self.satisfactionCells, raw.field(columns.satisfaction), empty: Self.notEvaluated
    ) {
      $0.coded($1, "satisfaction")
    }
    guard satisfaction >= 0 else { return nil }
    return Item(
      region: Int32(region), received: received, accepted: accepted, closed: closed, persons: persons,
      category: Int32(category), channel: UInt8(channel), level: UInt8(level),
      satisfaction: UInt8(satisfaction), isRepeat: isRepeat == 1)
  }

  /// The interned result for a cell of column group `cells`: `empty` when the cell has no
  /// bytes, else `compute` on the cell's first sight, then found again by its bytes.
  @inline(__always)
  private mutating func value(
    _ cells: Int, _ bytes: UnsafeBufferPointer<UInt8>, empty: Int = -1, _ compute: (inout Self, String) -> Int
  ) -> Int {
    if bytes.isEmpty { return empty }
    if let known = interned[cells].find(bytes) { return known }
    let result = compute(&self, String(decoding: bytes, as: UTF8.self))
    interned[cells].add(bytes, result)
    return result
  }

  private static let localLevel = levels.firstIndex { $0.rawValue == "local" }!
  private static let notEvaluated = satisfactions.firstIndex { $0.rawValue == "not_evaluated" }!

  /// The dictionary's id for a coded cell as `RowReader.coded` finds it: "" for a blank cell,
  /// nil for an unknown value.
  func codedOrEmpty(_ text: String, _ enumeration: String) -> String? {
    TextNormalization.trimmed(text).isEmpty ? "" : dictionary.canonical(enumeration, text)
  }

  /// The case index of a coded cell; -1 when blank or unknown (the general path decides).
  func coded(_ text: String, _ enumeration: String) -> Int {
    guard let id = codedOrEmpty(text, enumeration), !id.isEmpty else { return -1 }
    switch enumeration {
    case "channel": return Self.channels.firstIndex { $0.rawValue == id } ?? -1
    case "level": return Self.levels.firstIndex { $0.rawValue == id } ?? -1
    default: return Self.satisfactions.firstIndex { $0.rawValue == id } ?? -1
    }
  }

  /// The day number of an exact `YYYY-MM-DD` cell; nil for any other form or an impossible date.
  @inline(__always)
  private static func isoDay(_ bytes: UnsafeBufferPointer<UInt8>) -> Int32? {
    guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else { return nil }
    var values = (0, 0, 0)
    for index in 0..<10 where index != 4 && index != 7 {
      let digit = bytes[index] &- 48
      guard digit < 10 else { return nil }
      if index < 4 {
        values.0 = values.0 * 10 + Int(digit)
      } else if index < 7 {
        values.1 = values.1 * 10 + Int(digit)
      } else {
        values.2 = values.2 * 10 + Int(digit)
      }
    }
    guard let day = Day(year: values.0, month: values.1, day: values.2) else { return nil }
    return Int32(day.number)
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

  mutating func index(ofLeaf code: String) -> Int32 {
    if let index = leafIndex[code] { return index }
    let index = Int32(leafCodes.count)
    leafCodes.append(code)
    leafIndex[code] = index
    return index
  }

  mutating func index(ofCategory name: String) -> Int32 {
    if let index = categoryIndex[name] { return index }
    let index = Int32(categories.count)
    categories.append(name)
    categoryIndex[name] = index
    return index
  }

  /// Frees the id table once every file is read: only the items are needed to build the cube,
  /// and at 10M items/year the table holds about a gigabyte.
  mutating func releaseIds() {
    ids = ByteKeyedTable()
  }

  /// The de-duplicated items as a cube. Items are first counted under integer keys, so the
  /// `String`-keyed cells are built once per distinct combination, not once per item.
  func table() -> PetitionTable {
    var cellCounts: [CellKey: Int] = [:]
    var timelineCounts: [TimelineKey: Int] = [:]
    // Most items have a timeline of their own: size the table once instead of growing it.
    timelineCounts.reserveCapacity(items.count)
    var monthOrdinals: [Int32: Int32] = [:]
    for item in items {
      let month: Int32
      if let known = monthOrdinals[item.received] {
        month = known
      } else {
        month = Int32(Day(number: Int(item.received)).yearMonth.ordinal)
        monthOrdinals[item.received] = month
      }
      var cell = item
      cell.received = month
      cell.accepted = 0
      cell.closed = 0
      cellCounts[CellKey(item: cell), default: 0] += 1
      timelineCounts[
        TimelineKey(
          region: item.region, received: item.received, accepted: item.accepted, closed: item.closed),
        default: 0] += 1
    }
    var counts: [PetitionCell: Int] = [:]
    counts.reserveCapacity(cellCounts.count)
    for (key, count) in cellCounts {
      let item = key.item
      let cell = PetitionCell(
        regionCode: leafCodes[Int(item.region)], month: YearMonth(ordinal: Int(item.received)),
        channel: PetitionsReader.channels[Int(item.channel)],
        level: PetitionsReader.levels[Int(item.level)], isRepeat: item.isRepeat,
        persons: Int(item.persons), category: Int(item.category),
        satisfaction: PetitionsReader.satisfactions[Int(item.satisfaction)])
      counts[cell, default: 0] += count
    }
    var timelines: [PetitionTimeline: Int] = [:]
    timelines.reserveCapacity(timelineCounts.count)
    for (key, count) in timelineCounts {
      let timeline = PetitionTimeline(
        regionCode: leafCodes[Int(key.region)], received: Day(number: Int(key.received)),
        accepted: key.accepted == PetitionsReader.noDate ? nil : Day(number: Int(key.accepted)),
        closed: key.closed == PetitionsReader.noDate ? nil : Day(number: Int(key.closed)))
      timelines[timeline, default: 0] += count
    }
    return PetitionTable(categories: categories, counts: counts, timelines: timelines)
  }

  /// An item's cube coordinates (`received` holds the month ordinal, dates zeroed).
  private struct CellKey: Hashable {
    let item: Item
    static func == (a: CellKey, b: CellKey) -> Bool {
      a.item.region == b.item.region && a.item.received == b.item.received
        && a.item.persons == b.item.persons && a.item.category == b.item.category
        && a.item.channel == b.item.channel && a.item.level == b.item.level
        && a.item.satisfaction == b.item.satisfaction && a.item.isRepeat == b.item.isRepeat
    }
    func hash(into hasher: inout Hasher) {
      hasher.combine(item.region)
      hasher.combine(item.received)
      hasher.combine(item.persons)
      hasher.combine(item.category)
      hasher.combine(
        UInt32(item.channel) | UInt32(item.level) << 8 | UInt32(item.satisfaction) << 16
          | (item.isRepeat ? 1 << 24 : 0))
    }
  }

  private struct TimelineKey: Hashable {
    let region: Int32
    let received: Int32
    let accepted: Int32
    let closed: Int32
  }

  /// Column indices of the petition fields in one file (-1: the file has no such column).
  private struct Columns {
    var id = -1, received = -1, channel = -1, region = -1, category = -1, persons = -1
    var level = -1, `repeat` = -1, accepted = -1, closed = -1, satisfaction = -1

    init() {}

    init(_ mapping: ColumnMapping) {
      func index(_ field: String) -> Int { mapping.column(field)?.index ?? -1 }
      id = index("id")
      received = index("received")
      channel = index("channel")
      region = index("region")
      category = index("category")
      persons = index("persons")
      level = index("level")
      `repeat` = index("repeat")
      accepted = index("accepted")
      closed = index("closed")
      satisfaction = index("satisfaction")
    }
  }
}

/// Results computed once per distinct cell content of one column and found again by bytes.
struct InternedCells {
  private var table = ByteKeyedTable()
  private var values: [Int] = []

  /// The value stored for `bytes`, if any.
  @inline(__always)
  func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    table.find(bytes).map { values[$0] }
  }

  /// Stores the value for new `bytes`.
  mutating func add(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Int) {
    if table.insert(bytes).isNew { values.append(value) }
  }
}
