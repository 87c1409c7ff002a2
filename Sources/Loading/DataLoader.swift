import Concurrency
import Foundation
import Synchronization
import Tables

/// How strictly a data folder is read.
public struct LoadOptions: Sendable {
  /// The report month whose needs decide completeness; nil = the latest month in the data.
  public var period: YearMonth?
  /// Drop invalid rows (reported as warnings) instead of failing.
  public var skipInvalid: Bool
  /// Treat missing region-months as absent (reported as warnings) instead of failing.
  public var allowMissing: Bool

  public init(period: YearMonth? = nil, skipInvalid: Bool = false, allowMissing: Bool = false) {
    self.period = period
    self.skipInvalid = skipInvalid
    self.allowMissing = allowMissing
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
public struct DataLoader: Sendable {
  public let dictionary: HeaderDictionary
  /// Bytes per block when a petition file is cut for parallel parsing (tests make it small).
  var blockSize = RecordBlockReader.defaultBlockSize

  public init(dictionary: HeaderDictionary) {
    self.dictionary = dictionary
  }

  private struct OpenedFile: Sendable {
    let path: String
    let csv: CSVFile
    let mapping: ColumnMapping
  }

  private struct StopReading: Error {}

  /// Why one attempt at reading a folder stopped.
  private enum AttemptFailure: Error {
    case loading(LoadingError)
    /// A petition file taken as UTF-8 from its first chunk holds a byte that is not UTF-8.
    case notUTF8AfterAll
  }

  /// Reads every CSV under `folder`.
  public func load(folder: URL, options: LoadOptions = LoadOptions()) throws(LoadingError) -> LoadReport {
    for provisionalUTF8 in [true, false] {
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
    let paths: [String]
    do {
      paths = try Self.dataFiles(in: folder)
    } catch {
      throw .loading(error)
    }
    // Files are opened (encoding, delimiter, header, dataset) on both cores, each with a log of
    // its own; the results are taken in path order, so the diagnostics keep that order.
    struct Opening: Sendable {
      var file: OpenedFile?
      var summary: FileSummary?
      var diagnostics: [Diagnostic]
    }
    let openings = concurrentMap(count: paths.count) { index in
      let fileLog = DiagnosticLog()
      var fileSummaries: [String: FileSummary] = [:]
      let file = open(
        paths[index], folder: folder, log: fileLog, summaries: &fileSummaries,
        provisionalUTF8: provisionalUTF8)
      return Opening(file: file, summary: fileSummaries[paths[index]], diagnostics: fileLog.entries)
    }
    var summaries: [String: FileSummary] = [:]
    var opened: [OpenedFile] = []
    for (path, opening) in zip(paths, openings) {
      summaries[path] = opening.summary
      for diagnostic in opening.diagnostics { log.add(diagnostic) }
      if let file = opening.file { opened.append(file) }
    }

    let regionFiles = opened.filter { $0.mapping.dataset == "regions" }
    var contexts: [String: FileContext] = [:]
    func context(_ file: OpenedFile) -> FileContext {
      let context = FileContext(
        path: file.path, mapping: file.mapping, log: log, skipInvalid: options.skipInvalid)
      contexts[file.path] = context
      return context
    }
    var tree: RegionTree?
    if regionFiles.isEmpty {
      log.add(
        Diagnostic(
          .error, file: folder.lastPathComponent,
          message: "no regions file: one CSV must have the columns 区划代码, 名称, 上级代码 (data contract §4)"))
    } else {
      for extra in regionFiles.dropFirst() {
        log.add(
          Diagnostic(
            .error, file: extra.path, message: "a second regions file (the first is \(regionFiles[0].path))"))
      }
      var reader = RegionsReader(dictionary: dictionary)
      let regionContext = context(regionFiles[0])
      read(regionFiles[0], log: log) { reader.read($0, context: regionContext) }
      tree = reader.finish(file: regionFiles[0].path, log: log)
    }

    var petitions: PetitionsReader?
    var employment: RegionMonthReader?
    var insurance: RegionMonthReader?
    var targets: TargetsReader?
    if let tree {
      let resolver = RegionResolver(tree: tree, subtotalNames: dictionary.subtotalNames)
      let petitionFiles = opened.filter { $0.mapping.dataset == "petitions" }
      let tableFiles = opened.filter { ["employment", "insurance", "targets"].contains($0.mapping.dataset) }
      // The region-month and target files are read on another thread while the petition
      // exports are read on this one. The two share only the region tree; each side logs to a
      // log of its own, and the logs are joined after (diagnostics are ordered by file and line
      // in the end, and no file is read by both sides).
      let (tablesRead, petitionsAreUTF8) = alongside(
        { [self] in readTables(tableFiles, tree: tree, options: options) },
        with: { () -> Bool in
          for file in petitionFiles {
            let fileContext = context(file)
            if petitions == nil {
              petitions = PetitionsReader(
                dictionary: dictionary, resolver: resolver,
                expectedRows: Self.estimatedRows(of: petitionFiles, in: folder))
            }
            guard readPetitions(file, into: &petitions!, context: fileContext, log: log) else { return false }
            if let count = petitions!.replacedByFile[file.path], count > 0 {
              log.add(
                Diagnostic(
                  .note, file: file.path,
                  message: "\(count) item\(count == 1 ? "" : "s") replace earlier exports of the same 信访件编号"))
            }
          }
          return true
        })
      guard petitionsAreUTF8 else { throw .notUTF8AfterAll }
      for entry in tablesRead.log.entries { log.add(entry) }
      contexts.merge(tablesRead.contexts) { $1 }
      employment = tablesRead.employment
      insurance = tablesRead.insurance
      targets = tablesRead.targets
      petitions?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
      employment?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
      insurance?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
      targets?.unknownRegions.report(to: log, resolver: resolver, skipInvalid: options.skipInvalid)
    } else if !opened.filter({ $0.mapping.dataset != "regions" }).isEmpty {
      log.add(
        Diagnostic(
          .error, file: regionFiles.first?.path ?? folder.lastPathComponent,
          message: "the other data files are checked once the regions are valid"))
    }

    petitions?.releaseIds()
    let petitionTable = petitions?.table()
    var period = options.period
    let inferred = period == nil
    if period == nil {
      let months =
        (employment?.entries.keys.map(\.month) ?? []) + (insurance?.entries.keys.map(\.month) ?? [])
      period =
        months.max() ?? petitionTable?.counts.entries.map(\.month).max().map { YearMonth(ordinal: Int($0)) }
    }

    var employmentTable: EmploymentTable?
    var insuranceTable: InsuranceTable?
    if let tree {
      let completeness = Completeness(
        tree: tree, period: period, allowMissing: options.allowMissing, log: log)
      if let employment {
        employment.compareTotals(log: log)
        let missing = completeness.check(employment, schemes: [nil], file: lastFile("employment", opened))
        employmentTable = EmploymentTable(
          rows: Self.typed(employment.monthlyRows(log: log)), missing: missing)
      }
      if let insurance {
        insurance.compareTotals(log: log)
        let schemes = Scheme.allCases.filter(insurance.schemes.contains).map { Optional($0) }
        let missing = completeness.check(insurance, schemes: schemes, file: lastFile("insurance", opened))
        insuranceTable = InsuranceTable(rows: Self.typed(insurance.monthlyRows(log: log)), missing: missing)
      }
    }

    let files = paths.map { path -> FileSummary in
      let summary = summaries[path]!
      guard let context = contexts[path] else { return summary }
      return FileSummary(
        path: path, dataset: summary.dataset, datasetTitle: summary.datasetTitle, encoding: summary.encoding,
        isTabSeparated: summary.isTabSeparated, rowsRead: context.rowsRead,
        rowsRejected: context.rowsRejected, ignoredColumns: summary.ignoredColumns)
    }
    let diagnostics = Self.ordered(log.entries, paths: paths)
    var tables: DataTables?
    if let tree, !log.hasErrors {
      tables = DataTables(
        regions: tree, petitions: petitionTable, employment: employmentTable, insurance: insuranceTable,
        targets: targets?.all ?? [])
    }
    return LoadReport(
      diagnostics: diagnostics, files: files, tables: tables, period: period, periodWasInferred: inferred,
      replacedPetitions: petitions?.replaced ?? 0, distinctPetitionItems: petitionTable?.itemCount ?? 0)
  }

  /// The region-month and target files as read on their own thread: made there, and handed to
  /// the loader only after that thread has finished (`alongside` waits for it), so never used by
  /// two threads at once.
  private final class TablesRead: @unchecked Sendable {
    let log = DiagnosticLog()
    var contexts: [String: FileContext] = [:]
    var employment: RegionMonthReader?
    var insurance: RegionMonthReader?
    var targets: TargetsReader?
  }

  /// Reads the employment, insurance and target files, in order, with a region resolver of their
  /// own.
  private func readTables(_ files: [OpenedFile], tree: RegionTree, options: LoadOptions) -> TablesRead {
    let read = TablesRead()
    let resolver = RegionResolver(tree: tree, subtotalNames: dictionary.subtotalNames)
    for file in files {
      let fileContext = FileContext(
        path: file.path, mapping: file.mapping, log: read.log, skipInvalid: options.skipInvalid)
      read.contexts[file.path] = fileContext
      switch file.mapping.dataset {
      case "employment", "insurance":
        let isEmployment = file.mapping.dataset == "employment"
        var reader =
          (isEmployment ? read.employment : read.insurance)
          ?? RegionMonthReader(dataset: file.mapping.dataset, dictionary: dictionary, resolver: resolver)
        if reader.check(mapping: file.mapping, path: file.path, log: read.log) {
          self.read(file, log: read.log) { reader.read($0, context: fileContext, log: read.log) }
        }
        if isEmployment { read.employment = reader } else { read.insurance = reader }
      case "targets":
        if read.targets == nil { read.targets = TargetsReader(dictionary: dictionary, resolver: resolver) }
        self.read(file, log: read.log) { read.targets!.read($0, context: fileContext, log: read.log) }
      default:
        break
      }
    }
    return read
  }

  /// Opens a file as CSV (see `CSVFile.open`); nil after logging why it cannot be read.
  private func openCSV(_ url: URL, path: String, provisional: Bool, log: DiagnosticLog) -> CSVFile? {
    do {
      return try CSVFile.open(url, provisional: provisional)
    } catch {
      switch error {
      case .undecodable(let failure):
        log.add(
          Diagnostic(
            .error, file: path, line: failure.line,
            message: "invalid \(failure.encoding.rawValue) byte: the file is neither valid UTF-8 nor GB18030")
        )
      case .io(let message):
        log.add(Diagnostic(.error, file: path, message: "cannot read: \(message)"))
      case .unterminatedQuote(let line):
        log.add(
          Diagnostic(
            .error, file: path, line: line, message: "a quoted field opened on this line is never closed"))
      }
      return nil
    }
  }

  /// Decides a file's encoding, delimiter and dataset from its bytes and header row. With
  /// `provisionalUTF8`, a petition file's encoding is judged from its first chunk and checked
  /// while it is read (any other file is checked here, in full).
  private func open(
    _ path: String, folder: URL, log: DiagnosticLog, summaries: inout [String: FileSummary],
    provisionalUTF8: Bool
  ) -> OpenedFile? {
    let url = folder.appending(path: path)
    func summary(_ dataset: String?, _ csv: CSVFile?, ignored: [String] = []) -> FileSummary {
      FileSummary(
        path: path, dataset: dataset, datasetTitle: dataset.flatMap { dictionary.datasets[$0]?.title },
        encoding: csv?.encoding, isTabSeparated: csv?.delimiter == UInt8(ascii: "\t"), rowsRead: 0,
        rowsRejected: 0, ignoredColumns: ignored)
    }
    summaries[path] = summary(nil, nil)
    guard var csv = openCSV(url, path: path, provisional: provisionalUTF8, log: log) else { return nil }
    summaries[path] = summary(nil, csv)
    var header: CSVRecord?
    do {
      try csv.forEachRecord { record in
        if record.isBlank { return }
        header = record
        throw StopReading()
      }
    } catch is StopReading {
    } catch {
      log.add(Diagnostic(.error, file: path, line: 1, message: describe(error)))
      return nil
    }
    guard let header else {
      log.add(Diagnostic(.warning, file: path, message: "empty file: no header row"))
      return nil
    }
    switch dictionary.recognise(header: header.fields) {
    case .success(let mapping):
      if csv.isProvisional && mapping.dataset != "petitions" {
        guard let checked = openCSV(url, path: path, provisional: false, log: log) else { return nil }
        csv = checked
      }
      summaries[path] = summary(mapping.dataset, csv, ignored: mapping.ignored)
      if !mapping.ignored.isEmpty {
        log.add(
          Diagnostic(
            .note, file: path, line: header.line,
            message:
              "ignored column\(mapping.ignored.count == 1 ? "" : "s"): \(mapping.ignored.joined(separator: ", "))"
          ))
      }
      return OpenedFile(path: path, csv: csv, mapping: mapping)
    case .failure(let problem):
      let message: String
      switch problem {
      case .noDataset(let found):
        message = "the header matches no dataset (found columns: \(found.joined(separator: ", ")))"
      case .ambiguous(let datasets):
        message = "the header matches several datasets equally well: \(datasets.joined(separator: ", "))"
      case .duplicateField(let field, let headers):
        message = "columns '\(headers[0])' and '\(headers[1])' both map to field '\(field)'"
      case .emptyHeader(let column):
        message = "header cell \(column) is empty"
      }
      log.add(Diagnostic(.error, file: path, line: header.line, message: message))
      return nil
    }
  }

  /// Streams a file's data records (after its header) into `body`.
  private func read(_ file: OpenedFile, log: DiagnosticLog, _ body: (CSVRecord) -> Void) {
    readRaw(file, log: log) { body($0.record()) }
  }

  /// Streams a file's data records (after its header) into `body` as bytes; the same records
  /// as `read`, without making a `String` per cell.
  private func readRaw(_ file: OpenedFile, log: DiagnosticLog, _ body: (RawRecord) -> Void) {
    var sawHeader = false
    do {
      try file.csv.forEachRawRecord { record in
        if !record.isSurelyNotBlank && record.record().isBlank { return }
        if !sawHeader {
          sawHeader = true
          return
        }
        body(record)
      }
    } catch CSVFile.ReadError.unterminatedQuote(let line) {
      log.add(
        Diagnostic(
          .error, file: file.path, line: line,
          message: describe(CSVFile.ReadError.unterminatedQuote(line: line))))
    } catch {
      log.add(Diagnostic(.error, file: file.path, message: describe(error)))
    }
  }

  /// Streams a petition file into `reader`. A UTF-8 file is cut into blocks of whole records
  /// that are parsed on both cores and merged in file order (the merge de-duplicates ids and
  /// reads unusual rows through the general path, so the outcome is the same as reading row by
  /// row); a GB18030 file is transcoded and parsed as one stream.
  ///
  /// Returns false when a file taken as UTF-8 from its first chunk is not UTF-8 after all.
  private func readPetitions(
    _ file: OpenedFile, into reader: inout PetitionsReader, context: FileContext, log: DiagnosticLog
  ) -> Bool {
    let codes = reader.codes
    let columns = PetitionColumns(file.mapping)
    let delimiter = file.csv.delimiter
    guard file.csv.encoding != .gb18030 else {
      var parser = PetitionBlockParser(codes: codes, columns: columns, delimiter: delimiter)
      var taken = 0
      readRaw(file, log: log) { record in
        parser.take(record)
        taken += 1
        if taken % 65_536 == 0 { reader.merge(parser.takeBlock(), firstLine: 1, context: context) }
      }
      reader.merge(parser.takeBlock(), firstLine: 1, context: context)
      return true
    }
    do {
      let blocks = try RecordBlockReader(
        url: file.csv.url, delimiter: delimiter, blockSize: blockSize, buffers: reader.spareBuffers)
      let mergedBlocks = reader.mergedBlocks
      var line = blocks.firstLine
      // Up to 8 blocks in flight: the workers parse ahead while the merge waits for the id
      // table's cache misses (4 left a core idle; 12 was no faster).
      try orderedParallelMap(
        window: 8, next: blocks.next,
        transform: { block in
          defer { blocks.recycle(block) }
          return PetitionBlockParser.parse(
            block, codes: codes, columns: columns, delimiter: delimiter, reusing: mergedBlocks.take())
        },
        consume: { parsed in
          if !parsed.isValidUTF8 { throw AttemptFailure.notUTF8AfterAll }
          reader.merge(parsed, firstLine: line, context: context)
          mergedBlocks.give(parsed)
          if let quoteLine = parsed.unterminatedQuoteLine {
            log.add(
              Diagnostic(
                .error, file: file.path, line: line + quoteLine - 1,
                message: describe(CSVFile.ReadError.unterminatedQuote(line: line + quoteLine - 1))))
          }
          line += parsed.lineFeeds
        })
    } catch AttemptFailure.notUTF8AfterAll {
      return false
    } catch {
      log.add(Diagnostic(.error, file: file.path, message: describe(error)))
    }
    return true
  }

  /// An upper estimate of the records in `files` (from their sizes; a petition record takes
  /// about 90 bytes), to size the id table.
  private static func estimatedRows(of files: [OpenedFile], in folder: URL) -> Int {
    let bytes = files.reduce(0) { total, file in
      total + ((try? file.csv.url.resourceValues(forKeys: [.fileSizeKey]).fileSize) ?? 0)
    }
    return bytes / 64
  }

  private func describe(_ error: any Error) -> String {
    switch error {
    case CSVFile.ReadError.unterminatedQuote(let line):
      "a quoted field opened on line \(line) is never closed"
    case let error as TranscodingError: error.message
    default: "cannot read: \(error)"
    }
  }

  private func lastFile(_ dataset: String, _ opened: [OpenedFile]) -> String {
    opened.last { $0.mapping.dataset == dataset }?.path ?? dataset
  }

  private static func typed<Field: RawRepresentable & Hashable & Sendable>(
    _ rows: [RegionMonthKey: [String: FixedPoint]]
  ) -> [RegionMonthKey: [Field: FixedPoint]] where Field.RawValue == String {
    rows.mapValues { values in
      Dictionary(
        uniqueKeysWithValues: values.compactMap { key, value in Field(rawValue: key).map { ($0, value) } })
    }
  }

  /// CSV-like files under `folder`, relative paths in natural order.
  static func dataFiles(in folder: URL) throws(LoadingError) -> [String] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw .dataFolder("\(folder.path) is not a folder")
    }
    guard
      let enumerator = FileManager.default.enumerator(
        at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [.skipsHiddenFiles])
    else {
      throw .dataFolder("cannot list \(folder.path)")
    }
    let base = folder.standardizedFileURL.path
    var paths: [String] = []
    for case let url as URL in enumerator {
      guard ["csv", "tsv", "txt"].contains(url.pathExtension.lowercased()),
        (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
      else { continue }
      let full = url.standardizedFileURL.path
      paths.append(
        full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent)
    }
    return paths.sorted(by: NaturalOrder.areInIncreasingOrder)
  }

  /// Diagnostics grouped by file in natural path order, then by line; stable otherwise.
  static func ordered(_ diagnostics: [Diagnostic], paths: [String]) -> [Diagnostic] {
    let rank = Dictionary(uniqueKeysWithValues: paths.enumerated().map { ($1, $0) })
    return diagnostics.enumerated().sorted { a, b in
      let fileA = rank[a.element.file] ?? -1
      let fileB = rank[b.element.file] ?? -1
      if fileA != fileB { return fileA < fileB }
      let lineA = a.element.line ?? Int.max
      let lineB = b.element.line ?? Int.max
      if lineA != lineB { return lineA < lineB }
      return a.offset < b.offset
    }.map(\.element)
  }
}
