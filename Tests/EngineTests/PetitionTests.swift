import Testing

@testable import Engine
@testable import Tables

private let root = Fixture.root
private let east = Fixture.east
private let west = Fixture.west
private let south = Fixture.south

/// Fourteen petition items, every one chosen to exercise a rule (period 2024-03, as-of 2024-03-31):
///
/// | # | region | received | channel | level | persons | category | satisfaction | accepted | closed |
/// | 1 | 东区 | 2024-03-01 | letter | local | 1 | 劳动和社会保障 | satisfied | 03-05 (4 d) | 03-20 (15 d) |
/// | 2 | 东区 | 2024-03-02 | visit | local | 6 | 城乡建设 | basic | 03-20 (18 d) | — |
/// | 3 | 东区 | 2024-03-10 | visit | province | 5 | 劳动和社会保障 | dissatisfied | — (overdue) | — |
/// | 4 | 东区 | 2024-03-20 | online | beijing, repeat | 1 | 农村农业 | not evaluated | — (not yet due) | — |
/// | 5 | 东区 | 2024-03-16 | phone | local | 2 | 劳动和社会保障 | satisfied | 03-31 (15 d, inclusive) | — |
/// | 6 | 西区 | 2024-03-05 | visit | local | 4 | 城乡建设 | satisfied | 03-06 | 03-30 (24 d) |
/// | 7 | 东区 | 2024-01-05 | letter | local | 1 | 劳动和社会保障 | satisfied | 01-10 | — (overdue at 03-10) |
/// | 8 | 西区 | 2024-01-20 | visit | local | 1 | 交通运输 | basic | 01-25 | 03-30 (65 d) |
/// | 9 | 东区 | 2024-01-02 | online | local | 1 | 劳动和社会保障 | not evaluated | 04-05 (after D) | — |
/// | 10 | 东区 | 2023-03-05 | visit | local | 1 | 劳动和社会保障 | satisfied | 2023-03-25 (20 d) | 2023-06-30 |
/// | 11 | 西区 | 2023-02-01 | letter | local | 1 | 城乡建设 | dissatisfied | 2023-02-10 | 2023-03-01 (19 d) |
/// | 12 | 西区 | 2024-02-15 | phone | local | 1 | 农村农业 | satisfied | 02-16 | 02-20 |
/// | 13 | 甲镇 | 2023-06-10 | letter | local | 1 | E类 | not evaluated | — | — |
/// | 14 | 乙镇 | 2022-12-01 | letter | local | 1 | 旧类 | not evaluated | — | — |
func petitionTables() -> DataTables {
  var p = PetitionBuilder()
  p.add(
    east, received: "2024-03-01", channel: .letter, category: "劳动和社会保障", satisfaction: .satisfied,
    accepted: "2024-03-05", closed: "2024-03-20")
  p.add(
    east, received: "2024-03-02", channel: .visit, persons: 6, category: "城乡建设",
    satisfaction: .basicallySatisfied, accepted: "2024-03-20")
  p.add(
    east, received: "2024-03-10", channel: .visit, level: .province, persons: 5, category: "劳动和社会保障",
    satisfaction: .dissatisfied)
  p.add(east, received: "2024-03-20", channel: .online, level: .beijing, repeat: true, category: "农村农业")
  p.add(
    east, received: "2024-03-16", channel: .phone, persons: 2, category: "劳动和社会保障", satisfaction: .satisfied,
    accepted: "2024-03-31")
  p.add(
    west, received: "2024-03-05", channel: .visit, persons: 4, category: "城乡建设", satisfaction: .satisfied,
    accepted: "2024-03-06", closed: "2024-03-30")
  p.add(
    east, received: "2024-01-05", channel: .letter, category: "劳动和社会保障", satisfaction: .satisfied,
    accepted: "2024-01-10")
  p.add(
    west, received: "2024-01-20", channel: .visit, category: "交通运输", satisfaction: .basicallySatisfied,
    accepted: "2024-01-25", closed: "2024-03-30")
  p.add(east, received: "2024-01-02", channel: .online, category: "劳动和社会保障", accepted: "2024-04-05")
  p.add(
    east, received: "2023-03-05", channel: .visit, category: "劳动和社会保障", satisfaction: .satisfied,
    accepted: "2023-03-25", closed: "2023-06-30")
  p.add(
    west, received: "2023-02-01", channel: .letter, category: "城乡建设", satisfaction: .dissatisfied,
    accepted: "2023-02-10", closed: "2023-03-01")
  p.add(
    west, received: "2024-02-15", channel: .phone, category: "农村农业", satisfaction: .satisfied,
    accepted: "2024-02-16", closed: "2024-02-20")
  p.add(Fixture.southA, received: "2023-06-10", category: "E类")
  p.add(Fixture.southB, received: "2022-12-01", category: "旧类")
  return DataTables(regions: Fixture.tree, petitions: p.table)
}

