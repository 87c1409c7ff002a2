import ChartModel
import Charts
import Concurrency
import Document
import Engine
import Foundation
import Graphics
import Loading
import PDFBulletin
import ReportTemplates
import Tables
import Workbook

/// What `minsheng report` is asked to make.
public struct ReportRequest: Sendable {
  public var dataFolder: URL
  public var templatesFolder: URL
  public var templateName: String
  /// nil: the latest month in the data.
  public var period: ReportPeriod?
  /// Region code or name; nil: the root.
  public var region: String?
  /// nil: `output/<period>/[<region name>/][<template ASCII name>/]` (outputs.md).
  public var outFolder: URL?
  public var asOf: Day?
  public var releaseDate: Day
  public var skipInvalid: Bool
  public var allowMissing: Bool
  public var asciiNames: Bool
  /// Threads that render the outputs side by side; nil: one per core, at most two. The files are
  /// the same for any number.
  public var renderThreads: Int?

  public init(
    dataFolder: URL, templatesFolder: URL, templateName: String = "monthly", period: ReportPeriod? = nil,
    region: String? = nil, outFolder: URL? = nil, asOf: Day? = nil, releaseDate: Day,
    skipInvalid: Bool = false, allowMissing: Bool = false, asciiNames: Bool = false, renderThreads: Int? = nil
  ) {
    self.dataFolder = dataFolder
    self.templatesFolder = templatesFolder
    self.templateName = templateName
    self.period = period
    self.region = region
    self.outFolder = outFolder
    self.asOf = asOf
    self.releaseDate = releaseDate
    self.skipInvalid = skipInvalid
    self.allowMissing = allowMissing
    self.asciiNames = asciiNames
    self.renderThreads = renderThreads
  }
}

/// How long one phase of a run took. The output phases (`indicators.csv`, `charts`, `pdf`,
/// `xlsx`) run side by side: each reports its own working time, and `render (wall)` the elapsed
/// time of them all.
public struct PhaseTiming: Sendable {
  public let phase: String
  public let seconds: Double
}

/// A finished run: what was read, what was written, how long each phase took.
public struct ReportOutcome: Sendable {
  public let load: LoadReport
  public let period: ReportPeriod
  public let outFolder: URL
  public let written: [URL]
  public let timings: [PhaseTiming]
}

/// Why a run made no bulletin. Nothing under the output folder is touched in any of these cases.
public enum ReportFailure: Error, CustomStringConvertible {
  /// The data has errors (exit status 1).
  case data(LoadReport)
  /// Problems of valid tables that only the catalogue shows, each at its row (exit status 1):
  /// targets naming indicators the catalogue does not know.
  case figures([Diagnostic])
  /// A configuration, template or argument problem (exit status 2).
  case usage(String)
  /// Writing an output failed.
  case output(String)

  public var description: String {
    switch self {
    case .data(let load):
      "the data has \(load.errorCount) error\(load.errorCount == 1 ? "" : "s"); no bulletin was made"
    case .figures(let problems):
      "the data has \(problems.count) error\(problems.count == 1 ? "" : "s"); no bulletin was made"
    case .usage(let message): message
    case .output(let message): "cannot write the bulletin: \(message)"
    }
  }
}

/// The data read and validated, and the indicators of the period computed from it.
public struct ComputedFigures: Sendable {
  public let load: LoadReport
  public let period: ReportPeriod
  public let report: IndicatorReport
}

/// files → validated tables → indicator values → documents, in one direction; every output
/// staged and moved into place only when all are complete.
public struct ReportPipeline {
  public init() {}

  /// The first half of a run, shared with `minsheng indicators`: read and validate the data
  /// folder, then compute the period's indicators (the template is not needed).
  public func figures(_ request: ReportRequest, progress: (String) -> Void = { _ in }) throws(ReportFailure)
    -> ComputedFigures
  {
    try figures(request, progress: progress, lap: { _ in })
  }

