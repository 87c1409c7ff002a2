import Foundation
import TestSupport
import Testing

@testable import Engine
@testable import Tables

/// One raw petition item, kept alongside the cube for brute-force recomputation.
private struct Item {
  let region: String
  let received: Day
  let accepted: Day?
  let closed: Day?
  let satisfaction: Satisfaction
}

/// A random but reproducible dataset: employment and two insurance schemes for every leaf and
/// month of 2023–2024, and a few hundred petition items.
private struct RandomData {
  var tables: DataTables
  var items: [Item] = []

  init(seed: UInt64) {
    var random = SeededGenerator(seed: seed)
    var employment = RegionMonthBuilder<EmploymentField>()
    var insurance = RegionMonthBuilder<InsuranceField>()
    var petitions = PetitionBuilder()
    var items: [Item] = []
    let categories = ["劳动和社会保障", "城乡建设", "农村农业", "交通运输", "卫生健康"]
    for leaf in Fixture.leaves {
      for ordinal in YearMonth(year: 2022, month: 12)!.ordinal...YearMonth(year: 2024, month: 12)!.ordinal {
        let month = YearMonth(ordinal: ordinal).description
        for field in EmploymentField.allCases {
          let whole = Int.random(in: 0...5000, using: &random)
          let fraction = Int.random(in: 0...99, using: &random)
          employment.set(leaf, month, field, "\(whole).\(fraction < 10 ? "0" : "")\(fraction)")
        }
        for scheme in [Scheme.pensionEnterprise, .workInjury] {
          let insured = Int.random(in: 1000...90000, using: &random)
          insurance.set(leaf, month, .insured, "\(insured)", scheme: scheme)
          insurance.set(
            leaf, month, .eligible, "\(insured + Int.random(in: 0...9000, using: &random))", scheme: scheme)
          insurance.set(
            leaf, month, .newEnrolled, "\(Int.random(in: 0...900, using: &random))", scheme: scheme)
          insurance.set(
            leaf, month, .contributions, "\(Int.random(in: -50...9000, using: &random)).25", scheme: scheme)
        }
      }
    }
    let first = Day(year: 2023, month: 1, day: 1)!.number
    let last = Day(year: 2024, month: 12, day: 31)!.number
    for _ in 0..<400 {
      let region = Fixture.leaves.randomElement(using: &random)!
      let received = Day(number: Int.random(in: first...last, using: &random))
      let accepted =
        Bool.random(using: &random) ? received.adding(days: Int.random(in: 0...30, using: &random)) : nil
      let start = accepted ?? received
      let closed =
        Int.random(in: 0...2, using: &random) > 0
        ? start.adding(days: Int.random(in: 0...90, using: &random)) : nil
      let satisfaction = Satisfaction.allCases.randomElement(using: &random)!
      petitions.add(
        region, received: received.description,
        channel: PetitionChannel.allCases.randomElement(using: &random)!,
        level: PetitionLevel.allCases.randomElement(using: &random)!, repeat: Bool.random(using: &random),
        persons: Int.random(in: 1...9, using: &random), category: categories.randomElement(using: &random)!,
        satisfaction: satisfaction, accepted: accepted?.description, closed: closed?.description)
      items.append(
        Item(
          region: region, received: received, accepted: accepted, closed: closed, satisfaction: satisfaction))
    }
    tables = DataTables(
      regions: Fixture.tree, petitions: petitions.table, employment: employment.table,
      insurance: insurance.table)
    self.items = items
  }
}

/// The catalogue plus two counts, so that a rate can be recomputed from its parts.
private let extendedCatalogue: IndicatorCatalogue = {
  let yaml =
    try! String(contentsOf: Fixture.catalogueURL, encoding: .utf8) + """

        - id: check.satisfied
          name: 满意及基本满意件数
          unit: 件
          kind: flow
          source: petitions
          where: satisfaction in [satisfied, basically_satisfied]
        - id: check.evaluated
          name: 有效评价件数
          unit: 件
          kind: flow
          source: petitions
          where: satisfaction in [satisfied, basically_satisfied, dissatisfied]
        - id: check.urban_employed
          name: 城镇从业人员数
          unit: 人
          kind: stock
          source: employment
          measure: urban_employed

      """
  return try! IndicatorCatalogue.parse(yaml)
}()

