import ArgumentParser
import Engine
import Foundation
import Pipeline
import SampleData
import Tables

/// `minsheng bench`: generates data at given sizes with the sample generator and times the full
/// report phase by phase, with throughput and peak memory. Kept apart from the unit tests: timings
/// are measured here, never asserted.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Time the full report (per phase) on generated data of given sizes."
  )

  @Option(name: .long, help: "Petition items per full year, comma-separated (three years are generated).")
  var petitions = "100000"

  @Option(name: .long, help: "The generator's seed.")
  var seed: UInt64 = 42

  @Option(name: .long, help: "Where generated data is kept between runs.")
  var work = "output/bench"

  @Option(name: .long, help: "The templates folder.")
  var templates = "templates"

  @Option(name: .long, help: "Time this existing data folder instead of generating data (e.g. sample-data).")
  var data: String?

  @Option(name: .long, help: "Also write the results as JSON to this file.")
  var json: String?

  @Option(name: .long, help: "Threads that render the outputs (default: one per core, at most two).")
  var renderThreads: Int?

  @Option(
    name: .long,
    help:
      "Also time the charts (PNG+SVG), their PNG encoding and the PDF alone, this many times each (0: not).")
  var renderRepeats = 0

  func run() throws {
    let sizes = petitions.split(separator: ",").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
    guard !sizes.isEmpty else {
      throw ValidationError("--petitions takes whole numbers, e.g. 100000,1000000")
    }
    var results: [[String: Any]] = []
    for size in data == nil ? sizes : [0] {
      let data = try self.data.map { URL(fileURLWithPath: $0) } ?? prepare(size: size)
      let out = FileManager.default.temporaryDirectory.appending(path: "minsheng-bench-\(getpid())")
      defer { try? FileManager.default.removeItem(at: out) }
      let request = ReportRequest(
        dataFolder: data, templatesFolder: URL(fileURLWithPath: templates), outFolder: out,
        releaseDate: Day(year: 2024, month: 11, day: 8)!, renderThreads: renderThreads)
      let started = ContinuousClock.now
      let outcome: ReportOutcome
      do {
        outcome = try ReportPipeline().run(request)
      } catch {
        throw ValidationError("the report failed on the generated data: \(error)")
      }
      let total = Self.seconds(ContinuousClock.now - started)
      let rows = outcome.load.files.reduce(0) { $0 + $1.rowsRead }
      let bytes = Self.bytes(in: data)
      let read = outcome.timings.first { $0.phase == "read+validate" }?.seconds ?? total
      let peakKB = Self.peakResidentKB()
      let ids = outcome.load.distinctPetitionItems
      let label = size == 0 ? "data folder" : "petitions per year: \(size)"
      print("\(label)  (data: \(data.path), \(rows) rows, \(Self.megabytes(bytes)) MB)")
      var table = [["phase", "seconds"]]
      for timing in outcome.timings { table.append([timing.phase, String(format: "%.3f", timing.seconds)]) }
      table.append(["total", String(format: "%.3f", total)])
      print(TerminalTable(rows: table, rightAligned: [1]).render())
      print(
        String(
          format:
            "reading: %.0f rows/s, %.1f MB/s; peak resident memory %.1f MB (%.0f bytes per distinct petition id)\n",
          Double(rows) / read, Double(bytes) / 1_048_576 / read, Double(peakKB) / 1024,
          ids > 0 ? Double(peakKB * 1024) / Double(ids) : 0))
      let renders = try renderTimings(request)
      results.append([
        "petitions_per_year": size, "rows": rows, "bytes": bytes, "total_seconds": total,
        "phases": Dictionary(uniqueKeysWithValues: outcome.timings.map { ($0.phase, $0.seconds) }),
        "rows_per_second": Double(rows) / read, "peak_resident_kb": peakKB, "distinct_petition_ids": ids,
        "render_alone_median_seconds": Dictionary(
          uniqueKeysWithValues: renders.map { ($0.phase, $0.seconds) }),
      ])
    }
    if let json {
      let data = try JSONSerialization.data(withJSONObject: results, options: [.prettyPrinted, .sortedKeys])
      try data.write(to: URL(fileURLWithPath: json))
    }
  }

  /// With `--render-repeats`, the charts, their PNG encoding and the PDF of the same report timed
  /// alone (medians), printed as a table; none otherwise.
  private func renderTimings(_ request: ReportRequest) throws -> [PhaseTiming] {
    guard renderRepeats > 0 else { return [] }
    let renders: [PhaseTiming]
    do {
      renders = try ReportPipeline().renderTimings(request, repeats: renderRepeats)
    } catch {
      throw ValidationError("timing the render failed: \(error)")
    }
    var table = [["render alone (median of \(renderRepeats), one thread)", "seconds"]]
    for timing in renders { table.append([timing.phase, String(format: "%.4f", timing.seconds)]) }
    print(TerminalTable(rows: table, rightAligned: [1]).render() + "\n")
    return renders
  }

  /// Generated data for `size`, reused when a previous run left it complete.
  private func prepare(size: Int) throws -> URL {
    let folder = URL(fileURLWithPath: work).appending(path: "petitions-\(size)-seed-\(seed)")
    let marker = folder.appending(path: ".complete")
    if FileManager.default.fileExists(atPath: marker.path) { return folder }
    try? FileManager.default.removeItem(at: folder)
    var options = SampleOptions()
    options.seed = seed
    options.petitionsPerYear = size
    _ = try SampleGenerator(options: options).write(to: folder)
    try Data().write(to: marker)
    return folder
  }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  static func megabytes(_ bytes: Int) -> String { String(format: "%.1f", Double(bytes) / 1_048_576) }

  static func bytes(in folder: URL) -> Int {
    let paths = (try? FileManager.default.subpathsOfDirectory(atPath: folder.path)) ?? []
    return paths.filter { $0.hasSuffix(".csv") }.reduce(0) { total, path in
      let size =
        (try? FileManager.default.attributesOfItem(atPath: folder.appending(path: path).path)[.size]) as? Int
      return total + (size ?? 0)
    }
  }

  /// Peak resident set size of this process, in KB (Linux reports ru_maxrss in KB).
  static func peakResidentKB() -> Int {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return usage.ru_maxrss
  }
}
