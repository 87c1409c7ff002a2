import Concurrency
import Document
import Foundation
import ReportTemplates
import Tables
import Testing

@testable import Pipeline

@Suite struct ParallelRenderingTests {
  /// The package folder (this file is Tests/PipelineTests/…).
  private static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  private func run(threads: Int) throws -> (folder: URL, outcome: ReportOutcome) {
    let out = FileManager.default.temporaryDirectory.appending(path: "minsheng-pipeline-\(UUID().uuidString)")
    let request = ReportRequest(
      dataFolder: Self.package.appending(path: "sample-data"),
      templatesFolder: Self.package.appending(path: "templates"), outFolder: out,
      releaseDate: Day(year: 2024, month: 11, day: 8)!, renderThreads: threads)
    return (out, try ReportPipeline().run(request))
  }

  private func files(in folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      var isFolder: ObjCBool = false
      let url = folder.appending(path: path)
      guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder), !isFolder.boolValue
      else { continue }
      files[path] = try Data(contentsOf: url)
    }
    return files
  }

  @Test func twoThreadsWriteTheFilesOneThreadWrites() throws {
    let one = try run(threads: 1)
    defer { try? FileManager.default.removeItem(at: one.folder) }
    let two = try run(threads: 2)
    defer { try? FileManager.default.removeItem(at: two.folder) }
    let sequential = try files(in: one.folder)
    let parallel = try files(in: two.folder)
    // 13 outputs and the folder's marker (the list of the run's files).
    #expect(sequential.count == 14 && sequential[".minsheng-output"] != nil)
    #expect(Set(sequential.keys) == Set(parallel.keys))
    for (path, data) in sequential {
      #expect(parallel[path] == data, "\(path) differs between one and two render threads")
    }
  }

  @Test func eachOutputPhaseIsTimedAndSoIsTheirWallTime() throws {
    let (folder, outcome) = try run(threads: 2)
    defer { try? FileManager.default.removeItem(at: folder) }
    let phases = outcome.timings.map(\.phase)
    #expect(
      phases == [
        "read+validate", "indicators", "document", "indicators.csv", "charts", "pdf", "xlsx", "render (wall)",
      ])
    #expect(outcome.timings.allSatisfy { $0.seconds > 0 })
  }
}

@Suite struct RenderFailureTests {
  private static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  @Test func theEarliestFailedJobIsReportedAndLaterJobsDoNotStart() throws {
    let request = ReportRequest(
      dataFolder: Self.package.appending(path: "sample-data"),
      templatesFolder: Self.package.appending(path: "templates"),
      releaseDate: Day(year: 2024, month: 11, day: 8)!)
    let figures = try ReportPipeline().figures(request)
    let template = try ReportTemplate.load(named: "monthly", templates: request.templatesFolder)
    let document = try ContentBuilder(
      template: template, report: figures.report, releaseDate: request.releaseDate
    ).build()
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "minsheng-failure-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    // The PDF goes to a folder that does not exist; everything else could be written.
    let jobs = ParallelRenderer.jobs(for: document).map { job in
      (
        job: job,
        url: job == .pdf ? folder.appending(path: "missing/bulletin.pdf") : folder.appending(path: "\(job)")
      )
    }
    let renderer = ParallelRenderer(document: document, report: figures.report, jobs: jobs, workers: 2)
    #expect {
      _ = try renderer.run(typesetters: TypesetterSupply(count: 2, families: []))
    } throws: { error in
      "\(error)".contains("missing/bulletin.pdf")
    }
    // The second worker finished the job it had taken, and took no other.
    let written = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "missing" }
    #expect(written.count <= 2)
  }
}

@Suite struct TypesetterSupplyTests {
  /// Each warmed-up typesetter goes to one taker only; takers beyond them get new ones.
  @Test func handsEachWarmedTypesetterOutOnce() throws {
    let supply = TypesetterSupply(count: 2, families: [])
    let taken = try (0..<3).map { _ in try supply.take() }
    #expect(taken[0] !== taken[1] && taken[1] !== taken[2] && taken[0] !== taken[2])
  }

  /// Taken from several threads at once, the warmed-up ones still go to one taker each.
  @Test func concurrentTakersGetDistinctTypesetters() throws {
    let supply = TypesetterSupply(count: 4, families: [])
    let ids = concurrentMap(count: 4) { _ in (try? supply.take()).map(ObjectIdentifier.init) }
    #expect(ids.allSatisfy { $0 != nil })
    #expect(Set(ids.compactMap { $0 }).count == 4)
  }
}
