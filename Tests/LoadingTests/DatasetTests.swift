import Testing

@testable import Loading
@testable import Tables

/// Data contract §1 (datasets by header) and §4–§9 (dataset rules).
@Suite struct DatasetTests {
  @Test func aliasHeadersAndMixedSpellingsAreRecognised() throws {
    let folder = DataFolder().write(
      "区划.csv",
      "CODE, name ,parent_code,ALIASES\n330500,江川市,,\n330502,西湖区,330500,西湖\n330503,东山区,330500,\n330521,安平县,330500,\n"
    )
    folder.write(
      "x/export.csv",
      "编号,信访日期,形式,区县,内容分类,来访人数,越级情况,重复信访,受理日期,办结日期,评价结果,备注\n"
        + "A1,2024/1/5,走访,西湖,城乡建设,6,赴京,是,2024年1月6日,20240120,基本满意,无\n")
    let report = folder.load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(report.files.map(\.dataset) == ["petitions", "regions"])
    #expect(report.lines == ["x/export.csv:1: note: ignored column: 备注"])
    let petitions = try #require(report.tables?.petitions)
    let cell = try #require(petitions.counts.first { _ in true }?.cell)
    #expect(cell.channel == .visit && cell.level == .beijing && cell.isRepeat && cell.persons == 6)
    #expect(cell.satisfaction == .basicallySatisfied && cell.regionCode == "330502")
    let timeline = try #require(petitions.timelines.first { _ in true }?.timeline)
    #expect(timeline.accepted?.description == "2024-01-06" && timeline.closed?.description == "2024-01-20")
  }

  @Test func defaultsForEmptyOptionalPetitionCells() throws {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write(
      "p.csv", "信访件编号,登记日期,信访形式,所属区县,问题类别,人数,信访去向,是否重复,满意度\nA1,2024-01-05,来信,西湖区,教育,,,,\n")
    let cell = try #require(folder.load(period: nil).tables?.petitions?.counts.first { _ in true }?.cell)
    #expect(cell.persons == 1 && cell.level == .local && !cell.isRepeat && cell.satisfaction == .notEvaluated)
  }

  @Test func headerMatchingNoDatasetNamesTheColumnsFound() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("notes.csv", "标题,内容\n一,二\n")
    #expect(
      folder.load(period: nil).errorLines == [
        "notes.csv:1: the header matches no dataset (found columns: 标题, 内容)"
      ])
  }

  @Test func twoColumnsForOneFieldIsAnError() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("p.csv", "信访件编号,编号,登记日期,信访形式,所属区县,问题类别\n")
    #expect(
      folder.load(period: nil).errorLines == ["p.csv:1: columns '信访件编号' and '编号' both map to field 'id'"])
  }

  @Test func petitionRowErrorsAreAllReportedWithTheirColumns() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write(
      "p.csv",
      "信访件编号,登记日期,信访形式,所属区县,问题类别,人数,受理日期,办结日期\n"
        + "A1,2024-01-05,传真,西湖区,教育,0,2024-01-04,\n"
        + "A2,2024-01-05,来信,江川市,教育,1,2024-01-06,2024-01-05\n")
    #expect(
      folder.load(period: nil).errorLines == [
        "p.csv:2: column '信访形式': unknown value '传真' (accepted: 来信, 来访, 电话, 网上信访)",
        "p.csv:2: column '人数': persons must be a whole number >= 1, got '0'",
        "p.csv:2: column '受理日期': accepted 2024-01-04 is before received 2024-01-05",
        "p.csv:3: column '所属区县': '江川市' is not a district or county (petitions name a leaf region)",
        "p.csv:3: column '办结日期': closed 2024-01-05 is before accepted 2024-01-06",
      ])
  }

  @Test func overlappingExportsCountEachItemOnceAndTheLaterWins() throws {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    let header = "信访件编号,登记日期,信访形式,所属区县,问题类别,办结日期,满意度\n"
    folder.write("信访/1-9月.csv", header + "A1,2024-01-05,来信,西湖区,教育,,\nA2,2024-01-06,来信,西湖区,教育,,\n")
    folder.write(
      "信访/1-10月.csv",
      header + "A1,2024-01-05,来信,西湖区,教育,2024-02-01,满意\nA2,2024-01-06,来信,西湖区,教育,,\nA3,2024-02-01,电话,东山区,民政,,\n"
    )
    let report = folder.load(period: nil)
    #expect(report.replacedPetitions == 2)
    #expect(report.lines == ["信访/1-10月.csv: note: 2 items replace earlier exports of the same 信访件编号"])
    let petitions = try #require(report.tables?.petitions)
    #expect(petitions.itemCount == 3)
    #expect(petitions.counts.filter { $0.cell.satisfaction == .satisfied }.map(\.count) == [1])
    #expect(petitions.timelines.filter { $0.timeline.closed != nil }.count == 1)
  }

  @Test func unknownRegionsAreListedOncePerNameWithCountsAndSuggestions() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write(
      "p.csv",
      "信访件编号,登记日期,信访形式,所属区县,问题类别\n"
        + "A1,2024-01-05,来信,西湖新区,教育\nA2,2024-01-05,来信,西湖新区,教育\nA3,2024-01-05,来信,火星,教育\n")
    #expect(
      folder.load(period: nil).errorLines == [
        "p.csv:2: column '所属区县': unknown region '西湖新区' (used by 2 rows; closest: 西湖区)",
        "p.csv:4: column '所属区县': unknown region '火星' (used by 1 row)",
      ])
  }

  @Test func regionTreeIsOrderedAndResolvesAliases() throws {
    let folder = DataFolder().write(
      "regions.csv",
      "区划代码,名称,上级代码,别名,排序\n330500,江川市,,,\n330521,安平县,330500,,\n330503,东山区,330500,,2\n330502,西湖区,330500,西湖,1\n"
    )
    folder.write("p.csv", "信访件编号,登记日期,信访形式,所属区县,问题类别\nA2,2024-01-05,来信,西湖,教育\n")
    let tree = try #require(folder.load(period: nil).tables?.regions)
    #expect(tree.regions.map(\.name) == ["江川市", "西湖区", "东山区", "安平县"])
    #expect(tree.leaves(under: "330500") == ["330502", "330503", "330521"])
    folder.write("p.csv", "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-01-05,来信,西湖区人民政府,教育\n")
    let report = folder.load(period: nil)
    #expect(
      report.errorLines == ["p.csv:2: column '所属区县': unknown region '西湖区人民政府' (used by 1 row; closest: 西湖区)"])
  }

  @Test func regionFileRulesNameTheirLines() {
    let folder = DataFolder().write(
      "regions.csv", "区划代码,名称,上级代码\n330500,江川市,\n330502,西湖区,330599\n330502,东山区,330500\n330600,另一市,\n")
    #expect(
      folder.load(period: nil).errorLines == [
        "regions.csv:3: column '上级代码': parent code '330599' of 西湖区 is not a region in this file",
        "regions.csv:4: column '区划代码': duplicate region code '330502' (first at line 3)",
        "regions.csv: column '上级代码': exactly one root region (empty parent code) is needed, found 2: 江川市 (line 2), 另一市 (line 5)",
      ])
  }

  @Test func aMissingRegionsFileIsAnError() {
    let folder = DataFolder().write("p.csv", "信访件编号,登记日期,信访形式,所属区县,问题类别\n")
    #expect(folder.load(period: nil).errorLines.first?.contains("no regions file") == true)
  }
}
