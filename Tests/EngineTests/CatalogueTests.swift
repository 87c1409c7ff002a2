import Testing

@testable import Engine
@testable import Tables

@Suite struct CatalogueTests {
  @Test func realCatalogueHasEveryIndicatorOfTheSpecInOrder() throws {
    let catalogue = Fixture.catalogue
    let settings = catalogue.settings
    #expect(settings.groupVisitThreshold == 5 && settings.acceptanceDays == 15 && settings.closureDays == 60)
    #expect(
      settings.topCategories == 8 && settings.timeProgress == .months && settings.progressBandPp == q(1))
    let definitions = try catalogue.definitions(
      schemes: [.medicalEmployee, .pensionEnterprise], categories: ["乙", "甲"])
    let ids = definitions.map(\.id)
    #expect(
      ids == [
        "petitions.total", "petitions.persons", "petitions.letters", "petitions.visits",
        "petitions.visit_persons",
        "petitions.online", "petitions.phone", "petitions.group_visits", "petitions.group_visit_persons",
        "petitions.escalated", "petitions.to_beijing", "petitions.repeat", "petitions.timely_acceptance_rate",
        "petitions.ontime_closure_rate", "petitions.satisfaction_rate", "petitions.per_10k",
        "petitions.category.乙", "petitions.category.甲",
        "employment.new_urban_jobs", "employment.reemployed", "employment.hard_to_employ",
        "employment.rural_transfer", "employment.registered_unemployed",
        "employment.registered_unemployment_rate",
        // Schemes in the data contract's order, scheme by scheme.
        "insurance.pension_enterprise.insured", "insurance.pension_enterprise.net_increase",
        "insurance.pension_enterprise.new_enrolled", "insurance.pension_enterprise.contributions",
        "insurance.pension_enterprise.coverage_rate",
        "insurance.medical_employee.insured", "insurance.medical_employee.net_increase",
        "insurance.medical_employee.new_enrolled", "insurance.medical_employee.contributions",
        "insurance.medical_employee.coverage_rate",
      ])
    let byId = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) })
    #expect(byId["petitions.total"]!.name == "信访总量(件)" && byId["petitions.total"]!.shortName == "信访总量")
    #expect(byId["insurance.pension_enterprise.insured"]!.name == "企业职工基本养老保险参保人数")
    #expect(byId["insurance.medical_employee.contributions"]!.decimals == 2)
    #expect(byId["insurance.medical_employee.contributions"]!.unit == "万元")
    #expect(byId["insurance.medical_employee.net_increase"]!.isNetIncrease)
    #expect(byId["employment.registered_unemployment_rate"]!.basis == .stock)
    #expect(byId["petitions.satisfaction_rate"]!.decimals == 1)
    #expect(byId["petitions.per_10k"]!.unit == "件/万人" && byId["petitions.per_10k"]!.decimals == 2)
    #expect(byId["petitions.category.甲"]!.name == "甲")
    #expect(byId["petitions.group_visits"]!.definition.contains("5人及以上"))
    // Decimals of derived measures.
    let rate = byId["employment.registered_unemployment_rate"]!
    #expect(rate.decimals(for: .levelChangePp) == 1 && rate.unit(for: .levelChangePp) == "百分点")
    let per10k = byId["petitions.per_10k"]!
    #expect(per10k.decimals(for: .ytdChangePp) == 2 && per10k.unit(for: .ytdChangePp) == "件/万人")
    let jobs = byId["employment.new_urban_jobs"]!
    #expect(
      jobs.decimals(for: .ytdYoyPct) == 1 && jobs.decimals(for: .ytd) == 0 && jobs.unit(for: .sharePct) == "%"
    )
  }

  @Test func measureOrderFollowsTheSpec() throws {
    let definitions = try Fixture.catalogue.definitions(schemes: [.pensionEnterprise], categories: [])
    let byId = Dictionary(uniqueKeysWithValues: definitions.map { ($0.id, $0) })
    let flow = byId["employment.new_urban_jobs"]!
    #expect(
      flow.measures(targetMode: .atLeast, isReportRegion: false).map(\.rawValue) == [
        "month", "month_prev", "month_yoy_pct", "mom_pct", "ytd", "ytd_prev", "ytd_change", "ytd_yoy_pct",
        "share_pct", "rank", "target", "completion_pct", "time_progress_pct", "progress_gap_pp",
      ])
    #expect(
      flow.measures(targetMode: .atMost, isReportRegion: true).map(\.rawValue) == [
        "month", "month_prev", "month_yoy_pct", "mom_pct", "ytd", "ytd_prev", "ytd_change", "ytd_yoy_pct",
        "share_pct", "target", "met", "time_progress_pct",
      ])
    let stock = byId["employment.registered_unemployed"]!
    #expect(
      stock.measures(targetMode: .atLeast, isReportRegion: false).map(\.rawValue) == [
        "level", "level_prev", "level_yoy_pct", "level_mom_pct", "prev_year_end", "increase", "share_pct",
        "rank",
        "target", "completion_pct",
      ])
    let rateOfStocks = byId["employment.registered_unemployment_rate"]!
    #expect(
      rateOfStocks.measures(targetMode: .none, isReportRegion: false).map(\.rawValue) == [
        "level", "level_prev", "level_change_pp",
      ])
    #expect(
      rateOfStocks.measures(targetMode: .atMost, isReportRegion: true).map(\.rawValue) == [
        "level", "level_prev", "level_change_pp", "target", "met",
      ])
    let rateOfFlows = byId["petitions.satisfaction_rate"]!
    #expect(
      rateOfFlows.measures(targetMode: .atLeast, isReportRegion: false).map(\.rawValue) == [
        "month", "month_prev", "month_change_pp", "ytd", "ytd_prev", "ytd_change_pp", "target",
        "completion_pct",
      ])
  }

  static let header = """
    settings:
      group_visit_threshold: 5
      big_group: 10
    indicators:

    """

  func failure(_ body: String) -> String {
    do {
      _ = try IndicatorCatalogue.parse(CatalogueTests.header + body, file: "office.yaml")
      return "accepted"
    } catch let error as CatalogueError {
      return error.description
    } catch {
      return "other error: \(error)"
    }
  }

  @Test func anOfficeCanAddIndicatorsWithoutSwift() throws {
    let catalogue = try IndicatorCatalogue.parse(
      CatalogueTests.header + """
          - id: petitions.labour
            name: 劳动和社会保障类信访(件)
            unit: 件
            kind: flow
            source: petitions
            where: category == 劳动和社会保障
          - id: petitions.big_groups
            name: 十人以上集体访批次
            unit: 批次
            kind: flow
            source: petitions
            where:
              - channel == 来访
              - persons >= {big_group}
          - id: petitions.not_local
            name: 非本级信访(件)
            unit: 件
            kind: flow
            source: petitions
            where: level not in [本级]
        """)
    let definitions = try catalogue.definitions(schemes: [], categories: [])
    #expect(definitions.map(\.id) == ["petitions.labour", "petitions.big_groups", "petitions.not_local"])
    guard case .flow(.petitions(.items, let filter)) = definitions[1].formula else {
      Issue.record("not a petition flow")
      return
    }
    #expect(filter.conditions == [.channel([.visit]), .persons(.atLeast, 10)])
    guard case .flow(.petitions(_, let notLocal)) = definitions[2].formula else { return }
    #expect(notLocal.conditions == [.level([.province, .beijing])])
  }

  @Test func invalidCataloguesNameTheLineAndKey() {
    let unknownKey = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          kind: flow
          source: petitions
          wher: channel == visit
      """)
    #expect(unknownKey.hasPrefix("office.yaml:10:"))
    #expect(unknownKey.contains("unknown key 'wher'"))

    let badField = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          kind: flow
          source: petitions
          where: chanel == visit
      """)
    #expect(badField.hasPrefix("office.yaml:10:") && badField.contains("unknown field 'chanel'"))

    let badValue = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          kind: flow
          source: petitions
          where: channel == fax
      """)
    #expect(badValue.contains("unknown channel 'fax'") && badValue.contains("visit (来访)"))

    let badPlaceholder = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          kind: flow
          source: petitions
          where: persons >= {huge_group}
      """)
    #expect(badPlaceholder.contains("unknown placeholder {huge_group}"))

    let insuranceOutside = failure(
      """
        - id: insurance.insured
          name: x
          unit: 人
          kind: stock
          source: insurance
          measure: insured
      """)
    #expect(insuranceOutside.hasPrefix("office.yaml:5:") && insuranceOutside.contains("each_scheme"))

    let kindMismatch = failure(
      """
        - id: employment.x
          name: x
          unit: 人
          kind: flow
          source: employment
          measure: registered_unemployed
      """)
    #expect(kindMismatch.contains("a flow indicator needs a flow measure"))

    let duplicate = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          kind: flow
          source: petitions
        - id: petitions.x
          name: y
          unit: 件
          kind: flow
          source: petitions
      """)
    #expect(
      duplicate.hasPrefix("office.yaml:10:") && duplicate.contains("duplicate indicator id 'petitions.x'"))

    let mixedRate = failure(
      """
        - id: x.rate
          name: x
          unit: "%"
          kind: rate
          numerator: {source: employment, measure: new_urban_jobs}
          denominator: {source: employment, measure: registered_unemployed}
      """)
    #expect(mixedRate.contains("both be flows or both be stocks"))

    let missingKind = failure(
      """
        - id: petitions.x
          name: x
          unit: 件
          source: petitions
      """)
    #expect(missingKind.contains("missing key 'kind'"))

    let schemeWithoutPlaceholder = failure(
      """
        - each_scheme:
            - id: insurance.insured
              name: x
              unit: 人
              kind: stock
              source: insurance
              measure: insured
      """)
    #expect(schemeWithoutPlaceholder.contains("must contain {scheme}"))

    #expect(failure("  - [not, a, mapping]").contains("each indicator must be a mapping"))
    let badYAML = failure("  - id: [unclosed")
    #expect(badYAML.contains("not valid YAML"))
    #expect(badYAML.hasPrefix("office.yaml:6: not valid YAML: while parsing a flow sequence"))
  }

  /// Nine levels of nine-fold aliases (9⁹ nodes once expanded) are refused before the catalogue
  /// walks them.
  @Test func anAliasBombIsRefused() {
    var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
      bomb += "\(name): &\(name) [\(aliases)]\n"
    }
    do {
      _ = try IndicatorCatalogue.parse(bomb, file: "bomb.yaml")
      Issue.record("accepted")
    } catch let error as CatalogueError {
      #expect(error.file == "bomb.yaml")
      #expect(error.message.hasPrefix("aliases expand the document to more than"))
    } catch {
      Issue.record("\(error)")
    }
  }

  @Test func invalidSettingsAreErrors() {
    do {
      _ = try IndicatorCatalogue.parse("settings:\n  time_progress: weeks\nindicators: []\n", file: "c.yaml")
      Issue.record("accepted")
    } catch let error as CatalogueError {
      #expect(
        error.description == "c.yaml:2: setting 'time_progress' must be 'months' or 'days', not 'weeks'")
    } catch {
      Issue.record("\(error)")
    }
  }
}
