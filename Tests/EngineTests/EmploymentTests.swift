import Testing

@testable import Engine
@testable import Tables

/// Hand-computed golden figures for flows, stocks and a rate of stocks (period 2024-03).
private let east = Fixture.east
private let west = Fixture.west
private let south = Fixture.south
private let root = Fixture.root

@Suite struct EmploymentTests {

  /// new_urban_jobs, Jan–Mar of 2023 and 2024:
  ///   东区 2024 100 120 150 (ytd 370), 2023 90 100 120 (ytd 310)
  ///   西区 2024  80  90 100 (ytd 270), 2023 80  90 100 (ytd 270)
  ///   南县 甲镇 30 30 40 + 乙镇 20 20 10 (ytd 150), 2023 all 0
  /// registered_unemployed (stock) and urban_employed at 2023-03, 2023-12, 2024-02, 2024-03:
  ///   东区 400, 450, 480, 500; urban 9600 (2023-03), 9500 (2024-03)
  ///   西区 300, 320, 300, 300; urban 9700, 9700
  ///   甲镇/乙镇 0, 100, 100, 100 each; urban 5000, 4900 each
  /// reemployed is an empty cell for 西区 2024-02; rural_transfer is no column at all.
  static func tables(targets: [Target] = []) -> DataTables {
    var b = RegionMonthBuilder<EmploymentField>()
    b.series(east, from: "2024-01", .newUrbanJobs, ["100", "120", "150"])
    b.series(east, from: "2023-01", .newUrbanJobs, ["90", "100", "120"])
    b.series(west, from: "2024-01", .newUrbanJobs, ["80", "90", "100"])
    b.series(west, from: "2023-01", .newUrbanJobs, ["80", "90", "100"])
    b.series(Fixture.southA, from: "2024-01", .newUrbanJobs, ["30", "30", "40"])
    b.series(Fixture.southB, from: "2024-01", .newUrbanJobs, ["20", "20", "10"])
    for leaf in [Fixture.southA, Fixture.southB] {
      b.series(leaf, from: "2023-01", .newUrbanJobs, ["0", "0", "0"])
    }
    for leaf in Fixture.leaves {
      for month in ["2023-01", "2023-02", "2023-03", "2024-01", "2024-02", "2024-03"] {
        b.set(leaf, month, .hardToEmploy, "1")
        if !(leaf == west && month == "2024-02") { b.set(leaf, month, .reemployed, "2") }
      }
    }
    let levels: [(String, [String])] = [
      (east, ["400", "450", "480", "500"]), (west, ["300", "320", "300", "300"]),
      (Fixture.southA, ["0", "100", "100", "100"]), (Fixture.southB, ["0", "100", "100", "100"]),
    ]
    for (leaf, values) in levels {
      for (month, value) in zip(["2023-03", "2023-12", "2024-02", "2024-03"], values) {
        b.set(leaf, month, .registeredUnemployed, value)
      }
    }
    let urban: [(String, String, String)] = [
      (east, "9600", "9500"), (west, "9700", "9700"), (Fixture.southA, "5000", "4900"),
      (Fixture.southB, "5000", "4900"),
    ]
    for (leaf, previous, current) in urban {
      b.set(leaf, "2023-03", .urbanEmployed, previous)
      b.set(leaf, "2024-03", .urbanEmployed, current)
    }
    return DataTables(regions: Fixture.tree, employment: b.table, targets: targets)
  }

  @Test func flowMeasures() throws {
    let targets = [
      Fixture.target("employment.new_urban_jobs", root, "3000", year: 2024),
      Fixture.target("城镇新增就业人数", east, "1000", year: 2024),
      Fixture.target("employment.new_urban_jobs", west, "999", year: 2023),  // another year: ignored
    ]
    let report = try Fixture.compute(Self.tables(targets: targets), "2024-03")
    let r = Reader(report: report)
    let id = "employment.new_urban_jobs"
    // 全市
    #expect(r.value(id, root, .month) == q(300))
    #expect(r.value(id, root, .monthPrev) == q(220))
    #expect(r.value(id, root, .monthYoyPct) == q(400, 11))
    #expect(r.value(id, root, .momPct) == q(200, 13))
    #expect(r.value(id, root, .ytd) == q(790))
    #expect(r.value(id, root, .ytdPrev) == q(580))
    #expect(r.value(id, root, .ytdChange) == q(210))
    #expect(r.value(id, root, .ytdYoyPct) == q(1050, 29))
    #expect(r.value(id, root, .sharePct) == q(100))
    #expect(report.figure(id, region: root, measure: .rank) == nil)
    #expect(r.value(id, root, .target) == q(3000))
    #expect(r.value(id, root, .completionPct) == q(79, 3))
    #expect(r.value(id, root, .timeProgressPct) == q(25))
    #expect(r.value(id, root, .progressGapPp) == q(4, 3))
    // 东区
    #expect(r.value(id, east, .month) == q(150))
    #expect(r.value(id, east, .monthYoyPct) == q(25))
    #expect(r.value(id, east, .momPct) == q(25))
    #expect(r.value(id, east, .ytdYoyPct) == q(600, 31))
    #expect(r.value(id, east, .sharePct) == q(3700, 79))
    #expect(r.value(id, east, .rank) == q(1))
    #expect(r.value(id, east, .completionPct) == q(37))
    #expect(r.value(id, east, .progressGapPp) == q(12))
    // 西区: an exact zero change is 0, not absent; no target this year.
    #expect(r.value(id, west, .monthYoyPct) == q(0))
    #expect(r.value(id, west, .ytdChange) == q(0))
    #expect(r.value(id, west, .rank) == q(2))
    #expect(r.figure(id, west, .target) == .absent(.noTarget))
    #expect(r.figure(id, west, .completionPct) == .absent(.noTarget))
    #expect(r.value(id, west, .timeProgressPct) == q(25))
    // 南县: rolled up from two leaves; growth on a zero base is absent, never 0 or infinite.
    #expect(r.value(id, south, .month) == q(50))
    #expect(r.value(id, south, .ytd) == q(150))
    #expect(r.figure(id, south, .monthYoyPct) == .absent(.notComputable))
    #expect(r.figure(id, south, .ytdYoyPct) == .absent(.notComputable))
    #expect(r.value(id, south, .ytdChange) == q(150))
    #expect(r.value(id, south, .momPct) == q(0))
    #expect(r.value(id, south, .rank) == q(3))
    #expect(report.targetModes[id] == .atLeast)
    #expect(report.results(for: id).allSatisfy { $0.figures.allSatisfy(\.footnotes.isEmpty) })
  }

