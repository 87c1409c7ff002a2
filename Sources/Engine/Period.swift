import Tables

/// The period a report is made for: a month (`2024-10`), a quarter (`2024Q3`), a half year
/// (`2024H1`) or a year (`2024`).
///
/// For span periods, 本期 (the `month*` measures) means the months of the span, 累计 (`ytd`) runs
/// from January to the span's last month, stocks are read at the end of the span, and 上期 (the
/// base of `mom_pct` and `level_mom_pct`) is the preceding span of equal length.
public struct ReportPeriod: Hashable, Sendable, CustomStringConvertible {
  /// The length of the period.
  public enum Kind: String, Sendable, CaseIterable {
    case month, quarter, half, year
  }

  public let kind: Kind
  public let year: Int
  /// Month 1...12, quarter 1...4, half 1...2, or 1 for a year.
  public let index: Int

  /// A one-month period.
  public init(month: YearMonth) {
    kind = .month
    year = month.year
    index = month.month
  }

  /// The years a report can be made for: the calendar's range (1900–2999, `YearMonth` and `Day`)
  /// less its first year, because every report also reads the year before its own (同比, and the
  /// as-of date a year earlier).
  public static let supportedYears = 1901...2999

  /// Returns nil unless `index` fits `kind` and the year is in `supportedYears`.
  public init?(kind: Kind, year: Int, index: Int = 1) {
    let count: Int
    switch kind {
    case .month: count = 12
    case .quarter: count = 4
    case .half: count = 2
    case .year: count = 1
    }
    guard (1...count).contains(index), Self.supportedYears.contains(year) else { return nil }
    self.kind = kind
    self.year = year
    self.index = index
  }

  /// Why a period or date given on the command line was not understood.
  public struct ParseError: Error, CustomStringConvertible, Sendable {
    /// The full message, naming the text and the accepted forms.
    public let description: String
  }

  private static let acceptedForms =
    "accepted forms: 2024-10 or 2024-1 (month), 2024Q3 (quarter), 2024H1 (half year), 2024 (year)"

  /// Parses `2024-10`, `2024-1`, `2024Q3`, `2024H1`, `2024` (Q and H in either case).
  public static func parse(_ text: String) throws(ParseError) -> ReportPeriod {
    let trimmed = text.trimmingWhitespace()
    func fail(_ reason: String) -> ParseError {
      ParseError(description: "invalid period '\(text)': \(reason); \(acceptedForms)")
    }
    let characters = Array(trimmed)
    guard characters.count >= 4, characters[0..<4].allSatisfy(\.isASCIIDigit),
      let year = Int(String(characters[0..<4]))
    else { throw fail("it must start with a four-digit year") }
    guard Self.supportedYears.contains(year) else {
      throw fail(
        "year \(year) is outside \(supportedYears.lowerBound)-\(supportedYears.upperBound), the years a report can cover"
      )
    }
    let rest = String(characters[4...])
    if rest.isEmpty { return ReportPeriod(kind: .year, year: year)! }
    let marker = rest.first!.uppercased()
    let number = rest.dropFirst()
    guard !number.isEmpty, number.count <= 2, number.allSatisfy(\.isASCIIDigit), let value = Int(number)
    else { throw fail("'\(rest)' after the year is not a month, quarter or half") }
    switch marker {
    case "-":
      guard let period = ReportPeriod(kind: .month, year: year, index: value) else {
        throw fail("month \(value) is not 1-12")
      }
      return period
    case "Q":
      guard let period = ReportPeriod(kind: .quarter, year: year, index: value) else {
        throw fail("quarter \(value) is not 1-4")
      }
      return period
    case "H":
      guard let period = ReportPeriod(kind: .half, year: year, index: value) else {
        throw fail("half \(value) is not 1 or 2")
      }
      return period
    default:
      throw fail("'\(rest)' after the year is not a month, quarter or half")
    }
  }

  /// Parses an as-of date written `2024-10-15` (as `--as-of` takes it).
  public static func parseDate(_ text: String) throws(ParseError) -> Day {
    let parts = text.trimmingWhitespace().split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCIIDigit) }),
      let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
      let day = Day(year: y, month: m, day: d)
    else {
      throw ParseError(description: "invalid date '\(text)': expected an existing date such as 2024-10-31")
    }
    // The engine also reads the same date a year earlier.
    guard supportedYears.contains(y) else {
      throw ParseError(
        description: "invalid date '\(text)': year \(y) is outside "
          + "\(supportedYears.lowerBound)-\(supportedYears.upperBound), the years a report can cover")
    }
    return day
  }

  /// Number of months in the span.
  public var monthCount: Int {
    switch kind {
    case .month: 1
    case .quarter: 3
    case .half: 6
    case .year: 12
    }
  }

  /// The span's last month (M): the month stocks are read at and 累计 runs to.
  public var lastMonth: YearMonth { YearMonth(year: year, month: index * monthCount)! }
  /// The span's first month.
  public var firstMonth: YearMonth { lastMonth.adding(months: 1 - monthCount) }
  /// The months of 本期, in order.
  public var months: [YearMonth] { (0..<monthCount).map { firstMonth.adding(months: $0) } }
  /// January of the year: 累计 runs from here to `lastMonth`.
  public var january: YearMonth { YearMonth(year: year, month: 1)! }
  /// 上年末: December of the previous year.
  public var previousYearEnd: YearMonth { YearMonth(year: year - 1, month: 12)! }
  /// The default as-of date: the last day of the span's last month.
  public var lastDay: Day { lastMonth.lastDay }

  /// `2024-10`, `2024Q3`, `2024H1`, `2024`: the form `parse` accepts, used in `indicators.csv`.
  public var description: String {
    switch kind {
    case .month: YearMonth(year: year, month: index)!.description
    case .quarter: "\(year)Q\(index)"
    case .half: "\(year)H\(index)"
    case .year: "\(year)"
    }
  }

  /// Chinese name of the period: `2024年10月`, `2024年第三季度`, `2024年上半年`, `2024年`.
  public var chineseName: String {
    let quarters = ["一", "二", "三", "四"]
    switch kind {
    case .month: return "\(year)年\(index)月"
    case .quarter: return "\(year)年第\(quarters[index - 1])季度"
    case .half: return "\(year)年\(index == 1 ? "上" : "下")半年"
    case .year: return "\(year)年"
    }
  }

  /// The 累计 span as bulletins write it: `1-10月` (or `1月` in January).
  public var cumulativeName: String {
    lastMonth.month == 1 ? "1月" : "1-\(lastMonth.month)月"
  }
}

extension Character {
  var isASCIIDigit: Bool { isASCII && isNumber }
}

extension StringProtocol {
  func trimmingWhitespace() -> String {
    String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
  }
}
