import Foundation
import Loading

#if DEBUG
  // The loader's block size is internal; a debug build (the fuzzers and the tests) reaches it.
  @testable import Loading
#endif

/// The CSV reader's fuzz entry: bytes → records → validated tables, through the loader's one
/// public entry (a data folder).
///
/// The first byte of an input chooses how it is read; the rest is a file's bytes:
/// - bit 0 clear: the bytes are `data.csv` beside the sample's `regions.csv`, so the loader
///   recognises them as whatever dataset their header names (petitions, employment, insurance,
///   targets) and validates them against the sample's region tree;
/// - bit 0 set: the bytes are the folder's only file, `regions.csv` (the region tree's reader);
/// - bit 1: differential: the folder is read through the general path and through the fast path
///   cut into 64-byte blocks, and the two outcomes must be the same (a difference traps);
/// - bit 2: `--skip-invalid`; bit 3: `--allow-missing`.
///
/// The fast path reads in 64 KiB blocks, not the product's 2 MiB: an input is at most a few KiB,
/// and filling a 2 MiB block costs a fifth of a second per load in a debug build.
public enum CSVFuzzing {
  static let folder = FuzzFixtures.scratchFolder("csv")
  static let regions = FuzzFixtures.head(of: "regions.csv", lines: 10_000)

  /// Makes the fixtures once, before the first input (and outside the leak checks).
  public static func prepare() {
    _ = (folder, regions, FuzzFixtures.dictionary)
  }

  /// Loads one input; errors are the expected outcome of most inputs, a trap is a finding.
  /// Returns the number of diagnostics, or nil when the loader refused the folder as a whole.
  @discardableResult
  public static func run(_ input: Data) -> Int? {
    // One scratch folder per process: inputs run one at a time (tests run in parallel).
    scratchLock.lock()
    defer { scratchLock.unlock() }
    return runAlone(input)
  }

  private static let scratchLock = NSLock()

  private static func runAlone(_ input: Data) -> Int? {
    guard let mode = input.first else { return nil }
    let bytes = Data(input.dropFirst())
    let regionsFile = folder.appending(path: "regions.csv")
    let dataFile = folder.appending(path: "data.csv")
    if mode & 1 == 0 {
      FuzzFixtures.write(regions, to: regionsFile)
      FuzzFixtures.write(bytes, to: dataFile)
    } else {
      try? FileManager.default.removeItem(at: dataFile)
      FuzzFixtures.write(bytes, to: regionsFile)
    }
    var options = LoadOptions(
      skipInvalid: mode & 4 != 0, allowMissing: mode & 8 != 0, forcesGeneralPath: false)
    let fastPath = load(options, blockSize: 1 << 16)
    if mode & 2 != 0 {
      options.forcesGeneralPath = true
      let general = load(options, blockSize: 1 << 16)
      options.forcesGeneralPath = false
      let smallBlocks = load(options, blockSize: 64)
      precondition(
        general == fastPath && general == smallBlocks,
        "the general and the fast path read the same folder differently:\n\(general)\n---\n\(fastPath)\n---\n"
          + "\(smallBlocks)")
    }
    return fastPath.diagnostics
  }

  /// What a load said, in a comparable form: every diagnostic, every file's summary, and the
  /// petition table's cells and timelines with their totals.
  struct Outcome: Equatable, CustomStringConvertible {
    var lines: [String] = []
    var diagnostics: Int?
    var summary = ""

    var description: String { (lines + [summary]).joined(separator: "\n") }
  }

  static func load(_ options: LoadOptions, blockSize: Int) -> Outcome {
    var loader = DataLoader(dictionary: FuzzFixtures.dictionary)
    #if DEBUG
      loader.blockSize = blockSize
    #endif
    let report: LoadReport
    do {
      report = try loader.load(folder: folder, options: options)
    } catch {
      return Outcome(lines: ["\(error)"])
    }
    var outcome = Outcome(lines: report.diagnostics.map(\.description), diagnostics: report.diagnostics.count)
    let files = report.files.map { "\($0.path) \($0.dataset ?? "-") \($0.rowsRead) \($0.rowsRejected)" }
    outcome.summary =
      "\(files) period \(report.period.map { "\($0)" } ?? "-") replaced \(report.replacedPetitions) "
      + "distinct \(report.distinctPetitionItems)"
    if let petitions = report.tables?.petitions {
      // Cells may come in another order or split in two: only their totals must agree.
      var cells: [String: Int] = [:]
      for (cell, count) in petitions.counts {
        let key =
          "\(cell.regionCode) \(cell.month) \(cell.channel) \(cell.level) \(cell.isRepeat) \(cell.persons) "
          + "\(petitions.categories[cell.category]) \(cell.satisfaction)"
        cells[key, default: 0] += count
      }
      var timelines: [String: Int] = [:]
      for (timeline, count) in petitions.timelines {
        let key =
          "\(timeline.regionCode) \(timeline.received) \(timeline.accepted?.description ?? "-") "
          + "\(timeline.closed?.description ?? "-")"
        timelines[key, default: 0] += count
      }
      outcome.lines += cells.sorted { $0.key < $1.key }.map { "cell \($0.key): \($0.value)" }
      outcome.lines += timelines.sorted { $0.key < $1.key }.map { "timeline \($0.key): \($0.value)" }
    }
    return outcome
  }
}
