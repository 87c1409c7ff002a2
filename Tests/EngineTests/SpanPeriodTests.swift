import Testing

@testable import Engine
@testable import Tables

private let root = Fixture.root

/// Every leaf has new_urban_jobs = m + 10 in month m of 2024 and m in 2023, and a registered-
/// unemployed level of 100 × m (2024) or 50 × m (2023) at the end of month m.
private func spanTables() -> DataTables {
  var b = RegionMonthBuilder<EmploymentField>()
  for leaf in Fixture.leaves {
    for m in 1...12 {
      b.set(leaf, "2024-\(m)", .newUrbanJobs, "\(m + 10)")
      b.set(leaf, "2023-\(m)", .newUrbanJobs, "\(m)")
      b.set(leaf, "2024-\(m)", .registeredUnemployed, "\(100 * m)")
      b.set(leaf, "2023-\(m)", .registeredUnemployed, "\(50 * m)")
    }
  }
  return DataTables(regions: Fixture.tree, employment: b.table)
}

@Suite struct SpanPeriodTests {
  let id = "employment.new_urban_jobs"

  @Test func quarter() throws {
    let report = try Fixture.compute(spanTables(), "2024Q3")
    let r = Reader(report: report)
    // Per leaf: 本期 17+18+19 = 54; 去年同期 7+8+9 = 24; 上期 (Q2) 14+15+16 = 45; 1-9月 135 vs 45.
    #expect(r.value(id, root, .month) == q(216))
    #expect(r.value(id, root, .monthPrev) == q(96))
    #expect(r.value(id, root, .monthYoyPct) == q(125))
    #expect(r.value(id, root, .momPct) == q(20))
    #expect(r.value(id, root, .ytd) == q(540))
    #expect(r.value(id, root, .ytdYoyPct) == q(200))
    #expect(r.value(id, root, .timeProgressPct) == q(75))
    let stock = "employment.registered_unemployed"
    #expect(r.value(stock, root, .level) == q(3600))  // September
    #expect(r.value(stock, root, .levelPrev) == q(1800))
    #expect(r.value(stock, root, .levelMomPct) == q(50))  // against June (2400)
    #expect(r.value(stock, root, .prevYearEnd) == q(2400))  // December 2023: 4 × 600
    #expect(Measure.month.chineseLabel(span: true) == "本期")
  }

  @Test func half() throws {
    let r = Reader(report: try Fixture.compute(spanTables(), "2024H1"))
    // Per leaf: 本期 Σ(m+10), m=1…6 = 81; 去年同期 21; 上期 = H2 2023 = 7+…+12 = 57.
    #expect(r.value(id, root, .month) == q(324))
    #expect(r.value(id, root, .monthYoyPct) == q(2000, 7))
    #expect(r.value(id, root, .momPct) == q(800, 19))
    #expect(r.value(id, root, .ytd) == q(324))
    #expect(r.value(id, root, .timeProgressPct) == q(50))
  }

  @Test func year() throws {
    let r = Reader(report: try Fixture.compute(spanTables(), "2024"))
    // Per leaf: 198 in 2024, 78 in 2023; 上期 is 2023 itself.
    #expect(r.value(id, root, .month) == q(792))
    #expect(r.value(id, root, .ytd) == q(792))
    #expect(r.value(id, root, .momPct) == q(2000, 13))
    #expect(r.value(id, root, .ytdYoyPct) == q(2000, 13))
    #expect(r.value(id, root, .timeProgressPct) == q(100))
  }

  @Test func timeProgressByDays() throws {
    let yaml = try String(contentsOf: Fixture.catalogueURL, encoding: .utf8)
      .replacingOccurrences(of: "time_progress: months", with: "time_progress: days")
    let catalogue = try IndicatorCatalogue.parse(yaml)
    let report = try Fixture.compute(spanTables(), "2024-03", catalogue: catalogue)
    // 31 + 29 + 31 = 91 days of 366 in 2024.
    #expect(report.timeProgressPct == q(9100, 366))
  }
}
