import Foundation
import Tables

/// The assembly: the report month, completeness, the typed tables and the load report.
extension DataLoader {
  /// Builds the report from what the readers hold (the petition reader gives up its id table).
  func assemble(
    _ scan: Scan, readers: inout DatasetReaders, options: LoadOptions, log: DiagnosticLog
  ) -> LoadReport {
    readers.petitions?.releaseIds()
    let petitionTable = readers.petitions?.table()
    var period = options.period
    let inferred = period == nil
    if period == nil {
      let months =
        (readers.employment?.entries.keys.map(\.month) ?? [])
        + (readers.insurance?.entries.keys.map(\.month) ?? [])
      period =
        months.max() ?? petitionTable?.counts.entries.map(\.month).max().map { YearMonth(ordinal: Int($0)) }
    }
    let (employmentTable, insuranceTable) = regionMonthTables(
      readers, period: period, opened: scan.opened, options: options, log: log)
    let files = scan.paths.map { path -> FileSummary in
      guard let summary = scan.summaries[path] else {
        return FileSummary(
          path: path, dataset: nil, datasetTitle: nil, encoding: nil, isTabSeparated: false, rowsRead: 0,
          rowsRejected: 0, ignoredColumns: [])
      }
      guard let context = readers.contexts[path] else { return summary }
      return FileSummary(
        path: path, dataset: summary.dataset, datasetTitle: summary.datasetTitle, encoding: summary.encoding,
        isTabSeparated: summary.isTabSeparated, rowsRead: context.rowsRead,
        rowsRejected: context.rowsRejected, ignoredColumns: summary.ignoredColumns)
    }
    warnAboutEmptyData(scan, readers: readers, petitions: petitionTable, period: period, log: log)
    let diagnostics = Self.ordered(log.entries, paths: scan.paths)
    var tables: DataTables?
    if let tree = readers.tree, !log.hasErrors {
      tables = DataTables(
        regions: tree, petitions: petitionTable, employment: employmentTable, insurance: insuranceTable,
        targets: readers.targets?.all ?? [])
    }
    return LoadReport(
      diagnostics: diagnostics, files: files, tables: tables, period: period, periodWasInferred: inferred,
      replacedPetitions: readers.petitions?.replaced ?? 0,
      distinctPetitionItems: petitionTable?.itemCount ?? 0)
  }

  /// Warns about a file that holds a header and no data row, and about a report month without
  /// a single petition item although petition exports were read (a month left out of the
  /// exports would otherwise read as 0 petitions, 同比下降100.0%).
  private func warnAboutEmptyData(
    _ scan: Scan, readers: DatasetReaders, petitions: PetitionTable?, period: YearMonth?, log: DiagnosticLog
  ) {
    let filesWithErrors = Set(log.entries.filter { $0.severity == .error }.map(\.file))
    for file in scan.opened where !filesWithErrors.contains(file.path) {
      guard let context = readers.contexts[file.path], context.rowsRead == 0 else { continue }
      log.add(
        Diagnostic(
          .warning, file: file.path, message: "no data rows: the file holds a header and nothing else"))
    }
    guard let petitions, let period, readers.tree != nil else { return }
    let ordinal = Int32(period.ordinal)
    guard !petitions.counts.entries.contains(where: { $0.month == ordinal && $0.count > 0 }) else { return }
    let title = dictionary.datasets["petitions"]?.title ?? "信访事项"
    log.add(
      Diagnostic(
        .warning, file: "\(title) (petitions)",
        message: "no petition item was received in \(period): every petition figure of that month is 0 "
          + "(is an export missing?)"))
  }

  /// The employment and insurance tables, their totals compared and their completeness checked
  /// for `period`.
  private func regionMonthTables(
    _ readers: DatasetReaders, period: YearMonth?, opened: [OpenedFile], options: LoadOptions,
    log: DiagnosticLog
  ) -> (EmploymentTable?, InsuranceTable?) {
    guard let tree = readers.tree else { return (nil, nil) }
    var employmentTable: EmploymentTable?
    var insuranceTable: InsuranceTable?
    let completeness = Completeness(tree: tree, period: period, allowMissing: options.allowMissing, log: log)
    if let employment = readers.employment {
      employment.compareTotals(log: log)
      let missing = completeness.check(employment, schemes: [nil], file: lastFile("employment", opened))
      employmentTable = EmploymentTable(rows: Self.typed(employment.monthlyRows(log: log)), missing: missing)
    }
    if let insurance = readers.insurance {
      insurance.compareTotals(log: log)
      let schemes = Scheme.allCases.filter(insurance.schemes.contains).map { Optional($0) }
      let missing = completeness.check(insurance, schemes: schemes, file: lastFile("insurance", opened))
      insuranceTable = InsuranceTable(rows: Self.typed(insurance.monthlyRows(log: log)), missing: missing)
    }
    return (employmentTable, insuranceTable)
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
