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

/// Validated petition items after de-duplication, aggregated into a cube so that
/// everything downstream costs what the report costs, not what the raw data weighs.
public struct PetitionTable: Sendable {
  /// Distinct categories as exported (trimmed), in first-seen order.
  public var categories: [String]
  /// Number of items per cell.
  public var counts: [PetitionCell: Int]
  /// Number of items per timeline.
  public var timelines: [PetitionTimeline: Int]

  public init(
    categories: [String] = [], counts: [PetitionCell: Int] = [:],
    timelines: [PetitionTimeline: Int] = [:]
  ) {
    self.categories = categories
    self.counts = counts
    self.timelines = timelines
  }

  /// Total number of items.
  public var itemCount: Int { counts.values.reduce(0, +) }
}
