import Testing

@testable import Loading
@testable import Tables

/// Data contract §6–§9: region-month datasets, totals, cumulative columns, completeness.
@Suite struct RegionMonthTests {
  private func folder(_ employment: String, path: String = "就业.csv") -> DataFolder {
    DataFolder().write("regions.csv", DataFolder.regions).write(path, employment)
  }

  @Test func completeDataLoadsMonthlyValues() throws {
    let report = folder(completeEmployment()).load()
    #expect(report.lines.isEmpty)
    let employment = try #require(report.tables?.employment)
    let key = RegionMonthKey(regionCode: "330502", month: YearMonth(year: 2024, month: 2)!)
    #expect(employment.value(.newUrbanJobs, key) == FixedPoint(10))
    #expect(employment.value(.registeredUnemployed, key) == FixedPoint(5))
    // The column is absent from the file, so the value is absent, not zero.
    #expect(employment.value(.reemployed, key) == nil)
  }

  @Test func cumulativeColumnsAreDifferencedWithinTheYear() throws {
    let values = ["2023-01": 100, "2023-02": 250, "2023-12": 900, "2024-01": 120, "2024-02": 300]
    let text = completeEmployment(header: "统计月份,区县,城镇新增就业人数(累计)") { month, _ in String(values[month]!) }
    let employment = try #require(folder(text).load().tables?.employment)
    func value(_ month: YearMonth) -> FixedPoint? {
      employment.value(.newUrbanJobs, RegionMonthKey(regionCode: "330503", month: month))
    }
    #expect(value(YearMonth(year: 2024, month: 1)!) == FixedPoint(120))
    #expect(value(YearMonth(year: 2024, month: 2)!) == FixedPoint(180))
    #expect(value(YearMonth(year: 2023, month: 2)!) == FixedPoint(150))
    // December's previous month (November) is not in the data: absent, never a guess.
    #expect(value(YearMonth(year: 2023, month: 12)!) == nil)
  }

