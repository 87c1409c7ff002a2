import Testing

@testable import Engine
@testable import Tables

/// Issue 15: a report month without a single petition is footnoted (class 8), and every target
/// of an unknown indicator is named, not only the first (class 7).
@Suite struct EngineReliabilityTests {
  @Test(arguments: ["2024-04", "2024-06", "2024Q2"])
  func aMonthWithoutPetitionsIsFootnotedOnEveryPetitionFigure(_ period: String) throws {
    let report = try Fixture.compute(petitionTables(), period)
    let note = try #require(report.footnotes.first { $0.text.contains("登记的信访事项") })
    let month = try ReportPeriod.parse(period).lastMonth
    #expect(note.text.hasPrefix("数据中无\(month.year)年\(month.month)月登记的信访事项"))
    for id in ["petitions.total", "petitions.persons", "petitions.visits"] {
      #expect(report.footnoteNumbers(id, region: Fixture.root, measure: .month).contains(note.number))
      #expect(report.footnoteNumbers(id, region: Fixture.east, measure: .ytd).contains(note.number))
    }
  }

  @Test(arguments: ["2024-03", "2024-02", "2024-01"])
  func aMonthWithPetitionsHasNoSuchNote(_ period: String) throws {
    let report = try Fixture.compute(petitionTables(), period)
    #expect(!report.footnotes.contains { $0.text.contains("登记的信访事项") })
  }

  @Test func everyUnknownTargetIsNamed() throws {
    var tables = petitionTables()
    tables.targets = [
      Fixture.target("petitions.total", Fixture.root, "10", year: 2024),
      Fixture.target("petitions.totl", Fixture.root, "10", year: 2024),
      Fixture.target("信访总量x", Fixture.east, "10", year: 2023),
      Fixture.target("信访总量", Fixture.east, "10", year: 2024),
    ]
    let unknown = try Engine.unknownTargets(catalogue: Fixture.catalogue, tables: tables)
    #expect(unknown.map(\.indicator) == ["petitions.totl", "信访总量x"])
    do {
      _ = try Fixture.compute(tables, "2024-03")
      Issue.record("compute accepted unknown targets")
    } catch let error as EngineError {
      #expect(error.description.split(separator: "\n").count == 2)
      #expect(error.description.contains("'petitions.totl'") && error.description.contains("'信访总量x'"))
    }
  }
}
