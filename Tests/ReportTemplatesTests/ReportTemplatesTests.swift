import Document
import Engine
import Foundation
import Loading
import Tables
import Testing

@testable import ReportTemplates

/// The sample data's report, computed once for the template tests.
enum SampleReport {
  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
  static let templates = repository.appending(path: "templates")

  static let report: IndicatorReport = {
    let dictionary = try! HeaderDictionary.load(from: templates.appending(path: "headers.yaml"))
    let load = try! DataLoader(dictionary: dictionary).load(folder: repository.appending(path: "sample-data"))
    let catalogue = try! IndicatorCatalogue.load(from: templates.appending(path: "indicators.yaml"))
    return try! Engine(catalogue: catalogue, tables: load.tables!).compute(
      period: try! ReportPeriod.parse("2024-10"))
  }()

  static func document(_ name: String = "monthly") throws -> BulletinDocument {
    let template = try ReportTemplate.load(named: name, templates: templates)
    return try ContentBuilder(
      template: template, report: report, releaseDate: Day(year: 2024, month: 11, day: 8)!
    )
    .build()
  }

  static func display(_ id: String, _ measure: Measure) -> String {
    let indicator = report.indicator(id)!
    return IndicatorFormat.display(
      report.figure(id, region: report.region.code, measure: measure), of: indicator, measure: measure)
  }
}

@Suite struct NarrativeTests {
  @Test func theMonthlyNarrativeUsesTheEnginesDigits() throws {
    let document = try SampleReport.document()
    let petitions = try #require(document.sections.first { $0.id == "petitions" })
    let total = SampleReport.display("petitions.total", .ytd)
    let growth = IndicatorFormat.growth(
      SampleReport.report.figure("petitions.total", region: "361500", measure: .ytdYoyPct)?.number)!
    #expect(petitions.paragraphs[0].hasPrefix("1-10月，江川市共登记信访事项\(total)件，同比\(growth)；"))
    let employment = try #require(document.sections.first { $0.id == "employment" })
    let completion = SampleReport.display("employment.new_urban_jobs", .completionPct)
    #expect(employment.paragraphs[0].contains("完成年度目标的\(completion)%"))
    #expect(employment.paragraphs[0].contains("超序时进度") || employment.paragraphs[0].contains("低于序时进度"))
    // Persons of 10,000 or more are written in 万人 with two decimals.
    #expect(employment.paragraphs[0].contains("城镇新增就业5.56万人"))
  }

  @Test func officialWordingFilters() throws {
    let narrative = Narrative(report: SampleReport.report, office: "江川市统计局")
    let text = """
      {{ employment.registered_unemployment_rate.level|percent }}|{{ employment.registered_unemployment_rate.level_change_pp|points }}|{{ petitions.total.ytd|quantity }}
      """
    let rendered = try narrative.render(text: text, displayName: "t.stencil")
    let rate = SampleReport.display("employment.registered_unemployment_rate", .level)
    let parts = rendered[0].split(separator: "|").map(String.init)
    #expect(parts[0] == rate + "%")
    #expect(parts[1].hasPrefix("提高") || parts[1].hasPrefix("降低") || parts[1] == "持平")
    #expect(parts[1].hasSuffix("个百分点") || parts[1] == "持平")
    #expect(parts[2] == SampleReport.display("petitions.total", .ytd) + "件")
  }

  @Test func anUnknownNameIsAnErrorWithFileAndLine() {
    let narrative = Narrative(report: SampleReport.report, office: "江川市统计局")
    #expect {
      _ = try narrative.render(
        text: "第一行\n{{ petitions.totl.ytd|number }}", displayName: "templates/reports/x.stencil")
    } throws: { error in
      (error as? TemplateError)?.description
        == "templates/reports/x.stencil:2: unknown name 'petitions.totl.ytd'"
    }
    #expect {
      _ = try narrative.render(text: "{{ petitions.total.ytd|grow }}", displayName: "x.stencil")
    } throws: { error in
      (error as? TemplateError)?.description.hasPrefix("x.stencil:1: unknown filter 'grow'") == true
    }
    #expect {
      _ = try narrative.render(
        text: "{% for d in districts %}{{ d.nmae }}{% endfor %}", displayName: "x.stencil")
    } throws: { error in
      (error as? TemplateError)?.description == "x.stencil:1: unknown name 'd.nmae'"
    }
  }

  @Test func absentFiguresAreNotInTheContext() throws {
    let narrative = Narrative(report: SampleReport.report, office: "")
    // The unemployment scheme has no 应参保人数: its coverage rate is absent, so `if` is false.
    let rendered = try narrative.render(
      text: "{% if insurance.unemployment.coverage_rate.level %}有{% else %}无{% endif %}", displayName: "x")
    #expect(rendered == ["无"])
  }
}

