/// A calendar month, the unit of every region-month dataset and of report periods.
public struct YearMonth: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let month: Int

  /// Returns nil unless `month` is 1...12 and `year` is a plausible statistical year.
  public init?(year: Int, month: Int) {
    guard (1...12).contains(month), Day.supportedYears.contains(year) else { return nil }
    self.year = year
    self.month = month
  }

  /// Months since January of year 0; consecutive months differ by one.
  public var ordinal: Int { year * 12 + (month - 1) }

  public init(ordinal: Int) {
    self.year = ordinal / 12
    self.month = ordinal % 12 + 1
  }

  public func adding(months: Int) -> YearMonth { YearMonth(ordinal: ordinal + months) }

  public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { lhs.ordinal < rhs.ordinal }

  /// `2024-03`.
  public var description: String {
    "\(year)-\(month < 10 ? "0" : "")\(month)"
  }

  /// The number of days in this month.
  public var dayCount: Int { Day.daysInMonth(year: year, month: month) }

  public var firstDay: Day { Day(year: year, month: month, day: 1)! }
  public var lastDay: Day { Day(year: year, month: month, day: dayCount)! }
}

/// A calendar day (proleptic Gregorian), stored as days since 1970-01-01 so that
/// differences are plain integer subtraction.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
  /// Days since 1970-01-01.
  public let number: Int

  public init(number: Int) { self.number = number }

  /// The years a date or month may be in: a plausible statistical year, and the range the
  /// calendar arithmetic (a year back, the day tables of the fast path) is exact in.
  public static let supportedYears = 1900...2999

  /// Returns nil for impossible dates such as 2024-02-30 and for years outside `supportedYears`.
  public init?(year: Int, month: Int, day: Int) {
    guard Day.supportedYears.contains(year), (1...12).contains(month),
      day >= 1, day <= Day.daysInMonth(year: year, month: month)
    else { return nil }
    self.number = Day.daysFromCivil(year: year, month: month, day: day)
  }

  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  public static func daysInMonth(year: Int, month: Int) -> Int {
    switch month {
    case 2: return isLeap(year) ? 29 : 28
    case 4, 6, 9, 11: return 30
    default: return 31
    }
  }

  // Howard Hinnant's days_from_civil: exact for every Gregorian date.
  static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let mp = (month + 9) % 12
    let doy = (153 * mp + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146097 + doe - 719468
  }

  /// Year, month and day of this date.
  public var components: (year: Int, month: Int, day: Int) {
    let z = number + 719468
    let era = (z >= 0 ? z : z - 146096) / 146097
    let doe = z - era * 146097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let day = doy - (153 * mp + 2) / 5 + 1
    let month = mp < 10 ? mp + 3 : mp - 9
    return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
  }

  public var yearMonth: YearMonth {
    let c = components
    return YearMonth(ordinal: c.year * 12 + c.month - 1)
  }

  public func adding(days: Int) -> Day { Day(number: number + days) }

  /// The same calendar date one year earlier (29 February becomes 28 February).
  public var sameDateLastYear: Day {
    let c = components
    return Day(
      year: c.year - 1, month: c.month, day: min(c.day, Day.daysInMonth(year: c.year - 1, month: c.month)))!
  }

  public static func < (lhs: Day, rhs: Day) -> Bool { lhs.number < rhs.number }

  /// `2024-03-05`.
  public var description: String {
    let c = components
    return "\(c.year)-\(c.month < 10 ? "0" : "")\(c.month)-\(c.day < 10 ? "0" : "")\(c.day)"
  }
}
