import Foundation
import SampleData
import Tables
import Testing

@Suite struct SampleDataTests {
  static let small = SampleOptions(seed: 7, year: 2024, month: 10, petitionsPerYear: 4_000)
  let city = SampleCity.jiangchuan

  @Test func sameOptionsGiveIdenticalBytesAndAnotherSeedDifferentData() throws {
    let first = try GeneratedSample(Self.small)
    let second = try GeneratedSample(Self.small)
    var reseeded = Self.small
    reseeded.seed = 8
    let third = try GeneratedSample(reseeded)
    defer { [first, second, third].forEach { $0.remove() } }

    #expect(first.files == second.files)
    for file in first.files {
      #expect(try first.bytes(file.path) == second.bytes(file.path), "\(file.path) differs between runs")
    }
    #expect(try first.bytes("regions.csv") == third.bytes("regions.csv"))
    for path in first.petitionPaths + ["就业/就业月报.csv", "社保/参保月报.csv"] {
      #expect(try first.bytes(path) != third.bytes(path), "\(path) does not depend on the seed")
    }
  }

  @Test func writesTheFileSetWithTheContractHeaders() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let petitionHeader =
      "信访件编号,登记日期,信访形式,所属区县,问题类别,人数,信访去向,是否重复,受理日期,办结日期,满意度"
    let expected: [String: String?] = [
      "regions.csv": "区划代码,名称,上级代码,别名,常住人口,排序",
      "信访/2022年.csv": petitionHeader,
      "信访/2023年.csv": petitionHeader,
      "信访/2024年1-9月.csv": petitionHeader,
      "信访/2024年1-10月.csv": petitionHeader,
      "就业/就业月报.csv":
        "统计月份,区县,城镇新增就业人数,失业人员再就业人数,就业困难人员就业人数,农村劳动力转移就业人数,城镇登记失业人数,城镇从业人员数",
      "社保/参保月报.csv": "统计月份,区县,险种,参保人数,新增参保人数,征缴收入(万元),应参保人数",
      "目标/年度目标.csv": "年度,区县,指标,目标值,方向",
      "README.md": nil,
    ]
    #expect(Set(sample.files.map(\.path)) == Set(expected.keys))
    var withByteOrderMark: [String] = []
    for file in sample.files {
      let data = try sample.bytes(file.path)
      #expect(data.count == file.byteCount)
      #expect(!data.contains(0x0D), "\(file.path) has CR line ends")
      #expect(String(data: data, encoding: .utf8) != nil, "\(file.path) is not UTF-8")
      if data.starts(with: [0xEF, 0xBB, 0xBF]) { withByteOrderMark.append(file.path) }
      if let header = expected[file.path] ?? nil {
        let table = try sample.table(file.path)
        #expect(table.header.joined(separator: ",") == header)
        #expect(table.rows.count == file.rowCount)
        #expect(table.rows.allSatisfy { $0.count == table.header.count }, "\(file.path) has ragged rows")
      }
    }
    #expect(withByteOrderMark == ["目标/年度目标.csv"])
    #expect(try sample.bytes("README.md").count > 500)
  }

  @Test func regionsFormOneTreeOfPlausibleDistricts() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let records = try sample.table("regions.csv").records
    let regions = records.map {
      Region(
        code: $0["区划代码"]!, name: $0["名称"]!, parentCode: $0["上级代码"]!.isEmpty ? nil : $0["上级代码"],
        aliases: $0["别名"]!.split(separator: "|").map(String.init),
        population: Int64($0["常住人口"]!), order: Int($0["排序"]!))
    }
    let tree = try #require(RegionTree(regions: regions))
    let leaves = tree.leaves(under: tree.root.code).compactMap { tree.region(code: $0) }
    #expect((8...12).contains(leaves.count))
    #expect(leaves.map(\.code) == city.districts.map(\.code), "display order")
    #expect(leaves.filter { $0.name.hasSuffix("市") }.count == 1)
    #expect(leaves.contains { $0.name.hasSuffix("区") } && leaves.contains { $0.name.hasSuffix("县") })
    for region in regions {
      #expect(region.code.count == 6 && region.code.allSatisfy(\.isNumber))
      #expect(region.code.hasPrefix(String(tree.root.code.prefix(4))))
      #expect(region.aliases.contains(region.name + "人民政府"))
    }
    for leaf in leaves {
      #expect((10_000...1_200_000).contains(leaf.population!))
    }
    let names = regions.flatMap { [$0.name] + $0.aliases }
    #expect(Set(names).count == names.count, "a name or alias is ambiguous")
  }

  @Test func everyRegionMonthRowIsPresentExactlyOnce() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let months = Self.small.months
    #expect(months.count == 34)
    let leaves = city.districts.map(\.name)

    let employment = try sample.table("就业/就业月报.csv")
    let employmentKeys = employment.rows.map { "\($0[0]) \($0[1])" }
    #expect(Set(employmentKeys).count == employmentKeys.count)
    #expect(Set(employmentKeys) == Set(months.flatMap { m in leaves.map { "\(m) \($0)" } }))
    for row in employment.rows {
      #expect(row[2...].allSatisfy { Int($0).map { $0 >= 0 } ?? false }, "\(row)")
    }

    let insurance = try sample.table("社保/参保月报.csv")
    let insuranceKeys = insurance.rows.map { "\($0[0]) \($0[1]) \($0[2])" }
    let schemes = Scheme.allCases.map(\.chineseName)
    let expected = months.flatMap { m in
      leaves.flatMap { leaf in schemes.map { "\(m.year * 100 + m.month) \(leaf) \($0)" } }
    }
    #expect(insuranceKeys.count == expected.count)
    #expect(Set(insuranceKeys) == Set(expected))
    for record in insurance.records {
      for name in ["参保人数", "新增参保人数"] {
        #expect((Int(record[name]!) ?? -1) >= 0, "\(record)")
      }
      #expect(Double(record["征缴收入(万元)"]!) != nil)
      #expect(record["征缴收入(万元)"]!.split(separator: ".").last?.count == 2)
      if let eligible = Int(record["应参保人数"]!) {
        let coverage = Double(record["参保人数"]!)! / Double(eligible)
        #expect((0.85...1.0).contains(coverage), "\(record)")
      }
    }
  }

  @Test func petitionIdsAreUniqueAndTheCurrentYearExportsOverlap() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    var allIds = Set<String>()
    var byExport: [String: [String: [String]]] = [:]
    for path in sample.petitionPaths {
      let table = try sample.table(path)
      let ids = table.values("信访件编号")
      #expect(Set(ids).count == ids.count, "\(path) repeats an id")
      #expect(ids.allSatisfy { $0.wholeMatch(of: /XF20\d\d-\d{6}/) != nil })
      byExport[path] = Dictionary(uniqueKeysWithValues: zip(ids, table.rows))
      allIds.formUnion(ids)
    }
    let earlier = try #require(byExport["信访/2024年1-9月.csv"])
    let later = try #require(byExport["信访/2024年1-10月.csv"])
    #expect(Set(earlier.keys).isSubset(of: Set(later.keys)))
    let added = Set(later.keys).subtracting(earlier.keys)
    #expect(!added.isEmpty && added.allSatisfy { later[$0]![1].hasPrefix("2024-10-") })
    #expect(earlier.values.allSatisfy { $0[1] < "2024-10-01" })
    let distinct = byExport.values.reduce(0) { $0 + $1.count } - earlier.count
    #expect(allIds.count == distinct, "an id occurs in two different years' files")

    // The later export moves status on, never back: what the earlier one knew stays the same.
    var movedOn = 0
    for (id, old) in earlier {
      let new = later[id]!
      #expect(old[0..<8] == new[0..<8], "\(id) changed what cannot change")
      for column in [8, 9] where !old[column].isEmpty {
        #expect(old[column] == new[column], "\(id) changed a date")
      }
      if old != new { movedOn += 1 }
    }
    #expect(movedOn > 50)
  }

  @Test func petitionDatesAreConsistent() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let names = Set(city.districts.flatMap { [$0.name] + $0.aliases })
    let exportDate = Self.small.exportDate
    for path in sample.petitionPaths {
      let asOf = path == "信访/2024年1-9月.csv" ? YearMonth(year: 2024, month: 9)!.lastDay : exportDate
      let year = Int(path.dropFirst(3).prefix(4))!
      var openItems = 0
      for record in try sample.table(path).records {
        let received = try #require(day(record["登记日期"]!))
        #expect(received.components.year == year && received <= asOf)
        #expect(names.contains(record["所属区县"]!))
        #expect(["来信", "来访", "网上信访", "电话"].contains(record["信访形式"]!))
        #expect(["", "本级", "赴省", "进京"].contains(record["信访去向"]!))
        #expect(["", "是", "否"].contains(record["是否重复"]!))
        #expect(record["人数"]!.isEmpty || Int(record["人数"]!)! >= 1)
        let accepted = day(record["受理日期"]!)
        let closed = day(record["办结日期"]!)
        #expect((accepted == nil) == record["受理日期"]!.isEmpty, "an unreadable date")
        #expect((closed == nil) == record["办结日期"]!.isEmpty, "an unreadable date")
        if let accepted { #expect(received <= accepted && accepted <= asOf) }
        if let closed {
          #expect((accepted ?? received) <= closed && closed <= asOf)
          #expect(accepted != nil)
          #expect(["", "满意", "基本满意", "不满意"].contains(record["满意度"]!))
        } else {
          #expect(record["满意度"] == "未评价")
          openItems += 1
        }
      }
      #expect(openItems > 0, "\(path) has no open item")
    }
  }

  @Test func petitionMixMatchesTheTargetShares() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    // Items counted once: the latest export of each year.
    let paths = ["信访/2022年.csv", "信访/2023年.csv", "信访/2024年1-10月.csv"]
    let records = try paths.flatMap { try sample.table($0).records }
    let total = Double(records.count)
    func share(_ predicate: ([String: String]) -> Bool) -> Double {
      Double(records.filter(predicate).count) / total
    }
    for (channel, target) in [("网上信访", 0.45), ("来信", 0.20), ("来访", 0.25), ("电话", 0.10)] {
      #expect(abs(share { $0["信访形式"] == channel } - target) < 0.025, "\(channel)")
    }
    #expect(abs(share { $0["信访去向"] == "赴省" } - 0.03) < 0.01)
    #expect(abs(share { $0["信访去向"] == "进京" } - 0.007) < 0.004)
    #expect(abs(share { $0["是否重复"] == "是" } - 0.12) < 0.02)

    let categories = Dictionary(grouping: records, by: { $0["问题类别"]! }).mapValues(\.count)
    #expect((12...15).contains(categories.count))
    #expect(categories.values.max()! > 4 * categories.values.min()!, "categories are not skewed")

    let years = Dictionary(grouping: records, by: { $0["登记日期"]!.prefix(4) }).mapValues(\.count)
    let fullYear = Double(years["2023"]!) / 4_000
    let tenMonths = Double(years["2024"]!) / (4_000 * 10 / 12)
    #expect(abs(fullYear - 1) < 0.1)
    #expect(abs(tenMonths - 1) < 0.15)
  }

  @Test func groupVisitsExistAndPersonsArePlausible() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let records = try sample.table("信访/2023年.csv").records
    let persons = records.map { (channel: $0["信访形式"]!, persons: Int($0["人数"]!) ?? 1) }
    let groups = persons.filter { $0.channel == "来访" && $0.persons >= 5 }
    #expect(groups.count >= 5)
    #expect(groups.allSatisfy { $0.persons <= 60 })
    #expect(persons.filter { $0.persons >= 5 && $0.channel != "来访" }.count < groups.count)
    #expect(Double(persons.filter { $0.persons == 1 }.count) / Double(records.count) > 0.85)
    #expect(records.contains { $0["人数"]!.isEmpty })
  }

  @Test func targetsCoverBothYearsAndTheCityIsStatedOnItsOwn() throws {
    let sample = try GeneratedSample(Self.small)
    defer { sample.remove() }
    let records = try sample.table("目标/年度目标.csv").records
    #expect(Set(records.map { $0["年度"]! }) == ["2023", "2024"])
    #expect(
      records.contains {
        $0["区县"] == "江川市" && $0["指标"] == "employment.registered_unemployment_rate"
          && $0["目标值"] == "3.5" && $0["方向"] == "不高于"
      })
    for year in ["2023", "2024"] {
      let jobs = records.filter { $0["年度"] == year && $0["指标"] == "employment.new_urban_jobs" }
      let city = Double(jobs.first { $0["区县"] == "江川市" }!["目标值"]!)!
      let districts = jobs.filter { $0["区县"] != "江川市" }.map { Double($0["目标值"]!)! }
      #expect(districts.count == self.city.districts.count)
      #expect(abs(city / districts.reduce(0, +) - 0.98) < 0.03)
    }
    let indicators = Set(records.map { $0["指标"]! })
    #expect(indicators.contains("insurance.pension_enterprise.net_increase"))
    #expect(indicators.contains("insurance.medical_resident.coverage_rate"))
  }

  @Test func januaryHasASingleCurrentYearExport() throws {
    let sample = try GeneratedSample(
      SampleOptions(seed: 1, year: 2025, month: 1, petitionsPerYear: 500))
    defer { sample.remove() }
    #expect(sample.petitionPaths == ["信访/2023年.csv", "信访/2024年.csv", "信访/2025年1月.csv"])
    let employment = try sample.table("就业/就业月报.csv")
    #expect(employment.rows.count == 25 * city.districts.count)
  }

  @Test func invalidOptionsAreRejected() {
    #expect(SampleOptions(month: 13).problem != nil)
    #expect(SampleOptions(year: 1901).problem != nil)
    #expect(SampleOptions(petitionsPerYear: -1).problem != nil)
    #expect(SampleOptions().problem == nil)
    #expect(throws: SampleError.self) {
      try SampleGenerator(options: SampleOptions(month: 0)).write(
        to: FileManager.default.temporaryDirectory.appending(path: "minsheng-never-written"))
    }
  }
}
