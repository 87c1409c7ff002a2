import Foundation
import FuzzEntries
import Testing

/// The traps the fuzzers found (minimised, and the same class in other columns, lengths and
/// forms), through the same entries as the fuzzers: each must return. A trap ends the whole test
/// process, so one that still traps is disabled until the fix named in its reason is merged; then
/// drop the `.disabled` and it guards the fix. The CSV inputs are in `Crashes/` (first byte: the
/// CSV entry's mode, see `CSVFuzzing`).
@Suite struct FuzzCrashTests {
  static let crashes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Crashes")

  /// `ValueParsing.number` multiplied the whole part by 10,000 in Int64: 15 integer digits
  /// overflowed, and so did adding the fraction at Int64's limit (fixed by r15-input).
  @Test(
    arguments: [
      "999999999999999", "999999999999999.0200", "922337203685478", "922337203685477.5808",
      "-922337203685477.5808", "999,999,999,999,999", "９９９９９９９９９９９９９９９",
    ])
  func hugeNumbersReturn(_ text: String) {
    _ = ValueFuzzing.run(Data(text.utf8))
  }

  /// The same overflow from a data file: a flow of 就业, the money column of 社保, and 人数 of a
  /// petition read through the general and the fast path.
  @Test(
    arguments: [
      "csv-employment-15-digit-flow", "csv-insurance-money-at-int64-limit", "csv-petitions-15-digit-persons",
    ])
  func hugeNumbersInFilesReturn(_ name: String) throws {
    let diagnostics = CSVFuzzing.run(try Data(contentsOf: Self.crashes.appending(path: name)))
    #expect((diagnostics ?? 0) > 0, "a number past the limit is reported")
  }

  /// Periods and `--as-of` dates of 1900 parsed, then the year before them was force-unwrapped
  /// (`ReportPeriod.previousYearEnd`, `Day.sameDateLastYear`); report periods are now 1901–2999.
  @Test(
    arguments: ["1900", "1900-01", "1900-12", "1900Q1", "1900q4", "1900H2", "1900-01-01", "1900-12-31"])
  func periodsOf1900Return(_ text: String) {
    _ = ValueFuzzing.run(Data(text.utf8))
  }
}
