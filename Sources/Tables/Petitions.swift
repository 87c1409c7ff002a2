/// How a petition reached the office (信访形式).
public enum PetitionChannel: String, CaseIterable, Hashable, Sendable {
  case letter, visit, online, phone

  /// The Chinese display name used in tables and the enum's canonical value.
  public var chineseName: String {
    switch self {
    case .letter: "来信"
    case .visit: "来访"
    case .online: "网上信访"
    case .phone: "电话"
    }
  }
}

/// Where a petition went beyond the local level (信访去向).
public enum PetitionLevel: String, CaseIterable, Hashable, Sendable {
  case local, province, beijing

  public var chineseName: String {
    switch self {
    case .local: "本级"
    case .province: "赴省"
    case .beijing: "进京"
    }
  }
}

/// The petitioner's evaluation of how the item was handled (满意度).
public enum Satisfaction: String, CaseIterable, Hashable, Sendable {
  case satisfied, basicallySatisfied = "basically_satisfied", dissatisfied
  case notEvaluated = "not_evaluated"

  public var chineseName: String {
    switch self {
    case .satisfied: "满意"
    case .basicallySatisfied: "基本满意"
    case .dissatisfied: "不满意"
    case .notEvaluated: "未评价"
    }
  }
}

/// The dimensions by which petition items are counted: one cell of the petition cube.
public struct PetitionCell: Hashable, Sendable {
  public let regionCode: String
  /// Month of 登记日期 (received).
  public let month: YearMonth
  public let channel: PetitionChannel
  public let level: PetitionLevel
  public let isRepeat: Bool
  public let persons: Int
  /// Index into `PetitionTable.categories`.
  public let category: Int
  public let satisfaction: Satisfaction

  public init(
    regionCode: String, month: YearMonth, channel: PetitionChannel, level: PetitionLevel,
    isRepeat: Bool, persons: Int, category: Int, satisfaction: Satisfaction
  ) {
    self.regionCode = regionCode
    self.month = month
    self.channel = channel
    self.level = level
    self.isRepeat = isRepeat
    self.persons = persons
    self.category = category
    self.satisfaction = satisfaction
  }
}

/// The dates that decide timeliness; items with the same dates are counted together.
public struct PetitionTimeline: Hashable, Sendable {
  public let regionCode: String
  public let received: Day
  public let accepted: Day?
  public let closed: Day?

  public init(regionCode: String, received: Day, accepted: Day?, closed: Day?) {
    self.regionCode = regionCode
    self.received = received
    self.accepted = accepted
    self.closed = closed
  }
}

/// Items counted by their timeliness dates, held flat (20 bytes per distinct combination of
/// region, 登记日期, 受理日期 and 办结日期) because at a province's size nearly every item has
/// dates of its own: a dictionary of `PetitionTimeline` keys would cost several times more.
public struct PetitionTimelines: Sendable, Sequence {
  /// One combination of dates and how many items share it.
  public struct Entry: Sendable, Equatable {
    /// Index into `regionCodes`.
    public var region: Int32
    /// Day numbers (`Day.number`); `Entry.noDate` when the item has no such date.
    public var received: Int32
    public var accepted: Int32
    public var closed: Int32
    public var count: Int32

    public init(region: Int32, received: Int32, accepted: Int32, closed: Int32, count: Int32) {
      self.region = region
      self.received = received
      self.accepted = accepted
      self.closed = closed
      self.count = count
    }

    /// Marks an absent 受理日期 or 办结日期.
    public static let noDate = Int32.min
  }

  /// The leaf codes that `Entry.region` indexes.
  public private(set) var regionCodes: [String]
  public private(set) var entries: [Entry]

  public init(regionCodes: [String] = [], entries: [Entry] = []) {
    self.regionCodes = regionCodes
    self.entries = entries
  }

  /// Adds `count` items with the dates of `timeline` (a new entry; entries are not merged).
  public mutating func add(_ timeline: PetitionTimeline, count: Int = 1) {
    let region = regionCodes.indexAppending(timeline.regionCode)
    entries.append(
      Entry(
        region: Int32(region), received: Int32(timeline.received.number),
        accepted: timeline.accepted.map { Int32($0.number) } ?? Entry.noDate,
        closed: timeline.closed.map { Int32($0.number) } ?? Entry.noDate, count: Int32(count)))
  }

  /// Number of entries (not items).
  public var count: Int { entries.count }

  /// The entries as `PetitionTimeline` values with their item counts.
  public func makeIterator() -> Iterator { Iterator(timelines: self) }

  /// Yields each entry as a `PetitionTimeline` and its item count.
  public struct Iterator: IteratorProtocol {
    let timelines: PetitionTimelines
    var position = 0

