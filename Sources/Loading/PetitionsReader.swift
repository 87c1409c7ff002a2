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
  private var items: [String: Item] = [:]
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
    if items.updateValue(item, forKey: id) != nil {
      replaced += 1
      replacedByFile[context.path, default: 0] += 1
    }
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

  private mutating func index(ofLeaf code: String) -> Int32 {
    if let index = leafIndex[code] { return index }
    let index = Int32(leafCodes.count)
    leafCodes.append(code)
    leafIndex[code] = index
    return index
  }

  private mutating func index(ofCategory name: String) -> Int32 {
    if let index = categoryIndex[name] { return index }
    let index = Int32(categories.count)
    categories.append(name)
    categoryIndex[name] = index
    return index
  }

  /// The de-duplicated items as a cube.
  func table() -> PetitionTable {
    var counts: [PetitionCell: Int] = [:]
    var timelines: [PetitionTimeline: Int] = [:]
    for item in items.values {
      let region = leafCodes[Int(item.region)]
      let received = Day(number: Int(item.received))
      let cell = PetitionCell(
        regionCode: region, month: received.yearMonth,
        channel: PetitionsReader.channels[Int(item.channel)],
        level: PetitionsReader.levels[Int(item.level)], isRepeat: item.isRepeat,
        persons: Int(item.persons), category: Int(item.category),
        satisfaction: PetitionsReader.satisfactions[Int(item.satisfaction)])
      counts[cell, default: 0] += 1
      let timeline = PetitionTimeline(
        regionCode: region, received: received,
        accepted: item.accepted == PetitionsReader.noDate ? nil : Day(number: Int(item.accepted)),
        closed: item.closed == PetitionsReader.noDate ? nil : Day(number: Int(item.closed)))
      timelines[timeline, default: 0] += 1
    }
    return PetitionTable(categories: categories, counts: counts, timelines: timelines)
  }
}
