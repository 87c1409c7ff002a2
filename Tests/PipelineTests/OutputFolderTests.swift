import Engine
import Foundation
import ReportTemplates
import Tables
import Testing

@testable import Pipeline

/// The output folder as a set: checked before anything moves, rolled back on a failure, made only
/// when committing, its own stale files removed, one folder per report.
@Suite(.serialized) struct OutputFolderTests {
  private static let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  private func temporary() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "minsheng-out-\(UUID().uuidString)")
  }

  private func report(
    into out: URL, template: String = "monthly", released day: Int = 8
  ) throws(ReportFailure) -> ReportOutcome {
    try ReportPipeline().run(
      ReportRequest(
        dataFolder: Self.package.appending(path: "sample-data"),
        templatesFolder: Self.package.appending(path: "templates"), templateName: template, outFolder: out,
        releaseDate: Day(year: 2024, month: 11, day: day)!))
  }

  /// Every file under `folder` (folders as "/"), by relative path.
  private func snapshot(_ folder: URL) throws -> [String: Data] {
    var files: [String: Data] = [:]
    for path in try FileManager.default.subpathsOfDirectory(atPath: folder.path) {
      var isFolder: ObjCBool = false
      let url = folder.appending(path: path)
      _ = FileManager.default.fileExists(atPath: url.path, isDirectory: &isFolder)
      files[path] = isFolder.boolValue ? Data("/".utf8) : try Data(contentsOf: url)
    }
    return files
  }

  /// Staging folders of `folder`'s report: inside it, or beside it and named after it (other
  /// tests running at the same time stage beside their own folders in the same parent).
  private func stagingFolders(near folder: URL) -> [String] {
    let inside = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter {
      $0.hasPrefix(".minsheng-staging-")
    }
    let beside =
      ((try? FileManager.default.contentsOfDirectory(atPath: folder.deletingLastPathComponent().path)) ?? [])
      .filter { $0.hasPrefix(".minsheng-staging-") && $0.hasSuffix("-" + folder.lastPathComponent) }
    return inside + beside
  }

  /// A folder where a file should go (a chart, the PDF, indicators.csv) or a file where the
  /// `charts` folder should be: the error names the place and the reason, and the folder keeps
  /// the earlier run's files, byte for byte (run as root too: no permission is involved).
  @Test(arguments: [
    ("charts/petitions_trend.png", true, "is a directory"),
    ("charts/insurance_schemes.svg", true, "is a directory"),
    ("民生统计月报_2024-10.xlsx", true, "is a directory"),
    ("indicators.csv", true, "is a directory"),
    ("charts", false, "is not a folder"),
  ])
  func anObstacleFailsTheCommitBeforeAnythingMoves(obstacle: String, isFolder: Bool, reason: String) throws {
    let out = temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try report(into: out, released: 1)
    let place = out.appending(path: obstacle)
    try FileManager.default.removeItem(at: place)
    if isFolder {
      try FileManager.default.createDirectory(
        at: place.appending(path: "inside"), withIntermediateDirectories: true)
    } else {
      try Data("not a folder".utf8).write(to: place)
    }
    let before = try snapshot(out)
    #expect {
      _ = try report(into: out, released: 8)
    } throws: { error in
      guard case .output(let message) = error as? ReportFailure else { return false }
      return message.contains(place.path) && message.contains(reason)
    }
    #expect(try snapshot(out) == before)
    #expect(stagingFolders(near: out).isEmpty)
  }

  /// When a rename fails part-way, every file moved so far is put back, the files it replaced
  /// restored, the folders it made removed.
  @Test func aFailedRenameIsRolledBack() throws {
    let out = temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    for (path, text) in [("a.txt", "old a"), ("charts/b.svg", "old b")] {
      let url = out.appending(path: path)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data(text.utf8).write(to: url)
    }
    // A file where the folder of the last target should be: only its rename can find out.
    try Data("a file".utf8).write(to: out.appending(path: "z"))
    let before = try snapshot(out)
    let staging = try OutputStaging(destination: out)
    defer { staging.discard() }
    for path in ["a.txt", "charts/b.svg", "new/d.png", "z/c.pdf"] {
      try Data("new \(path)".utf8).write(to: try staging.url(for: path))
    }
    #expect {
      try staging.moveEach(["a.txt", "charts/b.svg", "new/d.png", "z/c.pdf"])
    } throws: { error in
      "\(error)".hasSuffix("z/c.pdf: not a directory")
    }
    #expect(try snapshot(out) == before)
    #expect(try Data(contentsOf: staging.staging.appending(path: "a.txt")) == Data("new a.txt".utf8))
  }

  /// A run that fails before committing leaves no folder behind, not even the parents it made.
  @Test func theOutputFolderIsMadeOnlyByTheCommit() throws {
    let base = temporary()
    defer { try? FileManager.default.removeItem(at: base) }
    for depth in [1, 3] {
      let out = (0..<depth).reduce(base) { url, index in url.appending(path: "level\(index)") }
      let staging = try OutputStaging(destination: out)
      try Data("x".utf8).write(to: try staging.url(for: "charts/x.png"))
      #expect(!FileManager.default.fileExists(atPath: out.path))
      staging.discard()
      #expect(!FileManager.default.fileExists(atPath: base.path))
    }
  }

  /// A second report into the same folder removes the first one's files it does not write (the
  /// monthly's charts and bulletin), and leaves alone what is not its own: another report's
  /// nested folder, a file the user put there.
  @Test func staleFilesOfTheSameFolderAreRemovedOthersKept() throws {
    let out = temporary()
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try report(into: out)
    #expect(FileManager.default.fileExists(atPath: out.appending(path: "charts/petitions_trend.png").path))
    _ = try report(into: out.appending(path: "西湖区"))
    try Data("mine".utf8).write(to: out.appending(path: "notes.txt"))
    let digest = try report(into: out, template: "petitions-digest")
    let left = Set(try FileManager.default.subpathsOfDirectory(atPath: out.path))
    let written = Set(digest.written.map { String($0.path.dropFirst(out.path.count + 1)) })
    let own = left.filter { !$0.hasPrefix("西湖区") && $0 != "notes.txt" && $0 != "charts" }
    #expect(own == written.union([".minsheng-output"]))
    #expect(left.contains("西湖区/民生统计月报_2024-10.pdf") && left.contains("西湖区/charts/petitions_trend.svg"))
    #expect(left.contains("notes.txt"))
    #expect(!left.contains("charts/petitions_trend.png") && !left.contains("民生统计月报_2024-10.pdf"))
  }

  /// One default folder per report region and template (outputs.md); a region name that cannot
  /// name a folder is refused.
  @Test func theDefaultFolderNamesRegionAndTemplate() throws {
    let templates = Self.package.appending(path: "templates")
    let monthly = try ReportTemplate.load(named: "monthly", templates: templates)
    let digest = try ReportTemplate.load(named: "petitions-digest", templates: templates)
    let city = Region(code: "361500", name: "江川市", parentCode: nil)
    let district = Region(code: "361503", name: "西湖区", parentCode: "361500")
    let month = try ReportPeriod.parse("2024-10")
    let quarter = try ReportPeriod.parse("2024Q3")
    func folder(_ period: ReportPeriod, _ region: Region, _ name: String, _ template: ReportTemplate) throws
      -> String
    {
      try ReportPipeline.defaultFolder(period: period, region: region, templateName: name, template: template)
        .relativePath
    }
    #expect(try folder(month, city, "monthly", monthly) == "output/2024-10")
    #expect(try folder(month, district, "monthly", monthly) == "output/2024-10/西湖区")
    #expect(try folder(quarter, city, "petitions-digest", digest) == "output/2024Q3/petitions-digest")
    #expect(try folder(quarter, district, "petitions-digest", digest) == "output/2024Q3/西湖区/petitions-digest")
    for name in ["..", "a/b", "西湖\u{1B}[2J区", String(repeating: "区", count: 70)] {
      let region = Region(code: "361599", name: name, parentCode: "361500")
      #expect {
        _ = try folder(month, region, "monthly", monthly)
      } throws: { error in
        guard case .usage(let message) = error as? ReportFailure else { return false }
        return message.contains("cannot name the output folder") && message.contains("--out")
      }
    }
  }
}
