import Engine
import Foundation
import Loading
import Tables

#if DEBUG
  // The cell-value parsers are internal to Loading; a debug build (the fuzzers and the tests)
  // reaches them. A release build of this module fuzzes the public parsers only.
  @testable import Loading
#endif

/// The value parsers' fuzz entry: the input's text goes through every parser of a cell value
/// (number, count, date, month) and of a command-line value (period, `--as-of` date), and each
/// parsed value through what the product then does with it. A parsed value must also survive a
/// round trip (its printed form parses back to itself), so a silently changed value traps too.
public enum ValueFuzzing {
  /// Nothing to make: the parsers need no fixture (here for the targets' symmetry).
  public static func prepare() {}

  /// Parses one input; returns how many parsers accepted it.
  @discardableResult
  public static func run(_ input: Data) -> Int {
    let text = String(decoding: input, as: UTF8.self)
    var accepted = 0
    #if DEBUG
      accepted += cellValues(text)
    #endif
    if let month = YearMonth.parse(text) {
      accepted += 1
      precondition(
        YearMonth.parse(month.description) == month, "month '\(text)' → \(month) does not read back")
    }
    if let period = try? ReportPeriod.parse(text) {
      accepted += 1
      precondition(
        (try? ReportPeriod.parse(period.description)) == period,
        "period '\(text)' → \(period) does not read back")
      // What the engine derives from a period: its months, its year-earlier base, its last day.
      _ = (period.months, period.firstMonth, period.january, period.chineseName, period.cumulativeName)
      _ = (period.previousYearEnd, period.lastDay.sameDateLastYear)
    }
    if let day = try? ReportPeriod.parseDate(text) {
      accepted += 1
      precondition(
        (try? ReportPeriod.parseDate(day.description)) == day, "date '\(text)' → \(day) does not read back")
      // The engine's base for an as-of date is the same date a year earlier.
      _ = (day.yearMonth, day.sameDateLastYear)
    }
    return accepted
  }

  #if DEBUG
    /// The data contract's cell parsers; each accepted value must print and parse back to itself.
    static func cellValues(_ text: String) -> Int {
      var accepted = 0
      if case .success(let value) = ValueParsing.number(text) {
        accepted += 1
        guard case .success(let again) = ValueParsing.number(value.description), again == value else {
          preconditionFailure("number '\(text)' → \(value) does not read back")
        }
      }
      if case .success(let value) = ValueParsing.count(text) {
        accepted += 1
        precondition(!value.isNegative && value.isWholeNumber, "count '\(text)' → \(value)")
      }
      if case .success(let day) = ValueParsing.date(text) {
        accepted += 1
        guard case .success(let again) = ValueParsing.date(day.description), again == day else {
          preconditionFailure("date '\(text)' → \(day) does not read back")
        }
        _ = day.yearMonth
      }
      if case .success(let month) = ValueParsing.month(text) {
        accepted += 1
        guard case .success(let again) = ValueParsing.month(month.description), again == month else {
          preconditionFailure("month '\(text)' → \(month) does not read back")
        }
      }
      return accepted
    }
  #endif
}