@Suite struct ContentTests {
  @Test func tablesAndChartsAreNumberedAndCarryTheEnginesFigures() throws {
    let document = try SampleReport.document()
    #expect(document.tables.map(\.number) == Array(1...document.tables.count))
    #expect(document.charts.map(\.number) == Array(1...document.charts.count))
    #expect(document.charts.count == 5)
    let byDistrict = try #require(document.tables.first { $0.id == "petitions_by_district" })
    #expect(byDistrict.rows.count == 11)
    #expect(byDistrict.rows[0].isTotal && byDistrict.rows[0].label == "江川市")
    let ytd = try #require(byDistrict.columns.firstIndex { $0.measure == "ytd" })
    #expect(byDistrict.rows[0].cells[ytd].text == SampleReport.display("petitions.total", .ytd))
    let rank = try #require(byDistrict.columns.firstIndex { $0.measure == "rank" })
    #expect(byDistrict.rows[0].cells[rank].text == "")
    #expect(byDistrict.subtitle == "单位：件；2024年1-10月")
    // Month-end levels are dated at the end of the month.
    #expect(document.tables.first { $0.id == "unemployment_by_district" }?.subtitle == "单位：人；2024年10月末")
    #expect(document.fileStem == "民生统计月报_2024-10")
    #expect(document.releaseDate == "2024年11月8日")
  }

  @Test func headlineCardsShowValueChangeAndProgress() throws {
    let document = try SampleReport.document()
    let jobs = try #require(document.headlines.first { $0.label == "城镇新增就业" })
    #expect(jobs.value == "5.56" && jobs.unit == "万人")
    #expect(jobs.progress?.hasPrefix("完成年度目标85.0%") == true)
    let rate = try #require(document.headlines.first { $0.label == "城镇登记失业率" })
    #expect(rate.unit == "%")
    #expect(rate.change?.hasSuffix("个百分点") == true)
  }

  @Test func aDistrictAsReportRegionHasNoDistrictCharts() throws {
    let dictionary = try HeaderDictionary.load(from: SampleReport.templates.appending(path: "headers.yaml"))
    let load = try DataLoader(dictionary: dictionary).load(
      folder: SampleReport.repository.appending(path: "sample-data"))
    let catalogue = try IndicatorCatalogue.load(
      from: SampleReport.templates.appending(path: "indicators.yaml"))
    let report = try Engine(catalogue: catalogue, tables: try #require(load.tables)).compute(
      period: try ReportPeriod.parse("2024-10"), region: "西湖区")
    let template = try ReportTemplate.load(named: "monthly", templates: SampleReport.templates)
    let document = try ContentBuilder(template: template, report: report, releaseDate: Day(number: 20_000))
      .build()
    #expect(
      document.charts.map(\.spec.id) == ["petitions_trend", "petition_categories", "insurance_schemes"])
    #expect(document.charts.map(\.number) == [1, 2, 3])
    #expect(document.tables.first { $0.id == "petitions_by_district" }?.rows.map(\.label) == ["西湖区"])
  }

  @Test func aSecondTemplateProvesTemplatesAreData() throws {
    let digest = try SampleReport.document("petitions-digest")
    #expect(digest.title == "信访问题办理情况通报")
    #expect(digest.layout == .accessible)
    #expect(digest.sections.count == 1 && digest.charts.count == 1 && digest.tables.count == 2)
    #expect(digest.sections[0].paragraphs[0].hasPrefix("2024年10月，全市登记信访事项"))
  }

  @Test func aTemplateNamingAnUnknownIndicatorIsAnErrorWithItsLine() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "minsheng-template-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    try FileManager.default.createDirectory(
      at: folder.appending(path: "reports"), withIntermediateDirectories: true)
    try """
    title: 测试
    ascii_name: test
    office: 测试局
    source: 测试
    layout: bulletin
    headlines:
      - {indicator: petitions.totals, measure: ytd}
    sections: []
    """.write(to: folder.appending(path: "reports/bad.yaml"), atomically: true, encoding: .utf8)
    let template = try ReportTemplate.load(named: "bad", templates: folder)
    #expect {
      _ = try ContentBuilder(template: template, report: SampleReport.report, releaseDate: Day(number: 0))
        .build()
    } throws: { error in
      (error as? TemplateError)?.description
        == "templates/reports/bad.yaml:7: unknown indicator 'petitions.totals' (not in the catalogue or not in the data)"
    }
    #expect(throws: TemplateError.self) { try ReportTemplate.load(named: "missing", templates: folder) }
  }
}