@Suite struct PetitionTests {
  @Test func countsByFilter() throws {
    let r = Reader(report: try Fixture.compute(petitionTables(), "2024-03"))
    let march: [(String, Int)] = [
      ("petitions.total", 6), ("petitions.persons", 19), ("petitions.letters", 1), ("petitions.visits", 3),
      ("petitions.visit_persons", 15), ("petitions.online", 1), ("petitions.phone", 1),
      ("petitions.group_visits", 2),
      ("petitions.group_visit_persons", 11), ("petitions.escalated", 2), ("petitions.to_beijing", 1),
      ("petitions.repeat", 1),
    ]
    for (id, expected) in march { #expect(r.value(id, root, .month) == q(expected), "\(id)") }
    let total = "petitions.total"
    #expect(r.value(total, east, .month) == q(5))
    #expect(r.value(total, west, .month) == q(1))
    // No items is a real zero, not absent; growth on that zero base is absent.
    #expect(r.value(total, south, .month) == q(0))
    #expect(r.value(total, south, .ytd) == q(0))
    #expect(r.figure(total, south, .monthYoyPct) == .absent(.notComputable))
    #expect(r.figure(total, south, .ytdYoyPct) == .absent(.notComputable))
    #expect(r.value(total, south, .ytdChange) == q(0))
    #expect(r.value(total, root, .monthPrev) == q(1))
    #expect(r.value(total, root, .monthYoyPct) == q(500))
    #expect(r.value(total, root, .momPct) == q(500))
    #expect(r.figure(total, east, .momPct) == .absent(.notComputable))
    #expect(r.value(total, west, .momPct) == q(0))
    #expect(r.value(total, root, .ytd) == q(10))
    #expect(r.value(total, root, .ytdPrev) == q(2))
    #expect(r.value(total, root, .ytdYoyPct) == q(400))
    #expect(r.value(total, east, .ytd) == q(7))
    #expect(r.value(total, east, .ytdYoyPct) == q(600))
    #expect(r.value(total, west, .ytdYoyPct) == q(200))
    #expect(r.value(total, east, .sharePct) == q(70))
    #expect(r.value(total, south, .sharePct) == q(0))
    #expect(r.value(total, south, .rank) == q(3))
  }

  @Test func timelyAcceptanceAtTheAsOfDate() throws {
    let r = Reader(report: try Fixture.compute(petitionTables(), "2024-03"))
    let id = "petitions.timely_acceptance_rate"
    // March cohort: on time 1, 5, 6 of accepted 1, 2, 5, 6 plus overdue 3 (4 is not yet due).
    #expect(r.value(id, root, .month) == q(60))
    #expect(r.value(id, east, .month) == q(50))
    #expect(r.value(id, west, .month) == q(100))
    #expect(r.figure(id, south, .month) == .absent(.notComputable))
    // 1-3月: on time 1, 5, 6, 7, 8, 12 of 1, 2, 3, 5, 6, 7, 8, 9, 12 (9 accepted after D: overdue).
    #expect(r.value(id, root, .ytd) == q(200, 3))
    // 2023 cohorts judged at 2023-03-31: item 10 (20 days) late, item 11 on time.
    #expect(r.value(id, root, .monthPrev) == q(0))
    #expect(r.value(id, root, .monthChangePp) == q(60))
    #expect(r.value(id, root, .ytdPrev) == q(50))
    #expect(r.value(id, root, .ytdChangePp) == q(50, 3))
  }

  @Test func onTimeClosureWithTheClockAtAcceptanceOrReceipt() throws {
    let r = Reader(report: try Fixture.compute(petitionTables(), "2024-03"))
    let id = "petitions.ontime_closure_rate"
    #expect(r.value(id, root, .month) == q(100))  // 1 and 6 closed in time; none overdue yet
    // 1-3月: in time 1, 6, 12; late 8 (65 days); overdue 7 (from acceptance 01-10) and 9 (accepted
    // after D, so the clock starts at receipt 01-02).
    #expect(r.value(id, root, .ytd) == q(50))
    // Judged at 2023-03-31 item 10 is open and not yet overdue: the March 2023 cohort is empty.
    #expect(r.figure(id, root, .monthPrev) == .absent(.notComputable))
    #expect(r.figure(id, root, .monthChangePp) == .absent(.notComputable))
    // Only item 11 counts in 1-3月 2023 (judged a year later, item 10 would be late: 50).
    #expect(r.value(id, root, .ytdPrev) == q(100))
    #expect(r.value(id, root, .ytdChangePp) == q(-50))
  }

  @Test func anEarlierAsOfDateDropsLaterItemsFromTimelinessOnly() throws {
    let report = try Fixture.compute(petitionTables(), "2024-03", asOf: Fixture.day("2024-03-15"))
    let r = Reader(report: report)
    #expect(report.asOf.description == "2024-03-15" && report.previousAsOf.description == "2023-03-15")
    // Flows still count items received after the as-of date.
    #expect(r.value("petitions.total", root, .month) == q(6))
    // Items 4 and 5 drop out; item 2's acceptance (03-20) has not happened and it is not overdue
    // (03-02 + 15 = 03-17); item 3 is not overdue (03-25). Left: 1 and 6, both on time.
    #expect(r.value("petitions.timely_acceptance_rate", root, .month) == q(100))
    // Closure at 03-15: nothing closed, nothing overdue.
    #expect(r.figure("petitions.ontime_closure_rate", root, .month) == .absent(.notComputable))
    // 2023-03-15: item 10 not yet accepted and not overdue (03-05 + 15 = 03-20).
    #expect(r.figure("petitions.timely_acceptance_rate", root, .monthPrev) == .absent(.notComputable))
    #expect(throws: EngineError.self) {
      try Fixture.compute(petitionTables(), "2024-03", asOf: Fixture.day("2024-02-29"))
    }
  }

