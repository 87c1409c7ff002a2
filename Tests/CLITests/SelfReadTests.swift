import Foundation
import Testing

/// Outputs written inside a data folder are never read back: after reports into the data folder
/// (the city, a district, another template), `check` of that folder is still clean.
@Suite struct SelfReadTests {
  @Test func reportsInsideTheDataFolderDoNotBreakCheck() throws {
    let data = FileManager.default.temporaryDirectory.appending(path: "minsheng-self-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: data) }
    try FileManager.default.copyItem(at: CommandRun.repository.appending(path: "sample-data"), to: data)
    for (extra, out) in [
      ([String](), "output/2024-10"), (["--region", "西湖区"], "output/2024-10/西湖区"),
      (["--template", "petitions-digest"], "output/2024-10/petitions-digest"), ([], "bulletins/latest"),
    ] {
      let run = try CommandRun(
        [
          "report", "--data", data.path, "--out", data.appending(path: out).path, "--release-date",
          "2024-11-08",
        ]
          + extra)
      #expect(run.status == 0, "\(run.error)")
      #expect(FileManager.default.fileExists(atPath: data.appending(path: "\(out)/indicators.csv").path))
      let check = try CommandRun(["check", "--data", data.path])
      #expect(check.status == 0, "after \(out): \(check.output)")
      #expect(!check.output.contains("indicators.csv"))
    }
  }
}
