import ArgumentParser
import Foundation
import Pipeline
import SampleData
import Tables

#if canImport(Glibc)
  import Glibc
#endif

/// `minsheng bench`: generates sample data of a given size, runs the whole report pipeline on it
/// and prints the wall time of each phase, the reading throughput and the peak memory.
struct BenchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "bench",
    abstract: "Measure the report pipeline on generated data (per-phase time, throughput, peak memory).",
    discussion: """
      Data for each size is generated once under --work (a marker file records the size and seed) and
      reused by later runs. Peak memory is the process's high-water mark (getrusage ru_maxrss), so run
      one size per process when comparing memory.
      """
  )

  @Option(name: .long, parsing: .unconditional, help: "Petition items per year, comma-separated sizes.")
  var petitions = "100000"

  @Option(name: .long, help: "Random seed of the generated data.")
  var seed: UInt64 = SampleOptions.defaultSeed

  @Option(name: .long, help: "Folder for the generated data (reused when its marker matches).")
  var work = "bench-work"

  @Option(name: .long, help: "The templates folder (headers.yaml, indicators.yaml, reports/).")
  var templates = "templates"

  @Option(name: .long, help: "Also write the results as JSON to this file.")
  var json: String?

  @Flag(name: .long, help: "Keep the report outputs (by default the temporary out folder is removed).")
  var keep = false

  private var sizes: [Int] {
    get throws {
      let parts = petitions.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let values = parts.compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
      guard !values.isEmpty, values.count == parts.count, values.allSatisfy({ $0 > 0 }) else {
        throw ValidationError("--petitions: expected positive sizes separated by commas, got '\(petitions)'")
      }
      return values
    }
  }

  func validate() throws { _ = try sizes }

  func run() throws {
    var results: [BenchResult] = []
    for size in try sizes {
      let data = try prepare(size: size)
      results.append(try measure(size: size, data: data))
      print(BenchResult.table(results.suffix(1)))
    }
    if results.count > 1 { print(BenchResult.table(results[...])) }
    if let json {
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(results).write(to: URL(fileURLWithPath: json))
    }
  }

  /// The data folder for `size`, generated unless a previous run left one with the same marker.
  private func prepare(size: Int) throws -> URL {
    let folder = URL(fileURLWithPath: work, isDirectory: true).appending(
      path: "petitions-\(size)-seed-\(seed)")
    let marker = folder.appending(path: ".bench-marker")
    let expected =
      "petitions=\(size) seed=\(seed) year=\(SampleOptions.defaultYear) month=\(SampleOptions.defaultMonth)\n"
    if (try? String(contentsOf: marker, encoding: .utf8)) == expected {
      StandardError.print("bench: reusing \(folder.path)")
      return folder
    }
    try? FileManager.default.removeItem(at: folder)
    StandardError.print("bench: generating \(size) petitions/year into \(folder.path)")
    let options = SampleOptions(seed: seed, petitionsPerYear: size)
    if let problem = options.problem { throw ValidationError(problem) }
    _ = try SampleGenerator(options: options).write(to: folder)
    try Data(expected.utf8).write(to: marker)
    return folder
  }

  private func measure(size: Int, data: URL) throws -> BenchResult {
    let out = FileManager.default.temporaryDirectory.appending(path: "minsheng-bench-\(UUID().uuidString)")
    defer { if !keep { try? FileManager.default.removeItem(at: out) } }
    let request = ReportRequest(
      dataFolder: data, templatesFolder: URL(fileURLWithPath: templates), outFolder: out,
      releaseDate: Day(year: SampleOptions.defaultYear, month: 11, day: 5)!)
    let start = ContinuousClock.now
    let outcome: ReportOutcome
    do {
      outcome = try ReportPipeline().run(request)
    } catch {
      StandardError.print("bench: \(error)")
      throw ExitCode(1)
    }
    let total = (ContinuousClock.now - start).seconds
    if keep { StandardError.print("bench: outputs kept in \(out.path)") }

    let petitionFiles = outcome.load.files.filter { $0.dataset == "petitions" }
    let petitionRows = petitionFiles.reduce(0) { $0 + $1.rowsRead }
    let distinct =
      petitionFiles.reduce(0) { $0 + $1.rowsRead - $1.rowsRejected } - outcome.load.replacedPetitions
    let allRows = outcome.load.files.reduce(0) { $0 + $1.rowsRead }
    let bytes = outcome.load.files.reduce(0) { sum, file in
      let attributes = try? FileManager.default.attributesOfItem(atPath: data.appending(path: file.path).path)
      return sum + ((attributes?[.size] as? NSNumber)?.intValue ?? 0)
    }
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    let peakKB = Int(usage.ru_maxrss)
    var phases = outcome.timings.map { BenchResult.Phase(name: $0.phase, seconds: $0.seconds) }
    phases.append(BenchResult.Phase(name: "total", seconds: total))
    let read = outcome.timings.first { $0.phase == "read+validate" }?.seconds ?? total
    return BenchResult(
      petitionsPerYear: size, seed: seed, petitionRows: petitionRows, distinctPetitions: distinct,
      rowsRead: allRows, bytesRead: bytes, phases: phases,
      readRowsPerSecond: Double(allRows) / read, readMBPerSecond: Double(bytes) / 1e6 / read,
      peakResidentKB: peakKB,
      bytesPerDistinctPetition: distinct > 0 ? Double(peakKB) * 1024 / Double(distinct) : 0)
  }
}

