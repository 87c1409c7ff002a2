import Foundation
import SampleData
import Tables

/// A sample dataset written into a fresh temporary folder, read back as plain CSV tables.
struct GeneratedSample {
  let options: SampleOptions
  let directory: URL
  let files: [SampleFile]

  /// Generates into a new temporary folder; call `remove()` when done.
  init(_ options: SampleOptions) throws {
    self.options = options
    directory = FileManager.default.temporaryDirectory
      .appending(path: "minsheng-sample-\(UUID().uuidString)", directoryHint: .isDirectory)
    files = try SampleGenerator(options: options).write(to: directory)
  }

  func remove() {
    try? FileManager.default.removeItem(at: directory)
  }

  func bytes(_ path: String) throws -> Data {
    try Data(contentsOf: directory.appending(path: path))
  }

  /// The header and the records of a CSV file (no quoting is ever needed in sample data).
  func table(_ path: String) throws -> CSVTable {
    var text = String(decoding: try bytes(path), as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let records = lines.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    return CSVTable(header: records[0], rows: Array(records.dropFirst()))
  }

  /// All petition rows by export path.
  var petitionPaths: [String] {
    files.map(\.path).filter { $0.hasPrefix("信访/") }
  }
}

/// A CSV file's header and records; cells are looked up by header name.
struct CSVTable {
  let header: [String]
  let rows: [[String]]

  func column(_ name: String) -> Int {
    guard let index = header.firstIndex(of: name) else { fatalError("no column \(name) in \(header)") }
    return index
  }

  func values(_ name: String) -> [String] {
    let index = column(name)
    return rows.map { $0[index] }
  }

  /// Rows as dictionaries from header name to cell.
  var records: [[String: String]] {
    rows.map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
  }
}

/// `2024-03-05` as a Day.
func day(_ text: String) -> Day? {
  let parts = text.split(separator: "-").compactMap { Int($0) }
  guard parts.count == 3 else { return nil }
  return Day(year: parts[0], month: parts[1], day: parts[2])
}
