import Concurrency
import Foundation
import Tables

/// How strictly a data folder is read.
public struct LoadOptions: Sendable {
  /// The report month whose needs decide completeness; nil = the latest month in the data.
  public var period: YearMonth?
  /// Drop invalid rows (reported as warnings) instead of failing.
  public var skipInvalid: Bool
  /// Treat missing region-months as absent (reported as warnings) instead of failing.
  public var allowMissing: Bool
  /// Read every petition row through the general path (`PetitionsReader`'s row by row
  /// validation) instead of the fast path (`FastPath`): slower, and the same outcome, which is
  /// what the equivalence tests check. Defaults to true when the environment variable
  /// `MINSHENG_GENERAL_PATH` is `1`.
  public var forcesGeneralPath: Bool

  public init(
    period: YearMonth? = nil, skipInvalid: Bool = false, allowMissing: Bool = false,
    forcesGeneralPath: Bool = LoadOptions.generalPathIsForcedByEnvironment
  ) {
    self.period = period
    self.skipInvalid = skipInvalid
    self.allowMissing = allowMissing
    self.forcesGeneralPath = forcesGeneralPath
  }

  /// True when the environment variable `MINSHENG_GENERAL_PATH` is `1`.
  public static var generalPathIsForcedByEnvironment: Bool {
    ProcessInfo.processInfo.environment["MINSHENG_GENERAL_PATH"] == "1"
  }
}

/// What was read from one file.
public struct FileSummary: Sendable {
  /// Path relative to the data folder.
  public let path: String
  /// Dataset id (`regions`, `petitions`, …), nil when the file was not recognised.
  public let dataset: String?
  /// The dataset's Chinese title.
  public let datasetTitle: String?
  public let encoding: TextEncoding?
  public let isTabSeparated: Bool
  /// Data records read (header and blank lines excluded).
  public let rowsRead: Int
  public let rowsRejected: Int
  /// Headers that name no field of the dataset.
  public let ignoredColumns: [String]
}

/// The outcome of reading a data folder: every problem found, what each file held, and the
/// validated tables when nothing blocks a report.
public struct LoadReport: Sendable {
  /// Every problem, in file order (natural order of paths), then line order.
  public let diagnostics: [Diagnostic]
  public let files: [FileSummary]
  /// The validated tables; nil while any error remains.
  public let tables: DataTables?
  /// The report month completeness was checked for.
  public let period: YearMonth?
  /// True when `period` was not given and was taken from the latest month in the data.
  public let periodWasInferred: Bool
  /// Petition items replaced by a later export of the same id.
  public let replacedPetitions: Int
  /// Distinct petition items (ids) after de-duplication.
  public let distinctPetitionItems: Int

  public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
  public var warningCount: Int { diagnostics.filter { $0.severity == .warning }.count }
  public var hasErrors: Bool { errorCount > 0 }
}

/// Reads a data folder into validated tables (data contract, all sections). Files are never
/// modified; every record is streamed; all problems are collected, not only the first.
///
/// A load runs in four steps, each in a file of its own: the scan (`DataLoader+Scan`: list,
/// open and recognise every file), the regions and the region-month and target tables
/// (`DataLoader+Tables`), the petition exports (`DataLoader+Petitions`, alongside the tables),
/// and the assembly (`DataLoader+Assembly`: period, completeness, the report).
public struct DataLoader: Sendable {
  public let dictionary: HeaderDictionary
  /// Bytes per block when a petition file is cut for parallel parsing (tests make it small).
  var blockSize = RecordBlockReader.defaultBlockSize

  public init(dictionary: HeaderDictionary) {
    self.dictionary = dictionary
  }

  /// A file whose encoding, delimiter and dataset are known.
  struct OpenedFile: Sendable {
    let path: String
    let csv: CSVFile
    let mapping: ColumnMapping
  }

  /// Why one attempt at reading a folder stopped.
  enum AttemptFailure: Error {
    case loading(LoadingError)
    /// A petition file taken as UTF-8 from its first chunk holds a byte that is not UTF-8.
    case notUTF8AfterAll
  }

  /// The readers of one load once every file is read, with the per-file contexts (rows read
  /// and rejected).
  struct DatasetReaders {
    var tree: RegionTree?
    var petitions: PetitionsReader?
    var employment: RegionMonthReader?
    var insurance: RegionMonthReader?
    var targets: TargetsReader?
    var contexts: [String: FileContext] = [:]
  }

  /// Reads every CSV under `folder`.
  public func load(folder: URL, options: LoadOptions = LoadOptions()) throws(LoadingError) -> LoadReport {
    // The general path checks every file's encoding in full before reading it.
    for provisionalUTF8 in options.forcesGeneralPath ? [false] : [true, false] {
      do {
        return try load(folder: folder, options: options, provisionalUTF8: provisionalUTF8)
      } catch {
        switch error {
        case .loading(let error): throw error
        // Rare (a GB18030 export whose first megabyte is ASCII): start over, deciding every
        // encoding from the whole file first.
        case .notUTF8AfterAll: continue
        }
      }
    }
    throw .dataFolder("\(folder.path): a petition file's encoding changed while it was read")
  }

  private func load(folder: URL, options: LoadOptions, provisionalUTF8: Bool) throws(AttemptFailure)
    -> LoadReport
  {
    let log = DiagnosticLog()
    let scan: Scan
    do {
      scan = try self.scan(folder, provisionalUTF8: provisionalUTF8, log: log)
    } catch {
      throw .loading(error)
    }
    var readers = DatasetReaders()
    readers.tree = readRegions(scan.opened, folder: folder, options: options, log: log, readers: &readers)
    if let tree = readers.tree {
      try readData(scan.opened, tree: tree, folder: folder, options: options, log: log, readers: &readers)
    } else if !scan.opened.filter({ $0.mapping.dataset != "regions" }).isEmpty {
      let regionFiles = scan.opened.filter { $0.mapping.dataset == "regions" }
      log.add(
        Diagnostic(
          .error, file: regionFiles.first?.path ?? folder.lastPathComponent,
          message: "the other data files are checked once the regions are valid"))
    }
    return assemble(scan, readers: &readers, options: options, log: log)
  }

  /// Reads the petition exports on this thread while the region-month and target files are
  /// read on another. The two share only the region tree; each side logs to a log of its own,
  /// and the logs are joined after (diagnostics are ordered by file and line in the end, and no
  /// file is read by both sides).
  private func readData(
    _ opened: [OpenedFile], tree: RegionTree, folder: URL, options: LoadOptions, log: DiagnosticLog,
    readers: inout DatasetReaders
  ) throws(AttemptFailure) {
    let resolver = RegionResolver(tree: tree, subtotalNames: dictionary.subtotalNames)
    let petitionFiles = opened.filter { $0.mapping.dataset == "petitions" }
    let tableFiles = opened.filter { ["employment", "insurance", "targets"].contains($0.mapping.dataset) }
    let (tablesRead, petitionsAreUTF8) = alongside(
      { [self] in readTables(tableFiles, tree: tree, options: options) },
      with: {
        readPetitionFiles(
          petitionFiles, resolver: resolver, folder: folder, options: options, log: log, readers: &readers)
      })
    guard petitionsAreUTF8 else { throw .notUTF8AfterAll }
    for entry in tablesRead.log.entries { log.add(entry) }
    readers.contexts.merge(tablesRead.contexts) { $1 }
    readers.employment = tablesRead.employment
    readers.insurance = tablesRead.insurance
    readers.targets = tablesRead.targets
    readers.petitions?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
    readers.employment?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
    readers.insurance?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
    readers.targets?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
  }
}
