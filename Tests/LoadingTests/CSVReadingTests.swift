import Foundation
import Testing

@testable import Loading
@testable import Tables

/// Data contract §1: files, encodings, delimiters, quoting, line numbers.
@Suite struct CSVReadingTests {
  static let petitionHeader = "信访件编号,登记日期,信访形式,所属区县,问题类别\n"

  // A line break is kept in a column that reaches no output (备注, ignored); in 问题类别 it is an
  // error (ReliabilityTests), since no output can hold it.
  @Test func quotedFieldsKeepCommasQuotesAndLineBreaksAndLinesStayPhysical() {
    let header = "信访件编号,登记日期,信访形式,所属区县,问题类别,备注\n"
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write(
      "p.csv",
      header
        + "A1,2024-01-05,来信,西湖区,\"城乡建设, \"\"拆迁\"\"\",\"备注\n第二行\"\n"
        + "A2,2024-02-30,来信,西湖区,教育,\n")
    let report = folder.load(period: nil)
    #expect(report.errorLines == ["p.csv:4: column '登记日期': impossible date '2024-02-30'"])
    let folderOK = DataFolder().write("regions.csv", DataFolder.regions)
    folderOK.write("p.csv", header + "A1,2024-01-05,来信,西湖区,\"城乡建设, \"\"拆迁\"\"\",\"备注\n第二行\"\n")
    #expect(folderOK.load(period: nil).tables?.petitions?.categories == ["城乡建设, \"拆迁\""])
  }

  @Test func crlfBomAndGB18030AreReadAlike() throws {
    let text = Self.petitionHeader + "A1,2024-01-05,来访,东山区,劳动和社会保障\n"
    for (encoding, crlf, expected) in [
      (DataFolder.Encoding.utf8, true, TextEncoding.utf8), (.utf8BOM, false, .utf8BOM),
      (.gb18030, true, .gb18030),
    ] {
      let folder = DataFolder().write("regions.csv", DataFolder.regions)
      folder.write("p.csv", text, encoding: encoding, crlf: crlf)
      let report = folder.load(period: nil)
      #expect(report.errorLines.isEmpty)
      #expect(report.files.first { $0.path == "p.csv" }?.encoding == expected)
      let petitions = try #require(report.tables?.petitions)
      #expect(petitions.categories == ["劳动和社会保障"])
      let cell = try #require(petitions.counts.first { _ in true }?.cell)
      #expect(cell.channel == .visit && cell.regionCode == "330503")
    }
  }

  @Test func gb18030IsDecodedAcrossChunkBoundaries() throws {
    var text = Self.petitionHeader
    for i in 0..<40_000 { text += "B\(i),2024-01-05,网上信访,安平县,国土资源和城乡规划\n" }
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("p.csv", text, encoding: .gb18030)
    let report = folder.load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(report.tables?.petitions?.itemCount == 40_000)
    #expect(report.tables?.petitions?.categories == ["国土资源和城乡规划"])
  }

  @Test func undecodableBytesNameTheLineInTheLikelierEncoding() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    // Valid UTF-8 for two lines, then a lone 0xFF (invalid in both encodings) on line 3.
    folder.write(
      "p.csv", bytes: Array((Self.petitionHeader + "A1,2024-01-05,来信,西湖区,教育\n").utf8) + [0x41, 0xFF, 0x0A])
    #expect(
      folder.load(period: nil).errorLines == [
        "p.csv:3: invalid UTF-8 byte: the file is neither valid UTF-8 nor GB18030"
      ])
    let gbFolder = DataFolder().write("regions.csv", DataFolder.regions)
    gbFolder.write(
      "p.csv", bytes: DataFolder.gb18030(Self.petitionHeader + "A1,2024-01-05,来信,西湖区,教育\n\n") + [0xFF])
    #expect(
      gbFolder.load(period: nil).errorLines == [
        "p.csv:4: invalid GB18030 byte: the file is neither valid UTF-8 nor GB18030"
      ])
  }

  @Test func tabsBlankLinesAndTrailingEmptyColumns() throws {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("a.tsv", "信访件编号\t登记日期\t信访形式\t所属区县\t问题类别\nA1\t2024-01-05\t来信\t西湖区\t教育\n")
    folder.write("b.txt", "\n信访件编号\t登记日期\t信访形式\t所属区县\t问题类别\n\nA2\t2024-01-06\t电话\t西湖区\t民政\n")
    folder.write(
      "c.csv", "信访件编号,登记日期,信访形式,所属区县,问题类别,,,\nA3,2024-01-07,来信,西湖区,教育,,,\n,,,,,,,\nA4,2024-01-08,来信,西湖区\n")
    let report = folder.load(period: nil)
    #expect(report.files.map(\.isTabSeparated) == [true, true, false, false])
    // A4 is short: padded with empty cells, so its category is missing.
    #expect(report.errorLines == ["c.csv:4: column '问题类别': required value is empty"])
    #expect(report.files.first { $0.path == "c.csv" }?.rowsRead == 2)
  }

  @Test func extraNonEmptyCellsAreAnError() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("p.csv", Self.petitionHeader + "A1,2024-01-05,来信,西湖区,教育,多余\n")
    #expect(
      folder.load(period: nil).errorLines == ["p.csv:2: 6 cells but the header has 5 columns (extra: '多余')"])
  }

  @Test func unterminatedQuoteNamesItsLine() {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("p.csv", Self.petitionHeader + "A1,2024-01-05,来信,西湖区,\"教育\nA2,2024-01-05,来信,西湖区,教育\n")
    #expect(
      folder.load(period: nil).errorLines == ["p.csv:2: a quoted field opened on line 2 is never closed"])
  }

  @Test func filesAreReadInNaturalOrderOfTheirPaths() throws {
    #expect(
      ["信访/1-10月.csv", "信访/1-9月.csv", "a10.csv", "a2.csv", "B.csv"].sorted(
        by: NaturalOrder.areInIncreasingOrder)
        == ["B.csv", "a2.csv", "a10.csv", "信访/1-9月.csv", "信访/1-10月.csv"])
  }

  @Test func parserHandlesAnyChunking() throws {
    let text = "a,\"b,\r\n\"\"c\"\"\"\r\nd,e\r\n"
    for split in 0...text.utf8.count {
      var parser = CSVParser(delimiter: UInt8(ascii: ","))
      var records: [CSVRecord] = []
      let bytes = Array(text.utf8)
      bytes[..<split].withUnsafeBufferPointer { parser.feed($0) { records.append($0) } }
      bytes[split...].withUnsafeBufferPointer { parser.feed($0) { records.append($0) } }
      try parser.finish { records.append($0) }
      #expect(records.map(\.fields) == [["a", "b,\r\n\"c\""], ["d", "e"]])
      #expect(records.map(\.line) == [1, 3])
    }
  }
}