@Suite struct PropertyTests {
  static let cases: [(UInt64, String)] = [
    (1, "2024-07"), (2, "2024Q2"), (3, "2024H2"), (4, "2024"), (5, "2024-01"),
  ]

  @Test(arguments: cases)
  func childrenAddUpToTheReportRegion(seed: UInt64, period: String) throws {
    let report = try Fixture.compute(RandomData(seed: seed).tables, period, catalogue: extendedCatalogue)
    var checked = 0
    for indicator in report.indicators where indicator.kind != .rate {
      let measures: [Measure] =
        indicator.kind == .flow
        ? [.month, .monthPrev, .ytd, .ytdPrev, .ytdChange] : [.level, .levelPrev, .prevYearEnd, .increase]
      for measure in measures {
        let total = report.figure(indicator.id, region: Fixture.root, measure: measure)?.number
        let parts = report.regions.dropFirst().compactMap {
          report.figure(indicator.id, region: $0.code, measure: measure)?.number
        }
        #expect(parts.count == 3, "\(indicator.id) \(measure)")
        #expect(total == parts.reduce(Rational.zero, +), "\(indicator.id) \(measure)")
        checked += 1
      }
      let shares = report.regions.dropFirst().compactMap {
        report.figure(indicator.id, region: $0.code, measure: .sharePct)?.number
      }
      if shares.count == 3 { #expect(shares.reduce(Rational.zero, +) == q(100), "\(indicator.id) shares") }
    }
    #expect(checked > 100)
  }

  @Test(arguments: cases)
  func ratesAgreeWithTheirParts(seed: UInt64, period: String) throws {
    let data = RandomData(seed: seed)
    let report = try Fixture.compute(data.tables, period, catalogue: extendedCatalogue)
    let r = Reader(report: report)
    for region in report.regions {
      let code = region.code
      for measure in [Measure.month, .ytd, .monthPrev, .ytdPrev] {
        let satisfied = r.value("check.satisfied", code, measure)!
        let evaluated = r.value("check.evaluated", code, measure)!
        #expect(
          r.figure("petitions.satisfaction_rate", code, measure)
            == (evaluated.isZero ? .absent(.notComputable) : .number(satisfied / evaluated * .hundred)))
        let total = r.value("petitions.total", code, measure)!
        let population = Rational(Int128(Fixture.tree.population(of: code)!))
        #expect(r.value("petitions.per_10k", code, measure) == total / population * q(10_000))
      }
      for measure in [Measure.level, .levelPrev] {
        let unemployed = r.value("employment.registered_unemployed", code, measure)!
        let employed = r.value("check.urban_employed", code, measure)!
        #expect(
          r.value("employment.registered_unemployment_rate", code, measure) == unemployed
            / (unemployed + employed) * .hundred)
      }
      // Growth rates are recomputable from the levels they compare.
      let ytd = r.value("employment.new_urban_jobs", code, .ytd)!
      let ytdPrev = r.value("employment.new_urban_jobs", code, .ytdPrev)!
      #expect(r.value("employment.new_urban_jobs", code, .ytdYoyPct) == (ytd - ytdPrev) / ytdPrev * .hundred)
      // A net increase's ytd is the insured level's increase over the previous year end.
      #expect(
        r.value("insurance.work_injury.net_increase", code, .ytd)
          == r.value("insurance.work_injury.insured", code, .increase))
    }
  }

  @Test(arguments: cases)
  func timelinessMatchesABruteForceCount(seed: UInt64, period: String) throws {
    let data = RandomData(seed: seed)
    let parsed = try ReportPeriod.parse(period)
    let asOf = parsed.lastDay.adding(days: -Int(seed % 3) * 7)
    let report = try Fixture.compute(data.tables, period, asOf: asOf)
    func naive(_ region: String, from first: YearMonth, to last: YearMonth, judgedAt d: Day, closure: Bool)
      -> Figure
    {
      let leaves = Set(Fixture.tree.leaves(under: region))
      var numerator = 0
      var denominator = 0
      for item in data.items where leaves.contains(item.region) {
        let month = item.received.yearMonth
        guard month >= first && month <= last else { continue }
        let accepted = item.accepted.flatMap { $0 <= d ? $0 : nil }
        if closure {
          let start = accepted ?? item.received
          if let closed = item.closed, closed <= d {
            denominator += 1
            if closed.number - start.number <= 60 { numerator += 1 }
          } else if start.adding(days: 60) < d {
            denominator += 1
          }
        } else if let accepted {
          denominator += 1
          if accepted.number - item.received.number <= 15 { numerator += 1 }
        } else if item.received.adding(days: 15) < d {
          denominator += 1
        }
      }
      return denominator == 0 ? .absent(.notComputable) : .number(q(numerator * 100, denominator))
    }
    for region in report.regions {
      for closure in [false, true] {
        let id = closure ? "petitions.ontime_closure_rate" : "petitions.timely_acceptance_rate"
        let r = Reader(report: report)
        #expect(
          r.figure(id, region.code, .month)
            == naive(
              region.code, from: parsed.firstMonth, to: parsed.lastMonth, judgedAt: asOf, closure: closure))
        #expect(
          r.figure(id, region.code, .ytd)
            == naive(
              region.code, from: parsed.january, to: parsed.lastMonth, judgedAt: asOf, closure: closure))
        #expect(
          r.figure(id, region.code, .ytdPrev)
            == naive(
              region.code, from: parsed.january.adding(months: -12), to: parsed.lastMonth.adding(months: -12),
              judgedAt: asOf.sameDateLastYear, closure: closure))
      }
    }
  }

  @Test(arguments: cases)
  func indicatorsCSVReadsBackToTheSameNumbers(seed: UInt64, period: String) throws {
    let report = try Fixture.compute(RandomData(seed: seed).tables, period)
    let data = IndicatorCSV.data(report)
    let rows = try IndicatorCSV.read(data)
    let figures = report.results.flatMap { result in result.figures.map { (result, $0) } }
    #expect(rows.count == figures.count)
    for (row, (result, figure)) in zip(rows, figures) {
      #expect(row.period == report.period.description)
      #expect(row.regionCode == result.region.code && row.regionName == result.region.name)
      #expect(row.indicator == result.indicator.id && row.measure == figure.measure.rawValue)
      switch figure.figure {
      case .absent: #expect(row.value.isAbsent)
      case .flag(let flag): #expect(row.value == .flag(flag))
      case .number(let value):
        let written = IndicatorFormat.significant(value)
        #expect(row.value.number == Rational(decimal: written))
        #expect(IndicatorFormat.significant(row.value.number!) == written)
        // What a spreadsheet shows from the CSV is what the report shows.
        let decimals = result.indicator.decimals(for: figure.measure)
        #expect(
          IndicatorFormat.display(row.value.number!, decimals: decimals)
            == IndicatorFormat.display(value, decimals: decimals))
      }
    }
  }

  @Test(arguments: cases)
  func twoThreadsComputeWhatOneDoes(seed: UInt64, period: String) throws {
    let tables = RandomData(seed: seed).tables
    var engine = Engine(catalogue: extendedCatalogue, tables: tables)
    engine.evaluationThreads = 1
    let alone = try engine.compute(period: ReportPeriod.parse(period))
    engine.evaluationThreads = 2
    let shared = try engine.compute(period: ReportPeriod.parse(period))
    #expect(IndicatorCSV.text(shared) == IndicatorCSV.text(alone))
    #expect(
      shared.results.map { $0.figures.map(\.footnotes) } == alone.results.map { $0.figures.map(\.footnotes) })
    #expect(shared.footnotes.map(\.text) == alone.footnotes.map(\.text))
    for result in alone.results {
      let one = alone.seriesIndex[result.indicator.id]?[result.region.code]
      let two = shared.seriesIndex[result.indicator.id]?[result.region.code]
      #expect(one != nil)
      #expect(two?.current == one?.current && two?.previousYear == one?.previousYear)
    }
  }
}