  @Test func satisfactionAndPerTenThousand() throws {
    let r = Reader(report: try Fixture.compute(petitionTables(), "2024-03"))
    let satisfaction = "petitions.satisfaction_rate"
    #expect(r.value(satisfaction, root, .month) == q(80))
    #expect(r.value(satisfaction, east, .month) == q(75))
    #expect(r.value(satisfaction, root, .ytd) == q(175, 2))
    #expect(r.value(satisfaction, root, .monthPrev) == q(100))
    #expect(r.value(satisfaction, root, .monthChangePp) == q(-20))
    #expect(r.value(satisfaction, root, .ytdPrev) == q(50))
    #expect(r.value(satisfaction, root, .ytdChangePp) == q(75, 2))
    #expect(r.figure(satisfaction, south, .ytd) == .absent(.notComputable))
    let per10k = "petitions.per_10k"
    #expect(r.value(per10k, root, .month) == q(6, 100))
    #expect(r.value(per10k, root, .ytd) == q(1, 10))
    #expect(r.value(per10k, root, .ytdPrev) == q(2, 100))
    #expect(r.value(per10k, root, .ytdChangePp) == q(8, 100))  // a plain difference
    #expect(r.value(per10k, root, .monthChangePp) == q(5, 100))
    #expect(r.value(per10k, east, .ytd) == q(7, 40))
    // 南县 has no population of its own: its towns' are summed (250,000).
    #expect(r.value(per10k, south, .ytd) == q(0))
  }

  @Test func missingPopulationIsAbsentAndFootnoted() throws {
    var tables = petitionTables()
    tables.regions = RegionTree(
      regions: Fixture.tree.regions.map { region in
        region.code == Fixture.southB
          ? Region(code: region.code, name: region.name, parentCode: region.parentCode) : region
      })!
    let report = try Fixture.compute(tables, "2024-03")
    let figure = report.result("petitions.per_10k", region: south)!.measureFigure(.ytd)!
    #expect(figure.figure == .absent(.missingInput))
    #expect(noteText(report, figure.footnotes).hasPrefix("未提供常住人口：南县。"))
    #expect(Reader(report: report).value("petitions.per_10k", root, .ytd) == q(1, 10))  // root has its own
  }