  @Test func stockMeasuresWithAtMostTargets() throws {
    let targets = [
      Fixture.target("employment.registered_unemployed", root, "1100", year: 2024, .atMost),
      Fixture.target("城镇登记失业人数", east, "450", year: 2024, .atMost),
      Fixture.target("employment.registered_unemployed", west, "350", year: 2024, .atLeast),
    ]
    let report = try Fixture.compute(Self.tables(targets: targets), "2024-03")
    let r = Reader(report: report)
    let id = "employment.registered_unemployed"
    #expect(r.value(id, root, .level) == q(1000))
    #expect(r.value(id, root, .levelPrev) == q(700))
    #expect(r.value(id, root, .levelYoyPct) == q(300, 7))
    #expect(r.value(id, root, .levelMomPct) == q(100, 49))  // (1000 − 980) / 980
    #expect(r.value(id, root, .prevYearEnd) == q(970))
    #expect(r.value(id, root, .increase) == q(30))
    #expect(r.value(id, root, .sharePct) == q(100))
    #expect(r.value(id, east, .levelYoyPct) == q(25))
    #expect(r.value(id, east, .levelMomPct) == q(25, 6))
    #expect(r.value(id, east, .increase) == q(50))
    #expect(r.value(id, east, .sharePct) == q(50))
    #expect(r.value(id, west, .increase) == q(-20))
    #expect(r.value(id, west, .levelYoyPct) == q(0))
    #expect(r.figure(id, south, .levelYoyPct) == .absent(.notComputable))
    #expect(r.value(id, south, .sharePct) == q(20))
    #expect(r.value(id, east, .rank) == q(1))
    #expect(r.value(id, west, .rank) == q(2))
    #expect(r.value(id, south, .rank) == q(3))
    // An at_most target anywhere: `met` replaces completion_pct on every row.
    #expect(report.targetModes[id] == .atMost)
    for region in report.regions {
      let measures = report.result(id, region: region.code)!.figures.map(\.measure)
      #expect(measures.contains(.met) && !measures.contains(.completionPct))
    }
    #expect(r.figure(id, root, .met) == .flag(true))
    #expect(r.figure(id, east, .met) == .flag(false))
    #expect(r.figure(id, west, .met) == .flag(false))  // at_least 350, level 300
    #expect(r.figure(id, south, .met) == .absent(.noTarget))
  }