/// One size's measurements, printed as a table and written as JSON.
struct BenchResult: Codable {
  /// One phase of the pipeline and its wall time.
  struct Phase: Codable {
    let name: String
    let seconds: Double
  }

  let petitionsPerYear: Int
  let seed: UInt64
  /// Petition records read, duplicates across overlapping exports included.
  let petitionRows: Int
  let distinctPetitions: Int
  /// Records of every dataset read.
  let rowsRead: Int
  let bytesRead: Int
  let phases: [Phase]
  let readRowsPerSecond: Double
  let readMBPerSecond: Double
  /// Process high-water mark (ru_maxrss; kilobytes on Linux).
  let peakResidentKB: Int
  /// Peak resident memory divided by the distinct petition ids (an upper bound per record).
  let bytesPerDistinctPetition: Double

  /// An aligned table: one column per size, one row per phase and measure.
  static func table(_ results: ArraySlice<BenchResult>) -> String {
    var names: [String] = []
    for result in results {
      for phase in result.phases where !names.contains(phase.name) { names.append(phase.name) }
    }
    if let index = names.firstIndex(of: "total") { names.append(names.remove(at: index)) }
    var rows: [[String]] = [["petitions/year"] + results.map { grouped($0.petitionsPerYear) }]
    rows.append(["petition rows read"] + results.map { grouped($0.petitionRows) })
    rows.append(["distinct petitions"] + results.map { grouped($0.distinctPetitions) })
    rows.append(["input MB"] + results.map { String(format: "%.1f", Double($0.bytesRead) / 1e6) })
    for name in names {
      rows.append(
        ["\(name) s"]
          + results.map { result in
            result.phases.first { $0.name == name }.map { String(format: "%.3f", $0.seconds) } ?? "—"
          })
    }
    rows.append(["read rows/s"] + results.map { grouped(Int($0.readRowsPerSecond)) })
    rows.append(["read MB/s"] + results.map { String(format: "%.1f", $0.readMBPerSecond) })
    rows.append(["peak RSS MB"] + results.map { String(format: "%.1f", Double($0.peakResidentKB) / 1024) })
    rows.append(["bytes/distinct id"] + results.map { String(format: "%.0f", $0.bytesPerDistinctPetition) })
    let widths = (0..<rows[0].count).map { column in rows.map { $0[column].count }.max() ?? 0 }
    return rows.map { row in
      row.enumerated().map { column, cell in
        let pad = String(repeating: " ", count: widths[column] - cell.count)
        return column == 0 ? cell + pad : pad + cell
      }.joined(separator: "  ")
    }.joined(separator: "\n")
  }

  private static func grouped(_ value: Int) -> String {
    let digits = Array(String(value))
    var text = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { text.append(",") }
      text.append(digit)
    }
    return text
  }
}

extension Duration {
  /// The duration in seconds as a floating-point number.
  fileprivate var seconds: Double {
    Double(components.seconds) + Double(components.attoseconds) / 1e18
  }
}
