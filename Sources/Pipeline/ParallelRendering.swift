import ChartModel
import Charts
import Concurrency
import Document
import Engine
import Foundation
import Graphics
import PDFBulletin
import Synchronization
import Workbook

/// One output file of a run: the unit of work the render workers share.
enum RenderJob: Sendable, Hashable {
  case indicatorsCSV
  case pdf
  case workbook
  /// The PNG of `document.charts[index]`.
  case chartPNG(Int)
  /// The SVG of `document.charts[index]`.
  case chartSVG(Int)

  /// The `minsheng bench` phase this job's time counts towards.
  var phase: String {
    switch self {
    case .indicatorsCSV: "indicators.csv"
    case .pdf: "pdf"
    case .workbook: "xlsx"
    case .chartPNG, .chartSVG: "charts"
    }
  }

  /// Whether the job sets text (and so needs a ``Typesetter``).
  var needsTypesetter: Bool {
    switch self {
    case .indicatorsCSV, .workbook: false
    case .pdf, .chartPNG, .chartSVG: true
    }
  }
}

/// Typesetters made and warmed up ahead of rendering on a thread of their own (a
/// ``BackgroundValue``), so that fontconfig's matching and font loading happen on an idle core
/// while the main thread reads the data.
final class TypesetterSupply: Sendable {
  /// The typesetters the warm-up thread made.
  ///
  /// `@unchecked Sendable`: each typesetter is used by one thread at a time — the warm-up thread
  /// until the value is made (``BackgroundValue/get()`` waits for that), then only the worker that
  /// took it (`TypesetterSupply.taken` hands out each index once).
  private struct Warmed: @unchecked Sendable {
    let typesetters: [Typesetter]
  }

  private let warmed: BackgroundValue<Warmed>
  /// How many warmed-up typesetters have been handed out.
  private let taken = Mutex(0)

  /// Starts making `count` typesetters on a new thread.
  init(count: Int, families: [String]) {
    warmed = BackgroundValue {
      var made: [Typesetter] = []
      for _ in 0..<count {
        let typesetter = try Typesetter()
        typesetter.warmUp(families: families)
        made.append(typesetter)
      }
      return Warmed(typesetters: made)
    }
  }

  /// A warmed-up typesetter once the warm-up thread is done, or a new one when all are taken.
  /// Throws the warm-up's error if it failed.
  func take() throws -> Typesetter {
    let made = try warmed.get().typesetters
    let index = taken.withLock { count in
      defer { count += 1 }
      return count
    }
    return index < made.count ? made[index] : try Typesetter()
  }
}

/// Renders a run's outputs on `workers` threads that take jobs from one list in order (longest
/// first, so the two cores finish together). Each worker sets text with a typesetter of its own:
/// pango and fontconfig objects are never shared between threads. libxlsxwriter and the CSV writer
/// hold no shared state.
///
/// Every job writes its own staged file, so the files are those a sequential run writes. No job
/// starts after a failure; of the jobs that failed, the one earliest in the list is reported.
struct ParallelRenderer {
  let document: BulletinDocument
  let report: IndicatorReport
  /// The bytes of `indicators.csv` when they were made ahead (the pipeline makes them while the
  /// document is built); nil: made by the job.
  var indicatorsCSV: BackgroundValue<Data>?
  /// The jobs in the order workers take them, with the staged file each writes.
  let jobs: [(job: RenderJob, url: URL)]
  let workers: Int

  /// What the workers share: the next job to take, the time each job took, the failures.
  private final class Board: Sendable {
    struct State {
      var next = 0
      var seconds: [Double]
      var failures: [(index: Int, error: any Error)] = []
    }
    let state: Mutex<State>
    init(jobs: Int) { state = Mutex(State(seconds: Array(repeating: 0, count: jobs))) }
  }

  /// The jobs for `document`, longest first: the PDF and the workbook, then the charts, then
  /// indicators.csv.
  static func jobs(for document: BulletinDocument) -> [RenderJob] {
    [.pdf, .workbook] + document.charts.indices.flatMap { [RenderJob.chartPNG($0), .chartSVG($0)] }
      + [.indicatorsCSV]
  }

  /// Runs every job; returns each job's own duration in seconds (in job order). Throws the error
  /// of the first failed job.
  func run(typesetters: TypesetterSupply) throws -> [Double] {
    let board = Board(jobs: jobs.count)
    _ = concurrentMap(count: max(1, min(workers, jobs.count))) { _ in
      var typesetter: Typesetter?
      while true {
        let index: Int? = board.state.withLock { state in
          guard state.failures.isEmpty, state.next < jobs.count else { return nil }
          defer { state.next += 1 }
          return state.next
        }
        guard let index else { return }
        let (job, url) = jobs[index]
        let started = ContinuousClock.now
        do {
          if job.needsTypesetter, typesetter == nil { typesetter = try typesetters.take() }
          try render(job, to: url, typesetter: typesetter)
          let seconds = ReportPipeline.seconds(ContinuousClock.now - started)
          board.state.withLock { $0.seconds[index] = seconds }
        } catch {
          board.state.withLock { $0.failures.append((index, error)) }
        }
      }
    }
    return try board.state.withLock { state in
      if let first = state.failures.min(by: { $0.index < $1.index }) { throw first.error }
      return state.seconds
    }
  }

  /// Writes one output.
  func render(_ job: RenderJob, to url: URL, typesetter: Typesetter?) throws {
    switch job {
    case .indicatorsCSV:
      try (indicatorsCSV?.get() ?? IndicatorCSV.data(report)).write(to: url, options: .atomic)
    case .pdf:
      try PDFBulletinWriter(typesetter: typesetter).write(document, to: url)
    case .workbook:
      try BulletinWorkbookWriter().write(document, to: url)
    case .chartPNG(let index):
      try ChartRenderer.writePNG(document.charts[index].spec, to: url, typesetter: typesetter)
    case .chartSVG(let index):
      try ChartRenderer.writeSVG(document.charts[index].spec, to: url, typesetter: typesetter)
    }
  }
}