  private func figures(
    _ request: ReportRequest, progress: (String) -> Void, lap: (String) -> Void
  ) throws(ReportFailure) -> ComputedFigures {
    progress("读取数据 reading \(request.dataFolder.path)")
    let catalogueFile = request.templatesFolder.appending(path: "indicators.yaml")
    let catalogueLoad = BackgroundValue { try IndicatorCatalogue.load(from: catalogueFile) }
    let dictionary: HeaderDictionary
    do {
      dictionary = try HeaderDictionary.load(from: request.templatesFolder.appending(path: "headers.yaml"))
    } catch {
      throw .usage("\(error)")
    }
    let load: LoadReport
    do {
      load = try DataLoader(dictionary: dictionary).load(
        folder: request.dataFolder,
        options: LoadOptions(
          period: request.period?.lastMonth, skipInvalid: request.skipInvalid,
          allowMissing: request.allowMissing))
    } catch {
      throw .usage("\(error)")
    }
    // A catalogue problem is reported before any data problem.
    let catalogue: IndicatorCatalogue
    do {
      catalogue = try catalogueLoad.get()
    } catch {
      throw .usage("\(error)")
    }
    lap("read+validate")
    guard let tables = load.tables, !load.hasErrors else { throw .data(load) }
    guard let period = request.period ?? load.period.map({ ReportPeriod(month: $0) }) else {
      throw .usage("the data holds no month to report on; give --period")
    }
    guard ReportPeriod.supportedYears.contains(period.year) else {
      throw .usage(
        "the data's latest month \(period) is outside the years a report can cover "
          + "(\(ReportPeriod.supportedYears.lowerBound)-\(ReportPeriod.supportedYears.upperBound)); give --period"
      )
    }
    progress("计算指标 computing \(period)")
    let unknownTargets: [Target]
    do {
      unknownTargets = try Engine.unknownTargets(catalogue: catalogue, tables: tables)
    } catch {
      throw .usage("\(error)")
    }
    guard unknownTargets.isEmpty else {
      throw .figures(
        unknownTargets.map {
          Diagnostic(.error, at: $0.source, column: "指标", message: Engine.unknownTargetMessage($0))
        })
    }
    let report: IndicatorReport
    do {
      report = try Engine(catalogue: catalogue, tables: tables).compute(
        period: period, region: request.region, asOf: request.asOf)
    } catch {
      throw .usage("\(error)")
    }
    lap("indicators")
    return ComputedFigures(load: load, period: period, report: report)
  }

  /// Threads that render the outputs: one per core, at most two (the PDF and the workbook are the
  /// two long jobs).
  static var renderWorkers: Int { max(1, min(2, ProcessInfo.processInfo.activeProcessorCount)) }

