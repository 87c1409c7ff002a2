import Testing

@testable import Engine
@testable import Tables

@Suite struct PeriodTests {
  @Test func parsesEveryForm() throws {
    let month = try ReportPeriod.parse("2024-10")
    #expect(month.kind == .month && month.lastMonth.description == "2024-10" && month.monthCount == 1)
    #expect(try ReportPeriod.parse("2024-3").description == "2024-03")
    let quarter = try ReportPeriod.parse("2024Q3")
    #expect(quarter.months.map(\.description) == ["2024-07", "2024-08", "2024-09"])
    #expect(quarter.description == "2024Q3" && quarter.chineseName == "2024年第三季度")
    let half = try ReportPeriod.parse("2024h1")
    #expect(half.firstMonth.description == "2024-01" && half.lastMonth.description == "2024-06")
    #expect(half.description == "2024H1" && half.chineseName == "2024年上半年")
    let year = try ReportPeriod.parse(" 2024 ")
    #expect(year.monthCount == 12 && year.description == "2024" && year.cumulativeName == "1-12月")
    #expect(month.cumulativeName == "1-10月" && month.chineseName == "2024年10月")
    #expect(try ReportPeriod.parse("2024-01").cumulativeName == "1月")
    #expect(month.lastDay.description == "2024-10-31")
    #expect(month.previousYearEnd.description == "2023-12")
  }

  @Test func rejectsWithTheAcceptedForms() {
    for bad in ["2024-13", "2024-0", "2024Q5", "2024H3", "24-10", "2024/10", "2024-10-01", "", "abcd"] {
      do {
        _ = try ReportPeriod.parse(bad)
        Issue.record("'\(bad)' was accepted")
      } catch {
        #expect(error.description.contains("'\(bad)'"))
        #expect(error.description.contains("2024Q3 (quarter)"))
      }
    }
    do {
      _ = try ReportPeriod.parse("2024-13")
    } catch {
      #expect(error.description.contains("month 13 is not 1-12"))
    }
  }

  @Test func parsesAsOfDates() throws {
    #expect(try ReportPeriod.parseDate("2024-10-15").description == "2024-10-15")
    #expect(throws: ReportPeriod.ParseError.self) { try ReportPeriod.parseDate("2024-02-30") }
  }
}