  @Test func rateOfStocksWithAnAtMostTarget() throws {
    let targets = [Fixture.target("城镇登记失业率", root, "3.5", year: 2024, .atMost)]
    let report = try Fixture.compute(Self.tables(targets: targets), "2024-03")
    let r = Reader(report: report)
    let id = "employment.registered_unemployment_rate"
    #expect(r.value(id, root, .level) == q(10, 3))
    #expect(r.value(id, root, .levelPrev) == q(7, 3))
    #expect(r.value(id, root, .levelChangePp) == q(1))
    #expect(r.value(id, east, .level) == q(5))
    #expect(r.value(id, east, .levelPrev) == q(4))
    #expect(r.value(id, west, .levelChangePp) == q(0))
    #expect(r.value(id, south, .level) == q(2))
    #expect(r.value(id, south, .levelPrev) == q(0))
    #expect(r.value(id, south, .levelChangePp) == q(2))
    #expect(
      report.result(id, region: root)!.figures.map(\.measure) == [
        .level, .levelPrev, .levelChangePp, .target, .met,
      ])
    #expect(r.figure(id, root, .met) == .flag(true))
    #expect(r.figure(id, east, .met) == .absent(.noTarget))
  }

  @Test func rateWithoutTargetsHasNoTargetMeasures() throws {
    let report = try Fixture.compute(Self.tables(), "2024-03")
    let id = "employment.registered_unemployment_rate"
    #expect(report.targetModes[id] == TargetMode.none)
    #expect(report.result(id, region: east)!.figures.map(\.measure) == [.level, .levelPrev, .levelChangePp])
    // Flows keep target, completion and time progress even without targets.
    let flow = report.result("employment.new_urban_jobs", region: east)!.figures.map(\.measure)
    #expect(flow.suffix(4) == [.target, .completionPct, .timeProgressPct, .progressGapPp])
  }

  @Test func missingColumnsAndCellsAreAbsentAndFootnoted() throws {
    let report = try Fixture.compute(Self.tables(), "2024-03")
    let r = Reader(report: report)
    // No rural_transfer column at all: absent everywhere, one footnote.
    let rural = report.result("employment.rural_transfer", region: root)!.measureFigure(.ytd)!
    #expect(rural.figure == .absent(.missingInput))
    #expect(rural.footnotes.count == 1)
    #expect(noteText(report, rural.footnotes).contains("无“农村劳动力转移就业人数”列"))
    // reemployed: 西区's February cell is empty: 西区 and 全市 ytd absent, 东区 fine.
    #expect(r.value("employment.reemployed", east, .ytd) == q(6))
    #expect(r.figure("employment.reemployed", west, .ytd) == .absent(.missingInput))
    #expect(r.figure("employment.reemployed", root, .ytd) == .absent(.missingInput))
    #expect(r.value("employment.reemployed", root, .month) == q(8))  // March is complete
    #expect(r.figure("employment.reemployed", root, .momPct) == .absent(.missingInput))
    let cell = report.result("employment.reemployed", region: west)!.measureFigure(.ytd)!
    #expect(noteText(report, cell.footnotes).hasPrefix("就业数据“失业人员再就业人数”未填报：西区 2024-02。"))
    // Shares against an absent total, and ranks with an absent sibling, are absent too.
    #expect(r.figure("employment.reemployed", east, .sharePct) == .absent(.missingInput))
    #expect(r.figure("employment.reemployed", east, .rank) == .absent(.missingInput))
    #expect(report.footnoteNumbers("employment.reemployed", region: east, measure: .rank) == cell.footnotes)
    // Figures with values carry no footnotes.
    #expect(report.footnoteNumbers("employment.reemployed", region: east, measure: .ytd).isEmpty)
  }

  @Test func allowedMissingRegionMonthsAreAbsentNeverZero() throws {
    var tables = Self.tables(targets: [Fixture.target("employment.new_urban_jobs", root, "3000", year: 2024)])
    var employment = tables.employment!
    let key = RegionMonthKey(regionCode: west, month: Fixture.month("2024-02"))
    employment.rows[key] = nil
    employment.missing.insert(key)
    tables.employment = employment
    let report = try Fixture.compute(tables, "2024-03")
    let r = Reader(report: report)
    let id = "employment.new_urban_jobs"
    #expect(r.figure(id, west, .ytd) == .absent(.missingInput))
    #expect(r.figure(id, root, .ytd) == .absent(.missingInput))
    #expect(r.figure(id, root, .completionPct) == .absent(.missingInput))
    #expect(r.value(id, west, .month) == q(100))
    #expect(r.value(id, east, .ytd) == q(370))
    #expect(r.figure(id, west, .momPct) == .absent(.missingInput))
    let numbers = report.footnoteNumbers(id, region: root, measure: .ytd)
    #expect(numbers.count == 1)
    #expect(noteText(report, numbers).hasPrefix("就业数据缺报：西区 2024-02。"))
  }

  @Test func unknownTargetIndicatorIsAnErrorNamingTheFile() {
    let targets = [Fixture.target("城镇新增就业", root, "3000", year: 2024)]
    #expect {
      try Fixture.compute(Self.tables(targets: targets), "2024-03")
    } throws: { error in
      "\(error)".contains("targets.csv:2: unknown indicator '城镇新增就业'")
    }
  }

  @Test func targetsForSchemesNotInTheDataAreWarnings() throws {
    let targets = [Fixture.target("insurance.maternity.insured", root, "3000", year: 2024)]
    let report = try Fixture.compute(Self.tables(targets: targets), "2024-03")
    #expect(report.warnings.count == 1 && report.warnings[0].contains("not in this report's data"))
  }

  @Test func aChildRegionReportsItsOwnChildren() throws {
    let report = try Fixture.compute(Self.tables(), "2024-03", region: south)
    #expect(report.regions.map(\.name) == ["南县", "南县甲镇", "南县乙镇"])
    let r = Reader(report: report)
    #expect(r.value("employment.new_urban_jobs", south, .ytd) == q(150))
    #expect(r.value("employment.new_urban_jobs", Fixture.southA, .sharePct) == q(200, 3))
    #expect(r.value("employment.new_urban_jobs", Fixture.southB, .rank) == q(2))
    #expect(throws: EngineError.self) { try Fixture.compute(Self.tables(), "2024-03", region: "999999") }
  }
}
