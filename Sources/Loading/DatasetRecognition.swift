import TextRules

/// Which dataset a file holds and which column feeds which field, decided from its header row.
struct ColumnMapping: Sendable {
  /// One recognised column.
  struct Column: Sendable {
    let index: Int
    /// The header as written in the file, for messages.
    let header: String
    let field: String
    /// The column holds 1–M month cumulative values (`…(累计)`).
    let isCumulative: Bool
  }

  let dataset: String
  let columns: [Column]
  private let columnByField: [String: Column]
  /// Headers that name no field of the dataset.
  let ignored: [String]
  /// Number of header cells, trailing empty ones removed.
  let width: Int

  init(dataset: String, columns: [Column], ignored: [String], width: Int) {
    self.dataset = dataset
    self.columns = columns
    self.ignored = ignored
    self.width = width
    self.columnByField = Dictionary(columns.map { ($0.field, $0) }, uniquingKeysWith: { first, _ in first })
  }

  func column(_ field: String) -> Column? { columnByField[field] }
}

/// Why a header row could not be mapped.
enum HeaderProblem: Error {
  /// No dataset has all its required columns; `nearest` is the dataset with the most recognised
  /// columns and the canonical headers of its required columns that are missing.
  case noDataset(found: [String], nearest: (dataset: String, missing: [String])?)
  case ambiguous([String])
  case duplicateField(field: String, headers: [String])
  case emptyHeader(column: Int)
}

extension HeaderDictionary {
  /// Recognises the dataset of a header row (data contract §1).
  func recognise(header cells: [String]) -> Result<ColumnMapping, HeaderProblem> {
    var width = cells.count
    while width > 0 && TextNormalization.trimmed(cells[width - 1]).isEmpty { width -= 1 }
    let headers = Array(cells[..<width])
    if let blank = headers.firstIndex(where: { TextNormalization.trimmed($0).isEmpty }) {
      return .failure(.emptyHeader(column: blank + 1))
    }
    var candidates: [(id: String, columns: [ColumnMapping.Column])] = []
    var nearest: (dataset: String, missing: [String], recognised: Int)?
    for id in HeaderDictionary.datasetIDs {
      guard let dataset = datasets[id] else { continue }
      let columns = headers.enumerated().compactMap { index, header in
        match(header, in: id).map {
          ColumnMapping.Column(index: index, header: header, field: $0.field, isCumulative: $0.cumulative)
        }
      }
      let recognised = Set(columns.map(\.field))
      let required = dataset.fields.filter(\.value.required).map(\.key)
      if required.allSatisfy(recognised.contains) { candidates.append((id, columns)) }
      if !recognised.isEmpty && recognised.count > (nearest?.recognised ?? 0) {
        let missing = required.filter { !recognised.contains($0) }.compactMap {
          dataset.fields[$0]?.headers.first
        }
        nearest = (id, missing.sorted(), recognised.count)
      }
    }
    guard let best = candidates.map(\.columns.count).max() else {
      return .failure(.noDataset(found: headers, nearest: nearest.map { ($0.dataset, $0.missing) }))
    }
    let winners = candidates.filter { $0.columns.count == best }
    guard winners.count == 1, let winner = winners.first else {
      return .failure(.ambiguous(winners.map(\.id)))
    }
    var seen: [String: String] = [:]
    for column in winner.columns {
      if let first = seen[column.field] {
        return .failure(.duplicateField(field: column.field, headers: [first, column.header]))
      }
      seen[column.field] = column.header
    }
    let used = Set(winner.columns.map(\.index))
    let ignored = headers.indices.filter { !used.contains($0) }.map { headers[$0] }
    return .success(
      ColumnMapping(dataset: winner.id, columns: winner.columns, ignored: ignored, width: width))
  }

  private func match(_ header: String, in dataset: String) -> (field: String, cumulative: Bool)? {
    let key = TextNormalization.key(header)
    let fields = fieldsByHeader[dataset] ?? [:]
    if let field = fields[key] { return (field, false) }
    for suffix in cumulativeSuffixes where key.hasSuffix(suffix) && key.count > suffix.count {
      if let field = fields[String(key.dropLast(suffix.count))],
        datasets[dataset]?.fields[field]?.measure == "flow"
      {
        return (field, true)
      }
    }
    return nil
  }
}
