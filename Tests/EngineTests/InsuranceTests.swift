import Testing

@testable import Engine
@testable import Tables

private let root = Fixture.root
private let east = Fixture.east
private let west = Fixture.west
private let south = Fixture.south

/// 企业养老 insured (month-end) per leaf:
///
/// | month | 东区 | 西区 | 甲镇 | 乙镇 | 全市 |
/// | 2022-12 | 900 | 500 | 100 | 100 | 1600 |
/// | 2023-02 | 950 | 500 | 100 | 100 | 1650 |
/// | 2023-03 | 960 | 520 | 100 | 100 | 1680 |
/// | 2023-12 | 1000 | 510 | 100 | 100 | 1710 |
/// | 2024-01 | 990 | 520 | 100 | 100 | 1710 |
/// | 2024-02 | 1010 | 505 | 100 | 100 | 1715 |
/// | 2024-03 | 1040 | 500 | 100 | 100 | 1740 |
///
/// eligible is given for 东区 in 2024-03 only (2000); 职工医保 has its own, much larger numbers.
func insuranceTables(withDecemberTwoYearsBack: Bool = true) -> DataTables {
  var b = RegionMonthBuilder<InsuranceField>()
  let months = ["2022-12", "2023-02", "2023-03", "2023-12", "2024-01", "2024-02", "2024-03"]
  let values: [(String, [String])] = [
    (east, ["900", "950", "960", "1000", "990", "1010", "1040"]),
    (west, ["500", "500", "520", "510", "520", "505", "500"]),
    (Fixture.southA, Array(repeating: "100", count: 7)), (Fixture.southB, Array(repeating: "100", count: 7)),
  ]
  for (leaf, levels) in values {
    for (month, level) in zip(months, levels) where withDecemberTwoYearsBack || month != "2022-12" {
      b.set(leaf, month, .insured, level, scheme: .pensionEnterprise)
      b.set(leaf, month, .insured, String(Int(level)! * 10), scheme: .medicalEmployee)
      b.set(leaf, month, .contributions, "12.345", scheme: .pensionEnterprise)
    }
  }
  b.set(east, "2024-03", .eligible, "2000", scheme: .pensionEnterprise)
  return DataTables(regions: Fixture.tree, insurance: b.table)
}

@Suite struct InsuranceTests {
  @Test func netIncreaseIsAFlowViewOfTheStock() throws {
    let r = Reader(report: try Fixture.compute(insuranceTables(), "2024-03"))
    let id = "insurance.pension_enterprise.net_increase"
    #expect(r.value(id, root, .month) == q(25))
    #expect(r.value(id, root, .monthPrev) == q(30))
    #expect(r.value(id, root, .monthYoyPct) == q(-50, 3))
    #expect(r.value(id, root, .momPct) == q(400))  // February's increase was 5
    #expect(r.value(id, root, .ytd) == q(30))
    #expect(r.value(id, root, .ytdPrev) == q(80))
    #expect(r.value(id, root, .ytdChange) == q(-50))
    #expect(r.value(id, root, .ytdYoyPct) == q(-125, 2))
    #expect(r.value(id, east, .ytd) == q(40))
    #expect(r.value(id, east, .momPct) == q(50))
    #expect(r.value(id, west, .month) == q(-5))
    #expect(r.value(id, west, .ytd) == q(-10))
    // Growth from a negative base is computed as written: (−5 − (−15)) / (−15) × 100.
    #expect(r.value(id, west, .momPct) == q(-200, 3))
    #expect(r.figure(id, south, .monthYoyPct) == .absent(.notComputable))
    #expect(r.value(id, east, .sharePct) == q(400, 3))
    #expect(r.value(id, west, .sharePct) == q(-100, 3))
    #expect(r.value(id, east, .rank) == q(1))
    #expect(r.value(id, south, .rank) == q(2))
    #expect(r.value(id, west, .rank) == q(3))
    #expect(r.value(id, root, .timeProgressPct) == q(25))
  }

  @Test func netIncreaseYtdPrevNeedsDecemberTwoYearsBack() throws {
    let report = try Fixture.compute(insuranceTables(withDecemberTwoYearsBack: false), "2024-03")
    let id = "insurance.pension_enterprise.net_increase"
    let figure = report.result(id, region: root)!.measureFigure(.ytdPrev)!
    #expect(figure.figure == .absent(.notInData))
    #expect(figure.footnotes.isEmpty)  // not a missing input: simply outside the data
    #expect(report.figure(id, region: root, measure: .ytd) == .number(q(30)))
  }

  @Test func insuredStockAndSchemesNeverSummed() throws {
    let report = try Fixture.compute(insuranceTables(), "2024-03")
    let r = Reader(report: report)
    let id = "insurance.pension_enterprise.insured"
    #expect(r.value(id, root, .level) == q(1740))
    #expect(r.value(id, root, .levelPrev) == q(1680))
    #expect(r.value(id, root, .levelYoyPct) == q(25, 7))
    #expect(r.value(id, root, .levelMomPct) == q(500, 343))
    #expect(r.value(id, root, .prevYearEnd) == q(1710))
    #expect(r.value(id, root, .increase) == q(30))
    #expect(r.value("insurance.medical_employee.insured", root, .level) == q(17400))
    // Only the schemes in the data, in the contract's order; no cross-scheme total exists.
    let schemes = report.indicators.compactMap(\.scheme)
    #expect(
      Array(Set(schemes)).sorted { $0.rawValue < $1.rawValue } == [.medicalEmployee, .pensionEnterprise])
    #expect(report.indicators.first { $0.scheme != nil }!.scheme == .pensionEnterprise)
    #expect(!report.indicators.contains { $0.id.hasPrefix("insurance.") && $0.scheme == nil })
    // Money keeps its decimals exactly: 4 leaves × 3 months × 12.345.
    #expect(r.value("insurance.pension_enterprise.contributions", root, .ytd) == q(148_140, 1000))
  }

  @Test func coverageRateIsAbsentWhereEligibleIsMissing() throws {
    let report = try Fixture.compute(insuranceTables(), "2024-03")
    let r = Reader(report: report)
    let id = "insurance.pension_enterprise.coverage_rate"
    #expect(r.value(id, east, .level) == q(52))
    #expect(r.figure(id, west, .level) == .absent(.missingInput))
    #expect(r.figure(id, root, .level) == .absent(.missingInput))
    #expect(r.figure(id, east, .levelPrev) == .absent(.missingInput))
    let numbers = report.footnoteNumbers(id, region: west, measure: .level)
    #expect(
      noteText(report, numbers).hasPrefix("社会保险参保数据（企业职工基本养老保险）“应参保人数”未填报：东区 2023-03；西区 2023-03、2024-03；"))
    // 职工医保 has no eligible column at all.
    let medical = report.footnoteNumbers(
      "insurance.medical_employee.coverage_rate", region: root, measure: .level)
    #expect(noteText(report, medical).contains("无“应参保人数”列"))
  }
}
