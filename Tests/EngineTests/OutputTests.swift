import Foundation
import Testing

@testable import Engine
@testable import Tables

@Suite struct OutputTests {
  /// A one-indicator catalogue and a tiny dataset, so that the whole export can be compared.
  private func smallReport(rootName: String = "全市") throws -> IndicatorReport {
    let tree = RegionTree(regions: [
      Region(code: "1", name: rootName, parentCode: nil),
      Region(code: "11", name: "=东区", parentCode: "1", order: 1),
      Region(code: "12", name: "西区,新", parentCode: "1", order: 2),
      Region(code: "13", name: "南\"县\"", parentCode: "1", order: 3),
    ])!
    var b = RegionMonthBuilder<EmploymentField>()
    for (leaf, values) in [("11", ["1", "2"]), ("12", ["1", "0"]), ("13", ["1", "1"])] {
      b.set(leaf, "2024-01", .newUrbanJobs, values[0])
      b.set(leaf, "2024-02", .newUrbanJobs, values[1])
    }
    let catalogue = try IndicatorCatalogue.parse(
      """
      indicators:
        - id: employment.new_urban_jobs
          name: 城镇新增就业人数
          unit: 人
          kind: flow
          source: employment
          measure: new_urban_jobs
      """)
    let target = Target(
      year: 2024, regionCode: "1", indicator: "employment.new_urban_jobs", value: FixedPoint(12),
      direction: .atLeast,
      source: Tables.SourceLocation(file: "t.csv", line: 2))
    let tables = DataTables(regions: tree, employment: b.table, targets: [target])
    return try Engine(catalogue: catalogue, tables: tables).compute(period: ReportPeriod.parse("2024-02"))
  }