  @Test func aDecreasingCumulativeValueIsAnErrorAtItsLine() {
    let text = completeEmployment(header: "统计月份,区县,新增就业_ytd") { month, region in
      month == "2024-02" && region == "东山区" ? "5" : (month.hasSuffix("-01") ? "10" : "20")
    }
    #expect(
      folder(text).load().errorLines == [
        "就业.csv:15: column '新增就业_ytd': cumulative value 5 for 东山区 (330503) 2024-02 is lower than 10 in 2024-01 (就业.csv:12)"
      ])
  }

  @Test func reportedTotalsAreComparedNeverAdded() throws {
    var text = completeEmployment()
    text += "2024-02,合计,31,15\n2024-02,江川市,30,15\n"
    let report = folder(text).load()
    #expect(
      report.lines == [
        "就业.csv:17: warning: column '城镇新增就业人数': reported total 31 differs from the sum of the districts in this file 30"
      ])
    let employment = try #require(report.tables?.employment)
    #expect(employment.rows.count == 15)
  }

  @Test func duplicateRegionMonthInOneFileIsAnErrorAndInALaterFileReplaces() throws {
    let duplicate = folder(completeEmployment() + "2024-02,西湖,11,5\n").load()
    #expect(
      duplicate.errorLines == [
        "就业.csv:17: column '区县': duplicate row for 西湖区 (330502) 2024-02 (first at line 14)"
      ])

    let later = folder(completeEmployment(), path: "a/1月.csv")
    later.write("a/2月.csv", "统计月份,区县,城镇新增就业人数\n2024-02,西湖区,99\n")
    let report = later.load()
    #expect(
      report.lines == [
        "a/2月.csv:2: note: column '区县': replaces the row for 西湖区 (330502) 2024-02 from a/1月.csv:14"
      ])
    let key = RegionMonthKey(regionCode: "330502", month: YearMonth(year: 2024, month: 2)!)
    #expect(report.tables?.employment?.value(.newUrbanJobs, key) == FixedPoint(99))
    // The later row replaces the whole row: its file has no unemployment column.
    #expect(report.tables?.employment?.value(.registeredUnemployed, key) == nil)
  }

  @Test func missingMonthsAreErrorsOrAbsentWithAllowMissing() throws {
    let text =
      completeEmployment().split(separator: "\n").filter { !$0.hasPrefix("2023-12,东山区") }
      .filter { !$0.hasPrefix("2023-02") }.joined(separator: "\n") + "\n"
    #expect(
      folder(text).load().errorLines == [
        "就业.csv: column '统计月份': no rows for 2023-02 (none of the 3 districts)",
        "就业.csv: column '统计月份': no row for 东山区 (330503) in 2023-12",
      ])
    let allowed = folder(text).load(allowMissing: true)
    #expect(allowed.errorLines.isEmpty)
    #expect(allowed.warningLines.count == 2)
    let employment = try #require(allowed.tables?.employment)
    #expect(employment.missing.count == 4)
    #expect(
      employment.missing.contains(
        RegionMonthKey(regionCode: "330503", month: YearMonth(year: 2023, month: 12)!)))
  }

  @Test func negativeCountsAreErrorsButRefundsMayBeNegative() {
    var text = "统计月份,区县,险种,参保人数,征缴收入(万元)\n"
    for month in ["2023-01", "2023-02", "2023-12", "2024-01", "2024-02"] {
      for region in ["西湖区", "东山区", "安平县"] { text += "\(month),\(region),企业养老,1000,-2.5\n" }
    }
    text += "2024-03,西湖区,职工医保,-1,3\n"
    let report = DataFolder().write("regions.csv", DataFolder.regions).write("社保.csv", text).load()
    #expect(
      report.errorLines.first == "社保.csv:17: column '参保人数': negative count -1")
  }

  @Test func insuranceCompletenessIsPerScheme() {
    var text = "统计月份,区县,险种,参保人数\n"
    for month in ["2023-01", "2023-02", "2023-12", "2024-01", "2024-02"] {
      for region in ["西湖区", "东山区", "安平县"] { text += "\(month),\(region),企业养老,1000\n" }
    }
    text += "2024-02,西湖区,职工医保,500\n"
    let report = DataFolder().write("regions.csv", DataFolder.regions).write("社保.csv", text).load()
    #expect(report.errorLines.count == 6)
    #expect(report.errorLines.contains("社保.csv: column '统计月份': no 职工基本医疗保险 row for 东山区 (330503) in 2024-02"))
  }

  @Test func skipInvalidDropsBadRowsAndCountsThem() throws {
    let text = completeEmployment() + "2024-03,西湖区,abc,1\n"
    let strict = folder(text).load()
    #expect(strict.errorLines == ["就业.csv:17: column '城镇新增就业人数': 'abc' is not a number"])
    #expect(strict.tables == nil)
    let lenient = folder(text).load(skipInvalid: true)
    #expect(
      lenient.warningLines == ["就业.csv:17: warning: column '城镇新增就业人数': 'abc' is not a number (row skipped)"])
    #expect(lenient.files.last?.rowsRejected == 1)
    #expect(lenient.tables?.employment?.rows.count == 15)
  }

  @Test func anEmploymentFileNeedsAMeasureColumn() {
    let report = folder("统计月份,区县\n2024-01,西湖区\n").load()
    #expect(report.errorLines.first?.hasPrefix("就业.csv: no measure column") == true)
  }

  @Test func targetsResolveRegionsAndDirections() throws {
    let report = DataFolder().write("regions.csv", DataFolder.regions)
      .write(
        "目标.csv",
        "年度,区县,指标,目标值,方向\n2024,全市,employment.registered_unemployment_rate,3.5,不高于\n2024,西湖,城镇新增就业人数,\"12,000\",\n"
      )
      .load(period: nil)
    let targets = try #require(report.tables?.targets)
    #expect(targets.map(\.regionCode) == ["330500", "330502"])
    #expect(targets.map(\.direction) == [.atMost, .atLeast])
    #expect(targets.map(\.value) == [FixedPoint(scaled: 35_000), FixedPoint(12_000)])
    #expect(targets[1].source.description == "目标.csv:3")
  }
}

@Suite struct ReportedTotalTests {
  @Test func aNonLeafRegionRowIsComparedWithItsOwnLeaves() {
    let regions = """
      区划代码,名称,上级代码
      330500,江川市,
      330510,北片区,330500
      330511,甲镇,330510
      330512,乙镇,330510
      330520,南片区,330500
      330521,丙镇,330520

      """
    var text = "统计月份,区县,城镇新增就业人数\n"
    for month in ["2023-01", "2023-02", "2023-12", "2024-01", "2024-02"] {
      for region in ["甲镇", "乙镇", "丙镇"] { text += "\(month),\(region),7\n" }
    }
    text += "2024-02,北片区,15\n2024-02,南片区,7\n2024-02,全市,21\n"
    let report = DataFolder().write("regions.csv", regions).write("就业.csv", text).load()
    #expect(
      report.warningLines == [
        "就业.csv:17: warning: column '城镇新增就业人数': reported total 15 differs from the sum of its districts 14"
      ])
    #expect(report.tables?.employment?.rows.count == 15)
  }
}
