import Foundation
import Testing

@testable import Loading
@testable import Tables

#if canImport(Glibc)
  import Glibc
#endif

/// Issue 15, the input side: nothing under the data folder skipped silently (class 1), no trap
/// and no clamping on any magnitude (class 3), what the outputs cannot hold refused at its row
/// (class 7), empty exports named (class 8), precise messages (class 13) and control characters
/// escaped in every diagnostic (class 14).
@Suite struct ReliabilityTests {
  static let header = "信访件编号,登记日期,信访形式,所属区县,问题类别,人数,信访去向,是否重复,受理日期,办结日期,满意度\n"
  static let petitions = header + "A1,2024-01-05,来信,西湖区,教育,1,,否,,,\nA2,2024-02-03,来访,东山区,城乡建设,2,,否,,,\n"
  static let employment = """
    统计月份,区县,城镇新增就业人数
    2024-01,西湖区,10
    2024-01,东山区,20
    2024-01,安平县,30

    """

  private func folder() -> DataFolder { DataFolder().write("regions.csv", DataFolder.regions) }

  private func symlink(_ target: String, at path: String, in folder: DataFolder) throws {
    try FileManager.default.createSymbolicLink(
      atPath: folder.url.appending(path: path).path, withDestinationPath: target)
  }

  // MARK: Class 1

  @Test(arguments: ["信访", "data/deeper"])
  func aSymlinkedFolderIsRead(_ linkPath: String) throws {
    let outside = DataFolder().write("p.csv", Self.petitions)
    let data = folder()
    try FileManager.default.createDirectory(
      at: data.url.appending(path: linkPath).deletingLastPathComponent(), withIntermediateDirectories: true)
    try symlink(outside.url.path, at: linkPath, in: data)
    let report = data.load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(report.files.map(\.path).contains("\(linkPath)/p.csv"))
    #expect(report.tables?.petitions?.itemCount == 2)
  }

  @Test(arguments: ["p.csv", "sub/p.txt"])
  func aSymlinkedFileIsRead(_ linkPath: String) throws {
    let outside = DataFolder().write("real.csv", Self.petitions)
    let data = folder()
    try FileManager.default.createDirectory(
      at: data.url.appending(path: linkPath).deletingLastPathComponent(), withIntermediateDirectories: true)
    try symlink(outside.url.appending(path: "real.csv").path, at: linkPath, in: data)
    let report = data.load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(report.tables?.petitions?.itemCount == 2)
  }