  @Test func indicatorsCSVIsExactlyAsSpecified() throws {
    let text = IndicatorCSV.text(try smallReport())
    let expected = """
      \u{FEFF}period,region_code,region_name,indicator,measure,value
      2024-02,1,全市,employment.new_urban_jobs,month,3
      2024-02,1,全市,employment.new_urban_jobs,month_prev,
      2024-02,1,全市,employment.new_urban_jobs,month_yoy_pct,
      2024-02,1,全市,employment.new_urban_jobs,mom_pct,0
      2024-02,1,全市,employment.new_urban_jobs,ytd,6
      2024-02,1,全市,employment.new_urban_jobs,ytd_prev,
      2024-02,1,全市,employment.new_urban_jobs,ytd_change,
      2024-02,1,全市,employment.new_urban_jobs,ytd_yoy_pct,
      2024-02,1,全市,employment.new_urban_jobs,share_pct,100
      2024-02,1,全市,employment.new_urban_jobs,target,12
      2024-02,1,全市,employment.new_urban_jobs,completion_pct,50
      2024-02,1,全市,employment.new_urban_jobs,time_progress_pct,16.6666666666667
      2024-02,1,全市,employment.new_urban_jobs,progress_gap_pp,33.3333333333333
      2024-02,11,'=东区,employment.new_urban_jobs,month,2
      2024-02,11,'=东区,employment.new_urban_jobs,month_prev,
      2024-02,11,'=东区,employment.new_urban_jobs,month_yoy_pct,
      2024-02,11,'=东区,employment.new_urban_jobs,mom_pct,100
      2024-02,11,'=东区,employment.new_urban_jobs,ytd,3
      2024-02,11,'=东区,employment.new_urban_jobs,ytd_prev,
      2024-02,11,'=东区,employment.new_urban_jobs,ytd_change,
      2024-02,11,'=东区,employment.new_urban_jobs,ytd_yoy_pct,
      2024-02,11,'=东区,employment.new_urban_jobs,share_pct,50
      2024-02,11,'=东区,employment.new_urban_jobs,rank,1
      2024-02,11,'=东区,employment.new_urban_jobs,target,
      2024-02,11,'=东区,employment.new_urban_jobs,completion_pct,
      2024-02,11,'=东区,employment.new_urban_jobs,time_progress_pct,16.6666666666667
      2024-02,11,'=东区,employment.new_urban_jobs,progress_gap_pp,

      """
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.prefix(28).joined(separator: "\n") + "\n" == expected)
    #expect(text.contains("\n2024-02,12,\"西区,新\",employment.new_urban_jobs,share_pct,16.6666666666667\n"))
    #expect(text.contains("\n2024-02,13,\"南\"\"县\"\"\",employment.new_urban_jobs,rank,2\n"))
    #expect(text.contains("\n2024-02,12,\"西区,新\",employment.new_urban_jobs,rank,3\n"))
    #expect(IndicatorCSV.data(try smallReport()).prefix(3) == Data([0xEF, 0xBB, 0xBF]))
    #expect(!text.contains("\r"))
  }

  @Test func formulaGuardAndRoundTripOfTextFields() throws {
    #expect(IndicatorCSV.textField("=SUM(A1)") == "'=SUM(A1)")
    #expect(IndicatorCSV.textField("+1") == "'+1")
    #expect(IndicatorCSV.textField("-东区") == "'-东区")
    #expect(IndicatorCSV.textField("@x") == "'@x")
    #expect(IndicatorCSV.textField("a,b") == "\"a,b\"")
    #expect(IndicatorCSV.textField("=a,b") == "\"'=a,b\"")
    let report = try smallReport(rootName: "-全市")
    let rows = try IndicatorCSV.read(IndicatorCSV.data(report))
    #expect(rows.first!.regionName == "-全市")
    #expect(Set(rows.map(\.regionName)) == ["-全市", "=东区", "西区,新", "南\"县\""])
    // Values are never guarded: a negative number stays a number.
    #expect(IndicatorCSV.value(.number(q(-4, 10))) == "-0.4")
    #expect(IndicatorCSV.value(.flag(true)) == "true")
    #expect(IndicatorCSV.value(.absent(.missingInput)) == "")
    #expect(throws: IndicatorCSV.ReadError.self) { try IndicatorCSV.read(Data("a,b\n".utf8)) }
  }

  @Test func writesAtomicallyToAFile() throws {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "indicators-\(UUID().uuidString).csv")
    defer { try? FileManager.default.removeItem(at: url) }
    let report = try smallReport()
    try IndicatorCSV.write(report, to: url)
    #expect(try Data(contentsOf: url) == IndicatorCSV.data(report))
  }

  @Test func filteringByPrefixAndRegion() throws {
    let report = try Fixture.compute(petitionTables(), "2024-03")
    let only = report.filtered(only: "petitions.category.", region: Fixture.west)
    #expect(only.indicators.allSatisfy { $0.id.hasPrefix("petitions.category.") })
    #expect(only.results.allSatisfy { $0.region.code == Fixture.west })
    #expect(only.results.count == only.indicators.count)
    #expect(only.figure("petitions.category.城乡建设", region: Fixture.west, measure: .ytd) == .number(q(1)))
    #expect(only.figure("petitions.total", region: Fixture.west, measure: .ytd) == nil)
    #expect(
      IndicatorCSV.text(only).split(separator: "\n").count == 1
        + only.results.reduce(0) { $0 + $1.figures.count })
  }

  @Test func computationCostDoesNotDependOnRecordCounts() throws {
    // The same cube with every item counted 10,000 times gives the same cells and 10,000× counts.
    var small = PetitionBuilder()
    var large = PetitionBuilder()
    for (builder, count) in [(0, 1), (1, 10_000)] {
      for day in 1...28 {
        let received = "2024-02-\(day < 10 ? "0" : "")\(day)"
        if builder == 0 {
          small.add(Fixture.east, received: received, accepted: received, count: count)
        } else {
          large.add(Fixture.east, received: received, accepted: received, count: count)
        }
      }
    }
    #expect(small.table.counts.count == large.table.counts.count)
    let a = try Fixture.compute(DataTables(regions: Fixture.tree, petitions: small.table), "2024-02")
    let b = try Fixture.compute(DataTables(regions: Fixture.tree, petitions: large.table), "2024-02")
    #expect(b.figure("petitions.total", region: Fixture.root, measure: .ytd) == .number(q(280_000)))
    #expect(
      a.figure("petitions.timely_acceptance_rate", region: Fixture.root, measure: .ytd) == .number(q(100)))
    #expect(
      b.figure("petitions.timely_acceptance_rate", region: Fixture.root, measure: .ytd) == .number(q(100)))
  }
}

@Suite struct FootnoteListingTests {
  @Test func filteredViewsListOnlyTheNotesTheyUse() throws {
    let report = try Fixture.compute(EmploymentTests.tables(), "2024-03")
    #expect(report.footnotes.count > 2)  // table notes, then trend-series notes
    let view = report.filtered(only: "employment.reemployed")
    #expect(view.tableFootnotes.map(\.number) == [1])
  }
}
