import Testing

@testable import Tables

@Suite struct CalendarTests {
  @Test func dayRoundTripsThroughComponents() {
    let day = Day(year: 2024, month: 2, day: 29)!
    #expect(day.components == (2024, 2, 29))
    #expect(day.number == 19782)
    #expect(day.description == "2024-02-29")
    #expect(day.adding(days: 1).description == "2024-03-01")
  }

  @Test func impossibleDatesAreRejected() {
    #expect(Day(year: 2024, month: 2, day: 30) == nil)
    #expect(Day(year: 2023, month: 2, day: 29) == nil)
    #expect(Day(year: 2024, month: 13, day: 1) == nil)
    #expect(Day(year: 2024, month: 4, day: 31) == nil)
  }

  @Test func sameDateLastYearClampsLeapDay() {
    #expect(Day(year: 2024, month: 2, day: 29)!.sameDateLastYear.description == "2023-02-28")
    #expect(Day(year: 2024, month: 10, day: 31)!.sameDateLastYear.description == "2023-10-31")
  }

  @Test func yearMonthArithmetic() {
    let january = YearMonth(year: 2024, month: 1)!
    #expect(january.adding(months: -1).description == "2023-12")
    #expect(january.adding(months: 13).description == "2025-02")
    #expect(YearMonth(year: 2024, month: 2)!.dayCount == 29)
  }

  @Test func fixedPointPrintsShortestExactForm() {
    #expect(FixedPoint(scaled: 125_000).description == "12.5")
    #expect(FixedPoint(scaled: -1).description == "-0.0001")
    #expect(FixedPoint(1234).description == "1234")
    #expect((FixedPoint(3) - FixedPoint(5)).description == "-2")
  }
}

@Suite struct RegionTreeTests {
  @Test func aRegionIsNamedByCodeNameOrAlias() throws {
    let tree = try #require(
      RegionTree(regions: [
        Region(code: "330500", name: "江川市", parentCode: nil),
        Region(code: "330502", name: "西湖区", parentCode: "330500", aliases: ["西湖"]),
      ]))
    #expect(tree.region(named: "330502")?.name == "西湖区")
    #expect(tree.region(named: " 西湖区 ")?.code == "330502")
    #expect(tree.region(named: "西湖")?.code == "330502")
    #expect(tree.region(named: "东湖") == nil)
  }
}
