import Engine
import Foundation
import Loading

/// What every fuzz entry shares: the repository's sample data and templates, and scratch folders
/// made once per process (an entry rewrites its files in place on every input).
enum FuzzFixtures {
  /// The repository root, found from this file's path (the fuzzers and the tests run from a
  /// checkout); `MINSHENG_REPOSITORY` overrides it.
  static let repository: URL = {
    if let path = ProcessInfo.processInfo.environment["MINSHENG_REPOSITORY"] {
      return URL(fileURLWithPath: path)
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
  }()
  static let sampleData = repository.appending(path: "sample-data")
  static let templates = repository.appending(path: "templates")

  /// The product's own header dictionary.
  static let dictionary: HeaderDictionary = {
    do {
      return try HeaderDictionary.load(from: templates.appending(path: "headers.yaml"))
    } catch {
      fatalError("the fuzz fixtures need \(templates.path)/headers.yaml: \(error)")
    }
  }()

  /// A new empty folder under the system's temporary folder, removed at exit only by the OS
  /// (a fuzzer that stops on a crash leaves it for the reproduction).
  static func scratchFolder(_ name: String) -> URL {
    let url = FileManager.default.temporaryDirectory
      .appending(path: "minsheng-fuzz-\(ProcessInfo.processInfo.processIdentifier)-\(name)")
    try? FileManager.default.removeItem(at: url)
    do {
      try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    } catch {
      fatalError("cannot make the scratch folder \(url.path): \(error)")
    }
    return url
  }

  /// Writes `data` to `url`, or stops the fuzzer (a scratch file that cannot be written is a
  /// broken machine, not a finding).
  static func write(_ data: Data, to url: URL) {
    do {
      try data.write(to: url)
    } catch {
      fatalError("cannot write the scratch file \(url.path): \(error)")
    }
  }

  /// The first `lines` lines of a sample file (its header included), as a small fixture.
  static func head(of path: String, lines: Int) -> Data {
    guard let data = FileManager.default.contents(atPath: sampleData.appending(path: path).path) else {
      fatalError("the fuzz fixtures need sample-data/\(path)")
    }
    var count = 0
    let end = data.firstIndex {
      if $0 == UInt8(ascii: "\n") { count += 1 }
      return count == lines
    }
    return data[..<(end.map { $0 + 1 } ?? data.endIndex)]
  }

  /// A small data folder (the sample's regions, its first petitions of 2024 and its employment,
  /// insurance and target files): small enough to load on every input of the template fuzzer.
  static let smallDataFolder: URL = {
    let folder = scratchFolder("small-data")
    write(head(of: "regions.csv", lines: 1000), to: folder.appending(path: "regions.csv"))
    write(head(of: "信访/2024年1-10月.csv", lines: 200), to: folder.appending(path: "petitions.csv"))
    write(head(of: "信访/2023年.csv", lines: 200), to: folder.appending(path: "petitions-2023.csv"))
    write(head(of: "就业/就业月报.csv", lines: 1000), to: folder.appending(path: "employment.csv"))
    write(head(of: "社保/参保月报.csv", lines: 200), to: folder.appending(path: "insurance.csv"))
    write(head(of: "目标/年度目标.csv", lines: 1000), to: folder.appending(path: "targets.csv"))
    return folder
  }()
}
