import Concurrency
import Foundation
import Tables

/// The scan: every data file of the folder listed, opened (encoding, delimiter, header) and
/// recognised as a dataset.
extension DataLoader {
  /// What the scan found: the files in natural path order, a summary of each, and the files
  /// that can be read.
  struct Scan {
    let paths: [String]
    let summaries: [String: FileSummary]
    let opened: [OpenedFile]
  }

  private struct StopReading: Error {}

  /// Lists and opens every file of `folder`. Files are opened on every core, each with a log of
  /// its own; the results are taken in path order, so the diagnostics keep that order.
  func scan(_ folder: URL, provisionalUTF8: Bool, log: DiagnosticLog) throws(LoadingError) -> Scan {
    let paths = try Self.dataFiles(in: folder)
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
    return Scan(paths: paths, summaries: summaries, opened: opened)
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

  /// A reading error as a message.
  func describe(_ error: any Error) -> String {
    switch error {
    case CSVFile.ReadError.unterminatedQuote(let line):
      "a quoted field opened on line \(line) is never closed"
    case let error as TranscodingError: error.message
    default: "cannot read: \(error)"
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
      // An output folder of minsheng (report --data .) is never read back as data.
      if FileManager.default.fileExists(atPath: url.appending(path: OutputFolderMarker.fileName).path) {
        enumerator.skipDescendants()
        continue
      }
      guard ["csv", "tsv", "txt"].contains(url.pathExtension.lowercased()),
        (try? url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true
      else { continue }
      let full = url.standardizedFileURL.path
      paths.append(
        full.hasPrefix(base + "/") ? String(full.dropFirst(base.count + 1)) : url.lastPathComponent)
    }
    return paths.sorted(by: NaturalOrder.areInIncreasingOrder)
  }
}