    public mutating func next() -> (timeline: PetitionTimeline, count: Int)? {
      guard position < timelines.entries.count else { return nil }
      let entry = timelines.entries[position]
      position += 1
      let timeline = PetitionTimeline(
        regionCode: timelines.regionCodes[Int(entry.region)], received: Day(number: Int(entry.received)),
        accepted: entry.accepted == Entry.noDate ? nil : Day(number: Int(entry.accepted)),
        closed: entry.closed == Entry.noDate ? nil : Day(number: Int(entry.closed)))
      return (timeline, Int(entry.count))
    }
  }
}

/// Items counted per cell of the petition cube, held flat (one 32-byte entry per cell, region
/// as an index) because a province's year has hundreds of thousands of cells: a dictionary of
/// `PetitionCell` keys costs a string hash per cell to build and again to read.
public struct PetitionCounts: Sendable, Sequence {
  /// One cell and how many items it holds.
  public struct Entry: Sendable, Equatable {
    /// Index into `regionCodes`.
    public var region: Int32
    /// `YearMonth.ordinal` of 登记日期.
    public var month: Int32
    /// Index into `PetitionTable.categories`.
    public var category: Int32
    public var persons: Int32
    public var channel: PetitionChannel
    public var level: PetitionLevel
    public var satisfaction: Satisfaction
    public var isRepeat: Bool
    public var count: Int

    public init(
      region: Int32, month: Int32, category: Int32, persons: Int32, channel: PetitionChannel,
      level: PetitionLevel, satisfaction: Satisfaction, isRepeat: Bool, count: Int
    ) {
      self.region = region
      self.month = month
      self.category = category
      self.persons = persons
      self.channel = channel
      self.level = level
      self.satisfaction = satisfaction
      self.isRepeat = isRepeat
      self.count = count
    }
  }

  /// The region codes that `Entry.region` indexes.
  public private(set) var regionCodes: [String]
  /// The cells; a cell may appear more than once (its counts add up).
  public private(set) var entries: [Entry]

  public init(regionCodes: [String] = [], entries: [Entry] = []) {
    self.regionCodes = regionCodes
    self.entries = entries
  }

  /// Adds `count` items to `cell` (a new entry; entries are not merged).
  public mutating func add(_ cell: PetitionCell, count: Int = 1) {
    let region = regionCodes.indexAppending(cell.regionCode)
    entries.append(
      Entry(
        region: Int32(region), month: Int32(cell.month.ordinal), category: Int32(cell.category),
        persons: Int32(clamping: cell.persons), channel: cell.channel, level: cell.level,
        satisfaction: cell.satisfaction, isRepeat: cell.isRepeat, count: count))
  }

  /// Number of entries (not items).
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  /// The cell of `entry`.
  public func cell(_ entry: Entry) -> PetitionCell {
    PetitionCell(
      regionCode: regionCodes[Int(entry.region)], month: YearMonth(ordinal: Int(entry.month)),
      channel: entry.channel, level: entry.level, isRepeat: entry.isRepeat, persons: Int(entry.persons),
      category: Int(entry.category), satisfaction: entry.satisfaction)
  }

  /// The entries as `PetitionCell` values with their item counts.
  public func makeIterator() -> Iterator { Iterator(counts: self) }

  /// Yields each entry as a `PetitionCell` and its item count.
  public struct Iterator: IteratorProtocol {
    let counts: PetitionCounts
    var position = 0

    public mutating func next() -> (cell: PetitionCell, count: Int)? {
      guard position < counts.entries.count else { return nil }
      let entry = counts.entries[position]
      position += 1
      return (counts.cell(entry), entry.count)
    }
  }
}

/// Validated petition items after de-duplication, aggregated into a cube so that
/// everything downstream costs what the report costs, not what the raw data weighs.
public struct PetitionTable: Sendable {
  /// Distinct categories as exported (trimmed), in first-seen order.
  public var categories: [String]
  /// Number of items per cell.
  public var counts: PetitionCounts
  /// Number of items per combination of timeliness dates.
  public var timelines: PetitionTimelines

  public init(
    categories: [String] = [], counts: PetitionCounts = PetitionCounts(),
    timelines: PetitionTimelines = PetitionTimelines()
  ) {
    self.categories = categories
    self.counts = counts
    self.timelines = timelines
  }

  /// Total number of items.
  public var itemCount: Int { counts.entries.reduce(0) { $0 + $1.count } }
}

extension [String] {
  /// The index of `code`, appended first when it is not there (the region codes that flat
  /// petition entries index).
  fileprivate mutating func indexAppending(_ code: String) -> Int {
    if let known = firstIndex(of: code) { return known }
    append(code)
    return count - 1
  }
}