  static func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
  }

  /// The file `job` writes, relative to the output folder.
  static func path(of job: RenderJob, in document: BulletinDocument) -> String {
    switch job {
    case .indicatorsCSV: "indicators.csv"
    case .pdf: "\(document.fileStem).pdf"
    case .workbook: "\(document.fileStem).xlsx"
    case .chartPNG(let index): "charts/\(document.charts[index].spec.id).png"
    case .chartSVG(let index): "charts/\(document.charts[index].spec.id).svg"
    }
  }

  /// Runs the whole report; `progress` receives one line per phase.
  public func run(_ request: ReportRequest, progress: (String) -> Void = { _ in }) throws(ReportFailure)
    -> ReportOutcome
  {
    var timings: [PhaseTiming] = []
    var clock = ContinuousClock.now
    func lap(_ phase: String) {
      let now = ContinuousClock.now
      timings.append(PhaseTiming(phase: phase, seconds: Self.seconds(now - clock)))
      clock = now
    }
    // Fonts load on the second core while the first reads the data.
    let workers = max(1, request.renderThreads ?? Self.renderWorkers)
    let typesetters = TypesetterSupply(count: workers, families: PDFBulletinWriter.extraFamilies)
    let prepared = try prepare(request, progress: progress, lap: lap)
    let (load, period, document) = (prepared.figures.load, prepared.figures.period, prepared.document)

    let outFolder = request.outFolder ?? prepared.defaultFolder
    let staging: OutputStaging
    do {
      staging = try OutputStaging(destination: outFolder)
    } catch let error as OutputCommitError {
      throw .output("\(error)")
    } catch {
      throw .output("\(outFolder.path): \(error.localizedDescription)")
    }
    do {
      progress("绘制图表、排版公报、生成工作簿 drawing \(document.charts.count) charts, the PDF and the workbook")
      var jobs: [(job: RenderJob, url: URL)] = []
      for job in ParallelRenderer.jobs(for: document) {
        jobs.append((job, try staging.url(for: Self.path(of: job, in: document))))
      }
      let renderer = ParallelRenderer(
        document: document, report: prepared.figures.report, indicatorsCSV: prepared.indicatorsCSV,
        jobs: jobs,
        workers: workers)
      let seconds = try renderer.run(typesetters: typesetters)
      // Each phase's own time (its jobs ran on either core), then the wall time of them all.
      // indicators.csv also counts the making of its bytes, done before the render.
      for phase in ["indicators.csv", "charts", "pdf", "xlsx"] {
        let total = zip(jobs, seconds).filter { $0.0.job.phase == phase }.reduce(0) { $0 + $1.1 }
        let ahead = phase == "indicators.csv" ? Self.seconds(prepared.indicatorsCSV.duration) : 0
        timings.append(PhaseTiming(phase: phase, seconds: total + ahead))
      }
      lap("render (wall)")
      let written = try staging.commit()
      return ReportOutcome(
        load: load, period: period, outFolder: outFolder, written: written, timings: timings)
    } catch {
      staging.discard()
      throw .output("\(error)")
    }
  }

  /// What a run renders: the figures, the document, and the bytes of `indicators.csv` being made
  /// on another thread.
  struct Prepared {
    let figures: ComputedFigures
    let document: BulletinDocument
    let indicatorsCSV: BackgroundValue<Data>
    /// `output/<period>/`, then the report region's name unless it is the root, then the
    /// template's ASCII name unless it is `monthly` (outputs.md): two reports never share it.
    let defaultFolder: URL
  }

  /// The default output folder of a report (see `Prepared.defaultFolder`); a region name that
  /// cannot be a folder name is a usage error (give `--out`).
  static func defaultFolder(
    period: ReportPeriod, region: Region, templateName: String, template: ReportTemplate
  ) throws(ReportFailure) -> URL {
    var folder = URL(fileURLWithPath: "output").appending(
      path: period.description, directoryHint: .isDirectory)
    if region.parentCode != nil {
      if let problem = FileNameComponent.problem(with: region.name) {
        throw .usage(
          "the region name \(FileNameComponent.quoted(region.name)) cannot name the output folder: \(problem); "
            + "give --out")
      }
      folder.append(path: region.name, directoryHint: .isDirectory)
    }
    if templateName != "monthly" { folder.append(path: template.asciiName, directoryHint: .isDirectory) }
    return folder
  }

  /// Reads the data, computes the figures and builds the document, parsing the template on
  /// another thread meanwhile; a template problem is reported before any data problem.
  func prepare(
    _ request: ReportRequest, progress: (String) -> Void, lap: (String) -> Void
  ) throws(ReportFailure) -> Prepared {
    let (templateName, templatesFolder) = (request.templateName, request.templatesFolder)
    let templateLoad = BackgroundValue {
      try ReportTemplate.load(named: templateName, templates: templatesFolder)
    }
    func template() throws(ReportFailure) -> ReportTemplate {
      do {
        return try templateLoad.get()
      } catch {
        throw .usage("\(error)")
      }
    }
    let figures: ComputedFigures
    do {
      figures = try self.figures(request, progress: progress, lap: lap)
    } catch {
      _ = try template()
      throw error
    }
    let template = try template()
    let (load, report) = (figures.load, figures.report)
    // indicators.csv and the 数据 sheet's tidy rows need only the figures: they are formatted on
    // the idle core while the document is built on this one.
    let indicatorsCSV = BackgroundValue { IndicatorCSV.data(report) }
    let tidyRows = BackgroundValue { ContentBuilder.tidy(report) }
    var document: BulletinDocument
    do {
      let inputs = load.files.map {
        InputFile(
          path: $0.path, dataset: $0.datasetTitle ?? "—", rowsRead: $0.rowsRead, rowsSkipped: $0.rowsRejected)
      }
      var builder = ContentBuilder(
        template: template, report: report, releaseDate: request.releaseDate, asciiNames: request.asciiNames,
        inputs: inputs)
      builder.makesTidyRows = false
      document = try builder.build()
      document.tidy = try tidyRows.get()
    } catch {
      throw .usage("\(error)")
    }
    lap("document")
    let folder = try Self.defaultFolder(
      period: figures.period, region: report.region, templateName: request.templateName, template: template)
    return Prepared(figures: figures, document: document, indicatorsCSV: indicatorsCSV, defaultFolder: folder)
  }
}
