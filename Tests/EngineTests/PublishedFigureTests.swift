import Testing

@testable import Engine
@testable import Tables

private let root = Fixture.root
private let east = Fixture.east
private let west = Fixture.west

/// Published figures reproduced digit for digit. Values are entered in 万 (persons/10,000) with
/// fixed-point decimals, split over the districts so that the totals roll up from leaves.
@Suite struct PublishedFigureTests {
  /// Sets a region-month stock as four leaf values.
  private func levels(
    _ b: inout RegionMonthBuilder<InsuranceField>, _ month: String, _ values: [String], scheme: Scheme
  ) {
    for (leaf, value) in zip(Fixture.leaves, values) { b.set(leaf, month, .insured, value, scheme: scheme) }
  }

  @Test func shenzhenMedicalInsuranceGrowth() throws {
    // 深圳基本医疗保险参保 1,647.02万 (2021-07) → 1,668.03万 (2022-06) → 1,673.45万 (2022-07).
    var b = RegionMonthBuilder<InsuranceField>()
    levels(&b, "2021-07", ["600.50", "546.52", "300.00", "200.00"], scheme: .medicalEmployee)
    levels(&b, "2022-06", ["608.00", "552.03", "308.00", "200.00"], scheme: .medicalEmployee)
    levels(&b, "2022-07", ["610.10", "555.35", "308.00", "200.00"], scheme: .medicalEmployee)
    let report = try Fixture.compute(DataTables(regions: Fixture.tree, insurance: b.table), "2022-07")
    let id = "insurance.medical_employee.insured"
    let r = Reader(report: report)
    #expect(r.value(id, root, .level) == Rational(decimal: "1673.45"))
    let yoy = r.value(id, root, .levelYoyPct)
    #expect(yoy == Rational(decimal: "26.43")! / Rational(decimal: "1647.02")! * .hundred)
    #expect(IndicatorFormat.display(yoy, decimals: 2) == "1.60")
    #expect(IndicatorFormat.growth(yoy) == "增长1.6%")
    let mom = r.value(id, root, .levelMomPct)
    #expect(IndicatorFormat.display(mom, decimals: 2) == "0.32")
    #expect(IndicatorFormat.display(r.value(id, root, .level), decimals: 2) == "1,673.45")
  }

