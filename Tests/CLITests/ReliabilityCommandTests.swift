import Foundation
import Testing

/// Issue 15 as a user meets it in `check`: a symlinked export folder read, every unknown target
/// an error at its row with exit 1, and escape sequences from the data never reaching the terminal.
@Suite struct ReliabilityCommandTests {
  static let petitions = "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-01-05,来信,西湖区,教育\n"

  @Test func aSymlinkedExportFolderIsChecked() throws {
    let outside = try temporaryFolder(["p.csv": Self.petitions])
    let folder = try temporaryFolder(["regions.csv": CheckCommandTests.regions])
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: outside)
    }
    try FileManager.default.createSymbolicLink(
      atPath: folder.appending(path: "信访").path, withDestinationPath: outside.path)
    let run = try CommandRun(["check", "--data", folder.path])
    #expect(run.status == 0)
    #expect(run.output.contains("信访/p.csv"))
    #expect(run.output.contains("period 2024-01"))
  }

  @Test(arguments: [["employment.new_jobz", "信访总量x"], ["petitions.totl", "x", "y"]])
  func everyUnknownTargetIsADataErrorAtItsRow(_ indicators: [String]) throws {
    var targets = "年度,区县,指标,目标值\n2024,江川市,petitions.total,100\n"
    for indicator in indicators { targets += "2024,西湖区,\(indicator),5\n" }
    let folder = try temporaryFolder([
      "regions.csv": CheckCommandTests.regions, "p.csv": Self.petitions, "t.csv": targets,
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CommandRun(["check", "--data", folder.path])
    #expect(run.status == 1)
    for (offset, indicator) in indicators.enumerated() {
      #expect(run.output.contains("t.csv:\(offset + 3): column '指标': unknown indicator '\(indicator)'"))
    }
    #expect(run.output.contains("NOT READY: \(indicators.count) errors"))
    // `report` refuses the same rows with the same messages, as a data error, and writes nothing.
    let out = folder.appending(path: "out")
    let report = try CommandRun(["report", "--data", folder.path, "--out", out.path])
    #expect(report.status == 1)
    for (offset, indicator) in indicators.enumerated() {
      #expect(report.error.contains("t.csv:\(offset + 3): column '指标': unknown indicator '\(indicator)'"))
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
  }

  @Test(arguments: ["\u{1B}[2J", "\u{1B}]0;title\u{7}", "\u{9B}31m"])
  func escapeSequencesInTheDataAreEscaped(_ sequence: String) throws {
    let folder = try temporaryFolder([
      "regions.csv": CheckCommandTests.regions,
      "p\(sequence).csv": "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-01-05,来信,西湖\(sequence)区,教育\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CommandRun(["check", "--data", folder.path])
    #expect(run.status == 1)
    #expect(!run.output.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x9B || $0.value == 0x07 })
    #expect(run.output.contains("unknown region '西湖\\u{"))
  }
}