  @Test func categoriesFromJanuaryOfLastYearInCodePointOrder() throws {
    let report = try Fixture.compute(petitionTables(), "2024-03")
    let categories = report.indicators.compactMap(\.category)
    #expect(categories == ["E类", "交通运输", "农村农业", "劳动和社会保障", "城乡建设"])
    let ids = report.indicators.map(\.id)
    #expect(ids.firstIndex(of: "petitions.category.E类")! == ids.firstIndex(of: "petitions.per_10k")! + 1)
    let r = Reader(report: report)
    #expect(r.value("petitions.category.劳动和社会保障", root, .ytd) == q(5))
    #expect(r.value("petitions.category.E类", root, .ytd) == q(0))
    #expect(r.value("petitions.category.E类", south, .ytd) == q(0))
    #expect(r.value("petitions.category.劳动和社会保障", root, .ytdPrev) == q(1))
    let breakdown = report.categoryBreakdown(region: root, top: 2)
    #expect(breakdown.map(\.name) == ["劳动和社会保障", "农村农业", "其他"])
    #expect(breakdown.map(\.value) == [q(5), q(2), q(3)])
    #expect(breakdown.map(\.sharePct) == [.number(q(50)), .number(q(20)), .number(q(30))])
    #expect(breakdown[2].indicatorId == nil)
    #expect(report.categoryBreakdown(region: root).count == 4)  // zero categories are left out
  }

  @Test func officeIndicatorsFilterTheCube() throws {
    let yaml = """
      indicators:
        - id: petitions.labour
          name: 劳动和社会保障类信访(件)
          unit: 件
          kind: flow
          source: petitions
          where: category == 劳动和社会保障
        - id: petitions.big_groups
          name: 十人以上集体访
          unit: 批次
          kind: flow
          source: petitions
          where: [channel == visit, persons >= 10]
        - id: petitions.satisfied
          name: 满意件数
          unit: 件
          kind: flow
          source: petitions
          where: satisfaction in [satisfied, 基本满意]
        - id: petitions.evaluated
          name: 已评价件数
          unit: 件
          kind: flow
          source: petitions
          where: satisfaction != not_evaluated
      """
    let catalogue = try IndicatorCatalogue.parse(yaml)
    let r = Reader(report: try Fixture.compute(petitionTables(), "2024-03", catalogue: catalogue))
    #expect(r.value("petitions.labour", root, .ytd) == q(5))
    #expect(r.value("petitions.big_groups", root, .ytd) == q(0))
    #expect(r.value("petitions.satisfied", root, .ytd) == q(7))
    #expect(r.value("petitions.evaluated", root, .ytd) == q(8))
  }

  @Test func trendSeriesHoldThirteenMonthsAndLastYear() throws {
    let report = try Fixture.compute(petitionTables(), "2024-03")
    let series = report.series("petitions.total", region: root)!
    #expect(series.current.map(\.month.description).first == "2023-03")
    #expect(series.current.map(\.month.description).last == "2024-03")
    #expect(series.current.count == 13 && series.previousYear.count == 13)
    #expect(series.previousYear.first!.month.description == "2022-03")
    // 2023-03 item 10, 2023-06 item 13, 2024-01 items 7-9, 2024-02 item 12, 2024-03 items 1-6.
    #expect(
      series.current.map { $0.figure.number! } == [1, 0, 0, 1, 0, 0, 0, 0, 0, 0, 3, 1, 6].map { q($0) })
    #expect(series.previousYear.last!.figure == .number(q(1)))  // 2023-03
    #expect(series.previousYear[9].figure == .number(q(1)))  // 2022-12
    let rate = report.series("petitions.timely_acceptance_rate", region: root)!
    #expect(rate.current.last!.figure == .number(q(60)))
    #expect(rate.previousYear.last!.figure == .number(q(0)))
  }

  @Test func noPetitionDataNoPetitionIndicators() throws {
    let report = try Fixture.compute(EmploymentTests.tables(), "2024-03")
    #expect(!report.indicators.contains { $0.id.hasPrefix("petitions.") })
    #expect(report.indicators.contains { $0.id == "employment.new_urban_jobs" })
    #expect(!report.indicators.contains { $0.id.hasPrefix("insurance.") })
  }
}
