import Foundation
import Testing

/// Runs the built `minsheng` binary as a user would and checks its output and exit status.
struct CommandRun {
  let status: Int32
  let output: String
  let error: String

  static let repository = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static var executable: URL {
    let candidates = [
      Bundle.main.bundleURL.appending(path: "minsheng"),
      Bundle.main.bundleURL.deletingLastPathComponent().appending(path: "minsheng"),
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates[0]
  }

  init(_ arguments: [String]) throws {
    let process = Process()
    process.executableURL = Self.executable
    process.arguments = arguments
    process.currentDirectoryURL = Self.repository
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    status = process.terminationStatus
    output = String(decoding: outData, as: UTF8.self)
    error = String(decoding: errData, as: UTF8.self)
  }
}

/// A temporary folder of CSV files.
func temporaryFolder(_ files: [String: String]) throws -> URL {
  let url = FileManager.default.temporaryDirectory.appending(path: "minsheng-cli-\(UUID().uuidString)")
  for (path, text) in files {
    let file = url.appending(path: path)
    try FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: file)
  }
  return url
}

@Suite struct CheckCommandTests {
  static let regions = "区划代码,名称,上级代码\n330500,江川市,\n330502,西湖区,330500\n330503,东山区,330500\n"

  @Test func listsEveryProblemAndExitsOne() throws {
    let folder = try temporaryFolder([
      "regions.csv": Self.regions,
      "p.csv":
        "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-02-30,来信,西湖区,教育\nA2,2024-01-05,来信,北湖区,教育\nA3,2024-01-05,飞鸽,东山区,教育\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let before = try Data(contentsOf: folder.appending(path: "p.csv"))
    let run = try CommandRun(["check", "--data", folder.path])
    #expect(run.status == 1)
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(
      lines.prefix(3) == [
        "p.csv:2: column '登记日期': impossible date '2024-02-30'",
        "p.csv:3: column '所属区县': unknown region '北湖区' (used by 1 row; closest: 西湖区, 东山区)",
        "p.csv:4: column '信访形式': unknown value '飞鸽' (accepted: 来信, 来访, 电话, 网上信访)",
      ])
    #expect(run.output.contains("p.csv        信访事项 (petitions)  UTF-8                    3                3"))
    #expect(run.output.contains("NOT READY: 3 errors"))
    // Input files are never modified.
    #expect(try Data(contentsOf: folder.appending(path: "p.csv")) == before)
  }

  @Test func cleanDataExitsZero() throws {
    let folder = try temporaryFolder([
      "regions.csv": Self.regions,
      "p.csv": "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-01-05,来信,西湖区,教育\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let run = try CommandRun(["check", "--data", folder.path])
    #expect(run.status == 0)
    #expect(
      run.output.contains("OK: the data is fit for the bulletin; period 2024-01 (latest month in the data)"))
  }

  @Test func aBadPeriodIsAUsageError() throws {
    let run = try CommandRun(["check", "--period", "2024-13"])
    #expect(run.status == 2)
    #expect(run.error.contains("invalid period '2024-13': month 13 is not 1-12"))
  }

  @Test func aMissingFolderIsNamed() throws {
    let run = try CommandRun(["check", "--data", "/nonexistent/folder"])
    #expect(run.status == 2)
    #expect(run.error.contains("/nonexistent/folder is not a folder"))
  }
}

@Suite struct SampleDataCheckTests {
  @Test func theCommittedSampleDataIsClean() throws {
    let run = try CommandRun(["check", "--data", "sample-data"])
    #expect(run.status == 0)
    #expect(run.output.contains("OK: the data is fit for the bulletin; period 2024-10"))
    #expect(!run.output.contains("warning:"))
  }

  @Test func freshlyGeneratedSampleDataIsCleanAtAnotherPeriod() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "minsheng-sample-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let made = try CommandRun([
      "sample", "--out", folder.path, "--seed", "7", "--year", "2025", "--month", "3", "--petitions", "2000",
    ])
    #expect(made.status == 0)
    let run = try CommandRun(["check", "--data", folder.path, "--period", "2025-03"])
    #expect(run.status == 0)
    #expect(run.output.contains("OK: the data is fit for the bulletin; period 2025-03"))
  }
}