  @Test func newUrbanJobsHalfYear2023() throws {
    // 2023年1-6月城镇新增就业678万人，完成全年目标1,200万人的56.5%（公布为57%）。
    var b = RegionMonthBuilder<EmploymentField>()
    for m in 1...6 {
      b.set(east, "2023-\(m)", .newUrbanJobs, "50.5")
      b.set(west, "2023-\(m)", .newUrbanJobs, "40.25")
      b.set(Fixture.southA, "2023-\(m)", .newUrbanJobs, "12.125")
      b.set(Fixture.southB, "2023-\(m)", .newUrbanJobs, "10.125")
    }
    let tables = DataTables(
      regions: Fixture.tree, employment: b.table,
      targets: [Fixture.target("employment.new_urban_jobs", root, "1200", year: 2023)])
    let report = try Fixture.compute(tables, "2023-06")
    let r = Reader(report: report)
    let id = "employment.new_urban_jobs"
    #expect(r.value(id, root, .ytd) == q(678))
    let completion = r.value(id, root, .completionPct)
    #expect(completion == q(113, 2))
    #expect(IndicatorFormat.display(completion, decimals: 0) == "57")
    #expect(
      IndicatorFormat.display(
        report.figure(id, region: root, measure: .completionPct), of: report.indicator(id)!,
        measure: .completionPct) == "56.5")
    let gap = r.value(id, root, .progressGapPp)
    #expect(gap == q(13, 2))
    #expect(IndicatorFormat.progress(gap: gap) == "超序时进度6.5个百分点")
    #expect(report.verdict(progressGap: gap!) == .ahead)
    #expect(IndicatorFormat.quantity(r.value(id, root, .ytd)! * q(10_000), unit: "人") == "678.00万人")
  }

  @Test func newUrbanJobsNineMonths2019() throws {
    // 2019年1-9月城镇新增就业1,097万人，完成全年目标1,100万人的99.7%。
    var b = RegionMonthBuilder<EmploymentField>()
    for m in 1...9 {
      b.set(east, "2019-\(m)", .newUrbanJobs, m == 9 ? "52" : "50")
      b.set(west, "2019-\(m)", .newUrbanJobs, "40")
      b.set(Fixture.southA, "2019-\(m)", .newUrbanJobs, "22")
      b.set(Fixture.southB, "2019-\(m)", .newUrbanJobs, m == 9 ? "15" : "9")
    }
    let tables = DataTables(
      regions: Fixture.tree, employment: b.table,
      targets: [Fixture.target("城镇新增就业人数", root, "1100", year: 2019)])
    let r = Reader(report: try Fixture.compute(tables, "2019-09"))
    #expect(r.value("employment.new_urban_jobs", root, .ytd) == q(1097))
    let completion = r.value("employment.new_urban_jobs", root, .completionPct)
    #expect(IndicatorFormat.display(completion, decimals: 1) == "99.7")
    #expect(
      IndicatorFormat.display(r.value("employment.new_urban_jobs", root, .progressGapPp), decimals: 1)
        == "24.7")
  }

  @Test func pensionInsuranceDecline() throws {
    // 养老保险参保 1,145.05万 → 1,140.92万：下降0.4%。
    var b = RegionMonthBuilder<InsuranceField>()
    levels(&b, "2023-06", ["500.05", "345", "200", "100"], scheme: .pensionResident)
    levels(&b, "2024-06", ["498.92", "342", "200", "100"], scheme: .pensionResident)
    let r = Reader(
      report: try Fixture.compute(DataTables(regions: Fixture.tree, insurance: b.table), "2024-06"))
    let yoy = r.value("insurance.pension_resident.insured", root, .levelYoyPct)
    #expect(yoy == Rational(decimal: "-4.13")! / Rational(decimal: "1145.05")! * .hundred)
    #expect(IndicatorFormat.growth(yoy) == "下降0.4%")
    #expect(IndicatorFormat.display(yoy, decimals: 1) == "-0.4")
  }

  @Test func registeredUnemploymentRateChange() throws {
    // 城镇登记失业率 4.09% → 4.05%：降低0.04个百分点（1位小数时为持平）。
    var b = RegionMonthBuilder<EmploymentField>()
    let previous: [(String, String)] = [("8", "188"), ("4.09", "95.91"), ("2.5", "51.5"), ("1.77", "48.23")]
    let current: [(String, String)] = [("7.9", "188.1"), ("4.1", "95.9"), ("2.5", "51.5"), ("1.7", "48.3")]
    for (leaf, (ru, ue)) in zip(Fixture.leaves, previous) {
      b.set(leaf, "2023-12", .registeredUnemployed, ru)
      b.set(leaf, "2023-12", .urbanEmployed, ue)
    }
    for (leaf, (ru, ue)) in zip(Fixture.leaves, current) {
      b.set(leaf, "2024-12", .registeredUnemployed, ru)
      b.set(leaf, "2024-12", .urbanEmployed, ue)
    }
    let r = Reader(
      report: try Fixture.compute(DataTables(regions: Fixture.tree, employment: b.table), "2024-12"))
    let id = "employment.registered_unemployment_rate"
    #expect(r.value(id, root, .levelPrev) == Rational(decimal: "4.09"))
    #expect(r.value(id, root, .level) == Rational(decimal: "4.05"))
    let change = r.value(id, root, .levelChangePp)
    #expect(change == Rational(decimal: "-0.04"))
    #expect(IndicatorFormat.pointsChange(change, decimals: 2) == "降低0.04个百分点")
    #expect(IndicatorFormat.pointsChange(change) == "持平")
  }

  @Test func competitionRankingWithTies() throws {
    var b = RegionMonthBuilder<EmploymentField>()
    // 东区 30, 西区 50, 南县 20 + 30 = 50: 西区 and 南县 share 1st, 东区 is 3rd.
    for (leaf, value) in zip(Fixture.leaves, ["30", "50", "20", "30"]) {
      b.set(leaf, "2024-01", .newUrbanJobs, value)
    }
    let r = Reader(
      report: try Fixture.compute(DataTables(regions: Fixture.tree, employment: b.table), "2024-01"))
    let id = "employment.new_urban_jobs"
    #expect(r.value(id, west, .rank) == q(1))
    #expect(r.value(id, Fixture.south, .rank) == q(1))
    #expect(r.value(id, east, .rank) == q(3))
    // 2023 is not in the data: the previous year is absent, not zero.
    #expect(r.figure(id, root, .ytdPrev) == .absent(.notInData))
    #expect(r.figure(id, root, .ytdYoyPct) == .absent(.notInData))
  }
}