  @Test(arguments: ["gone.csv", "x/gone.TSV", "gone-folder"])
  func aBrokenLinkIsAnErrorNamingIt(_ path: String) throws {
    let data = folder()
    try FileManager.default.createDirectory(
      at: data.url.appending(path: path).deletingLastPathComponent(), withIntermediateDirectories: true)
    try symlink("/nonexistent/\(UUID().uuidString)", at: path, in: data)
    let errors = data.load(period: nil).errorLines
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix("\(path): cannot read: broken symbolic link") == true)
  }

  @Test(arguments: [("loop", "."), ("a/b/up", "../.."), ("a/self", "."), ("a/b/back", "../../a")])
  func aLinkLoopIsAnErrorNamingIt(_ path: String, _ target: String) throws {
    let data = folder().write("a/b/e.csv", Self.employment)
    try symlink(target, at: path, in: data)
    let report = data.load(period: nil)
    let errors = report.errorLines.filter { !$0.contains("no rows for") }
    #expect(errors.count == 1, "\(errors.joined(separator: "\n"))")
    #expect(errors.first?.hasPrefix("\(path): symbolic link loop") == true)
    // The employment file is read once, under its own path.
    #expect(report.files.filter { $0.dataset == "employment" }.map(\.path) == ["a/b/e.csv"])
  }

  @Test(arguments: ["fifo.csv", "sub/pipe.txt"])
  func aFIFONamedLikeADataFileIsAnError(_ path: String) throws {
    let data = folder()
    let url = data.url.appending(path: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    #expect(mkfifo(url.path, 0o644) == 0)
    #expect(data.load(period: nil).errorLines == ["\(path): cannot read: not a regular file (a FIFO)"])
  }

  @Test func aFileReachedTwiceIsReadOnceWithAWarning() throws {
    let data = folder().write("p/2024.csv", Self.petitions)
    try symlink("2024.csv", at: "p/latest.csv", in: data)
    let report = data.load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(
      report.warningLines.contains(
        "p/latest.csv: warning: the same file as 'p/2024.csv' (read once, as 'p/2024.csv')"))
    #expect(report.replacedPetitions == 0)
  }

  // Root reads any folder whatever its mode: the tests above cover unreadable paths that exist
  // for root too.
  @Test(.enabled(if: geteuid() != 0, "root reads any folder"))
  func anUnreadableFolderIsAnErrorNamingIt() throws {
    let data = folder().write("locked/p.csv", Self.petitions)
    let locked = data.url.appending(path: "locked").path
    chmod(locked, 0)
    defer { chmod(locked, 0o755) }
    let errors = data.load(period: nil).errorLines
    #expect(errors == ["locked: cannot read the folder: Permission denied"])
  }

  // MARK: Class 3

  @Test(arguments: [
    ("p.csv", header + "A1,2024-01-05,来信,西湖区,教育,999999999999999,,否,,,\n", "人数"),
    ("p.csv", header + "A1,2024-01-05,来信,西湖区,教育,123456789012345678901234567890,,否,,,\n", "人数"),
    ("e.csv", "统计月份,区县,城镇登记失业人数\n2024-01,西湖区,100000000000000\n", "城镇登记失业人数"),
    ("i.csv", "统计月份,区县,险种,参保人数,征缴收入(万元)\n2024-01,西湖区,失业保险,5,-999999999999999.5\n", "征缴收入(万元)"),
    ("t.csv", "年度,区县,指标,目标值\n2024,西湖区,employment.new_urban_jobs,1000000000000000\n", "目标值"),
  ])
  func aNumberTooLargeIsAnErrorNotATrap(_ path: String, _ text: String, _ column: String) {
    let errors = folder().write(path, text).load(period: nil).errorLines
    #expect(errors.count == 1)
    #expect(errors.first?.hasPrefix("\(path):2: column '\(column)': '") == true)
    #expect(errors.first?.hasSuffix("is too large (at most 99,999,999,999,999)") == true)
  }

  @Test func theLargestNumberIsReadExactly() throws {
    let value = try #require(try ValueParsing.number("99,999,999,999,999.9999")?.get())
    #expect(value.description == "99999999999999.9999")
    #expect(try ValueParsing.number("-99999999999999")?.get().description == "-99999999999999")
    #expect(throws: ValueError.self) { try ValueParsing.number("100000000000000")?.get() }
  }

  @Test(arguments: ["2147483648", "99999999999", "4294967297"])
  func personsAbove2To31AreRefusedNotClamped(_ persons: String) {
    let text = Self.header + "A1,2024-01-05,来信,西湖区,教育,\(persons),,否,,,\n"
    #expect(
      folder().write("p.csv", text).load(period: nil).errorLines == [
        "p.csv:2: column '人数': \(persons) persons is too large (at most 2,147,483,647)"
      ])
  }

  @Test func personsOf2To31MinusOneAreExact() throws {
    let text = Self.header + "A1,2024-01-05,来信,西湖区,教育,2147483647,,否,,,\n"
    let cell = try #require(
      folder().write("p.csv", text).load(period: nil).tables?.petitions?.counts.first { _ in true })
    #expect(cell.cell.persons == 2_147_483_647)
  }

  @Test func aReportedTotalOfHugeLeavesIsComparedWithoutOverflow() {
    let big = "99999999999999"
    let text = "统计月份,区县,城镇登记失业人数\n2024-01,西湖区,\(big)\n2024-01,东山区,\(big)\n2024-01,安平县,\(big)\n2024-01,合计,1\n"
    let warnings = folder().write("e.csv", text).load(period: nil).warningLines
    #expect(
      warnings.contains(
        "e.csv:5: warning: column '城镇登记失业人数': reported total 1 differs from the sum of the districts in this file 299,999,999,999,997"
      ))
  }

  // MARK: Class 7

  static let badCategories: [(String, String)] = [
    ("\"城乡\n建设\"", "the value contains a line break (Alt+Enter in Excel): write it on one line"),
    ("\"城乡\r\n建设\"", "the value contains a line break (Alt+Enter in Excel): write it on one line"),
    ("城乡\u{0}建设", "the value contains a NUL byte"),
    ("城乡\u{1B}[2J建设", "the value contains the control character \\u{1B}"),
    ("城乡\u{7F}", "the value contains the control character \\u{7F}"),
    (
      String(repeating: "a", count: 32_768),
      "the value is longer than 32,767 characters (the most a workbook cell holds)"
    ),
    (
      String(repeating: "😀", count: 16_384),
      "the value is longer than 32,767 characters (the most a workbook cell holds)"
    ),
  ]

  @Test(arguments: badCategories, [false, true])
  func aCategoryTheOutputsCannotHoldIsRefusedAtItsRow(_ bad: (String, String), generalPath: Bool) {
    let text = Self.header + "A1,2024-01-05,来信,西湖区,\(bad.0),1,,否,,,\nA2,2024-01-05,来信,西湖区,教育,1,,否,,,\n"
    let data = folder().write("p.csv", text)
    let report = try! DataLoader(dictionary: DataFolder.dictionary).load(
      folder: data.url, options: LoadOptions(forcesGeneralPath: generalPath))
    #expect(report.errorLines == ["p.csv:2: column '问题类别': \(bad.1)"])
  }

  @Test func aCategoryOf32767CharactersIsKept() throws {
    let long = String(repeating: "类", count: 32_767)
    let text = Self.header + "A1,2024-01-05,来信,西湖区,\(long),1,,否,,,\n"
    let report = folder().write("p.csv", text).load(period: nil)
    #expect(report.errorLines.isEmpty)
    #expect(report.tables?.petitions?.categories == [long])
  }

  @Test func aRegionNameOnTwoLinesIsRefused() {
    let regions = "区划代码,名称,上级代码\n330500,江川市,\n330502,\"西湖\n区\",330500\n"
    #expect(
      DataFolder().write("regions.csv", regions).load(period: nil).errorLines == [
        "regions.csv:3: column '名称': the value contains a line break (Alt+Enter in Excel): write it on one line"
      ])
  }

  // MARK: Class 8

  @Test(arguments: ["empty.csv", "信访/2024年10月.csv", "x.tsv"])
  func aZeroByteDataFileIsAnError(_ path: String) {
    #expect(
      folder().write(path, bytes: []).load(period: nil).errorLines == [
        "\(path): empty file (0 bytes): no header row and no data"
      ])
  }

  @Test(arguments: [
    ("p.csv", header), ("e.csv", "统计月份,区县,城镇新增就业人数\n\n\n"), ("t.csv", "年度,区县,指标,目标值\r\n"),
  ])
  func aHeaderOnlyFileIsAWarningNamingIt(_ path: String, _ text: String) {
    let report = folder().write(path, text).write("e2.csv", Self.employment).load(period: nil)
    #expect(
      report.warningLines.contains("\(path): warning: no data rows: the file holds a header and nothing else")
    )
  }

  @Test(arguments: ["2024-03", "2024-02"])
  func aReportMonthWithoutPetitionsIsAWarning(_ period: String) {
    let months = ["2024-01", "2024-02", "2024-03"].filter { $0 != period }
    var text = Self.header
    for (index, month) in months.enumerated() { text += "A\(index),\(month)-05,来信,西湖区,教育,1,,否,,,\n" }
    let report = folder().write("p.csv", text).load(period: period)
    #expect(
      report.warningLines == [
        "信访事项 (petitions): warning: no petition item was received in \(period): every petition figure of that month is 0 (is an export missing?)"
      ])
  }

  // MARK: Class 13

  @Test(arguments: [([UInt8(0xFF), 0xFE], "little"), ([0xFE, 0xFF], "big")])
  func aUTF16FileSaysSo(_ mark: [UInt8], _ endian: String) {
    var bytes = mark
    for unit in Self.petitions.utf16 {
      let pair = [UInt8(unit & 0xFF), UInt8(unit >> 8)]
      bytes += endian == "little" ? pair : pair.reversed()
    }
    #expect(
      folder().write("u.csv", bytes: bytes).load(period: nil).errorLines == [
        "u.csv: the file is UTF-16 (\(endian)-endian byte-order mark), which is not read: save it as UTF-8 or GB18030 (Excel: CSV UTF-8)"
      ])
  }

  @Test(arguments: [petitions, employment])
  func carriageReturnOnlyLineEndsAreNamed(_ text: String) {
    let cr = text.replacingOccurrences(of: "\n", with: "\r")
    #expect(
      folder().write("mac.csv", cr).load(period: nil).errorLines == [
        "mac.csv: line ends are CR only (classic Mac): save the file with LF or CRLF line ends"
      ])
  }

  @Test(arguments: [
    ("信访件编号,日期,信访形式,所属区县,问题类别\n", "信访事项 (petitions), missing required column 登记日期"),
    ("编号,日期,形式,区县,内容\n", "信访事项 (petitions), missing required columns 登记日期, 问题类别"),
    ("区县,城镇新增就业人数\n", "就业 (employment), missing required column 统计月份"),
  ])
  func aHeaderMatchingNoDatasetNamesTheNearestAndItsMissingColumns(_ header: String, _ nearest: String) {
    let errors = folder().write("x.csv", header).load(period: nil).errorLines
    #expect(errors.count == 1)
    #expect(errors.first?.hasSuffix("; nearest: \(nearest)") == true)
  }

  @Test(arguments: [
    (
      "330502,西湖区,330503\n330503,东山区,330502\n",
      "regions.csv:3: column '上级代码': the parent codes form a cycle: 330502 → 330503 → 330502"
    ),
    (
      "330502,西湖区,330502\n330503,东山区,330500\n",
      "regions.csv:3: column '上级代码': the parent codes form a cycle: 330502 → 330502"
    ),
    (
      "330503,东山区,330500\n330504,南区,330506\n330505,北区,330504\n330506,中区,330505\n",
      "regions.csv:4: column '上级代码': the parent codes form a cycle: 330504 → 330506 → 330505 → 330504"
    ),
  ])
  func aRegionCycleNamesItsLineAndCodes(_ rows: String, _ expected: String) {
    let text = "区划代码,名称,上级代码\n330500,江川市,\n" + rows
    #expect(
      DataFolder().write("regions.csv", text).load(period: nil).errorLines == [
        expected + " (these regions are not under the root)"
      ])
  }

  @Test(arguments: ["9999-12-31", "1899-12-31", "3000-01-01", "99991231"])
  func aDateOutsideTheSupportedYearsSaysSo(_ date: String) {
    let text = Self.header + "A1,\(date),来信,西湖区,教育,1,,否,,,\n"
    #expect(
      folder().write("p.csv", text).load(period: nil).errorLines == [
        "p.csv:2: column '登记日期': '\(date)' is outside the supported date range (years 1900 to 2999)"
      ])
  }

  @Test func anImpossibleDateIsStillImpossible() {
    let text = Self.header + "A1,2024-02-30,来信,西湖区,教育,1,,否,,,\n"
    #expect(
      folder().write("p.csv", text).load(period: nil).errorLines == [
        "p.csv:2: column '登记日期': impossible date '2024-02-30'"
      ])
  }

  // MARK: Class 14

  @Test(arguments: [
    ("西\u{1B}[2J湖", "西\\u{1B}[2J湖"), ("a\u{7}b", "a\\u{7}b"), ("x\u{7F}\u{9B}31m", "x\\u{7F}\\u{9B}31m"),
    ("a\nb\tc", "a\\u{A}b\\u{9}c"),
  ])
  func controlCharactersAreEscapedInEveryDiagnostic(_ raw: String, _ shown: String) {
    let diagnostic = Diagnostic(
      .error, file: "d/\(raw).csv", line: 3, column: raw, message: "unknown region '\(raw)'")
    #expect(diagnostic.description == "d/\(shown).csv:3: column '\(shown)': unknown region '\(shown)'")
  }

  @Test func anEscapeSequenceInARegionCellIsEscapedInTheMessage() {
    let text = Self.header + "A1,2024-01-05,来信,西\u{1B}]0;x\u{7}湖区,教育,1,,否,,,\n"
    let errors = folder().write("p.csv", text).load(period: nil).errorLines
    #expect(errors.count == 1)
    #expect(errors.first?.contains("'西\\u{1B}]0;x\\u{7}湖区'") == true)
    #expect(errors.allSatisfy { !$0.unicodeScalars.contains { $0.value < 0x20 } })
  }
}
