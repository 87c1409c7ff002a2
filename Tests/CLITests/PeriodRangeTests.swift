import Foundation
import Testing

/// Periods outside the calendar's range are usage errors (exit 2) for every command, and
/// `check` accepts exactly the periods `report` and `indicators` accept.
@Suite struct PeriodRangeTests {
  static let refused = [
    "1900-01", "1900-12", "1900", "1900Q4", "1900H2", "0001-01", "9999-12", "3000-01", "10000-01", "2024-00",
    "2024-13", "2024Q0", "2024Q5", "2024H0", "2024H3", "24-10", "2024-1-1",
  ]

  @Test(arguments: ["check", "report", "indicators"])
  func aPeriodOutsideTheRangeIsAUsageError(command: String) throws {
    let out = FileManager.default.temporaryDirectory.appending(path: "minsheng-period-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    for period in Self.refused {
      var arguments = [command, "--period", period, "--allow-missing"]
      if command == "report" { arguments += ["--out", out.path] }
      let run = try CommandRun(arguments)
      #expect(run.status == 2, "\(command) --period \(period): \(run.status) \(run.error)")
      #expect(run.error.contains("invalid period '\(period)'"), "\(command) \(period): \(run.error)")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  /// The edges of the range: computed without a trap (the first year reads the year before it).
  @Test(arguments: ["1901-01", "1901", "2999-12", "2999H2"])
  func theEdgesOfTheRangeDoNotTrap(period: String) throws {
    let run = try CommandRun(["indicators", "--period", period, "--allow-missing", "--format", "csv"])
    #expect(run.status == 0, "\(period): \(run.error)")
  }

  @Test(arguments: ["2024-10", "2024-3", "2024Q3", "2024H1", "2023"])
  func checkAcceptsThePeriodsReportAccepts(period: String) throws {
    let run = try CommandRun(["check", "--period", period, "--allow-missing"])
    #expect(run.status == 0, "\(period): \(run.error)")
  }
}
