import Foundation
import Testing

/// SIGINT and SIGTERM during the render remove the staging folder (and the folders made for it)
/// and end the process with the signal, as shells expect (130, 143); a later run removes the
/// staging folders of processes that are gone.
@Suite(.serialized) struct InterruptTests {
  /// Starts `report` on a generated data folder, waits until it renders, sends `signal`.
  private func interrupt(with signal: Int32, data: URL, out: URL) throws -> Process {
    let log = out.deletingLastPathComponent().deletingLastPathComponent().appending(
      path: "stderr-\(signal).txt")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    let process = Process()
    process.executableURL = CommandRun.executable
    process.arguments = ["report", "--data", data.path, "--out", out.path, "--release-date", "2024-11-08"]
    process.currentDirectoryURL = CommandRun.repository
    process.standardOutput = FileHandle.nullDevice
    process.standardError = try FileHandle(forWritingTo: log)
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while Date() < deadline, process.isRunning {
      if let text = try? String(contentsOf: log, encoding: .utf8), text.contains("drawing") { break }
      usleep(20_000)
    }
    usleep(200_000)
    #expect(process.isRunning, "the run ended before it could be interrupted")
    #expect(staging(near: out).count == 1)
    kill(process.processIdentifier, signal)
    process.waitUntilExit()
    return process
  }

  private func staging(near out: URL) -> [String] {
    [out.deletingLastPathComponent(), out].flatMap {
      ((try? FileManager.default.contentsOfDirectory(atPath: $0.path)) ?? []).filter {
        $0.hasPrefix(".minsheng-staging-")
      }
    }
  }

  @Test func aSignalDuringTheRenderLeavesNothing() throws {
    let base = FileManager.default.temporaryDirectory.appending(path: "minsheng-signal-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let data = base.appending(path: "data")
    let made = try CommandRun(["sample", "--out", data.path, "--petitions", "300000"])
    #expect(made.status == 0)
    for (signal, name) in [(SIGINT, "int"), (SIGTERM, "term")] {
      let out = base.appending(path: "out-\(name)/bulletin")
      let process = try interrupt(with: signal, data: data, out: out)
      #expect(process.terminationReason == .uncaughtSignal && process.terminationStatus == signal)
      #expect(staging(near: out).isEmpty)
      #expect(!FileManager.default.fileExists(atPath: out.deletingLastPathComponent().path))
    }
  }

  /// A staging folder of a process that is gone (left by SIGKILL) is removed by the next run,
  /// beside the output folder and inside it (where older versions staged).
  @Test func staleStagingFoldersOfDeadProcessesAreRemoved() throws {
    let base = FileManager.default.temporaryDirectory.appending(path: "minsheng-stale-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: base) }
    let out = base.appending(path: "out")
    let dead = Process()
    dead.executableURL = URL(fileURLWithPath: "/bin/true")
    try dead.run()
    dead.waitUntilExit()
    let stale = [
      base.appending(path: ".minsheng-staging-\(dead.processIdentifier)-out/charts/x.png"),
      out.appending(path: ".minsheng-staging-\(dead.processIdentifier)/indicators.csv"),
    ]
    for file in stale {
      try FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("trunc".utf8).write(to: file)
    }
    let run = try CommandRun(["report", "--out", out.path, "--release-date", "2024-11-08"])
    #expect(run.status == 0, "\(run.error)")
    #expect(staging(near: out).isEmpty)
  }
}
