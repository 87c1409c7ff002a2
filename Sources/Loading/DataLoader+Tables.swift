import Foundation
import Tables

/// The regions file, then the region-month and target files (read on their own thread while
/// the petition exports are read), and the record streams every reader is fed from.
extension DataLoader {
  /// Reads the regions file into the region tree; nil when there is none or it is invalid.
  func readRegions(
    _ opened: [OpenedFile], folder: URL, options: LoadOptions, log: DiagnosticLog,
    readers: inout DatasetReaders
  ) -> RegionTree? {
    let regionFiles = opened.filter { $0.mapping.dataset == "regions" }
    guard let first = regionFiles.first else {
      log.add(
        Diagnostic(
          .error, file: folder.lastPathComponent,
          message: "no regions file: one CSV must have the columns 区划代码, 名称, 上级代码 (data contract §4)"))
      return nil
    }
    for extra in regionFiles.dropFirst() {
      log.add(
        Diagnostic(.error, file: extra.path, message: "a second regions file (the first is \(first.path))"))
    }
    var reader = RegionsReader(dictionary: dictionary)
    let context = FileContext(
      path: first.path, mapping: first.mapping, log: log, skipInvalid: options.skipInvalid)
    readers.contexts[first.path] = context
    read(first, log: log) { reader.read($0, context: context) }
    return reader.finish(file: first.path, log: log)
  }

  /// The region-month and target files as read on their own thread: made there, and handed to
  /// the loader only after that thread has finished (`alongside` waits for it), so never used by
  /// two threads at once.
  final class TablesRead: @unchecked Sendable {
    let log = DiagnosticLog()
    var contexts: [String: FileContext] = [:]
    var employment: RegionMonthReader?
    var insurance: RegionMonthReader?
    var targets: TargetsReader?
  }

  /// Reads the employment, insurance and target files, in order, with a region resolver of their
  /// own.
  func readTables(_ files: [OpenedFile], tree: RegionTree, options: LoadOptions) -> TablesRead {
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

  /// Streams a file's data records (after its header) into `body`.
  func read(_ file: OpenedFile, log: DiagnosticLog, _ body: (CSVRecord) -> Void) {
    readRaw(file, log: log) { body($0.record()) }
  }

  /// Streams a file's data records (after its header) into `body` as bytes; the same records
  /// as `read`, without making a `String` per cell.
  func readRaw(_ file: OpenedFile, log: DiagnosticLog, _ body: (RawRecord) -> Void) {
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
}
