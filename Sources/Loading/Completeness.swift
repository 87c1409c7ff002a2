import Tables

/// Data contract §9: every leaf region needs a row for every month the report needs.
struct Completeness {
  let tree: RegionTree
  let period: YearMonth?
  let allowMissing: Bool
  let log: DiagnosticLog

  /// Months 1..M of Y, 1..M of Y-1, and December of Y-1.
  static func requiredMonths(for period: YearMonth) -> [YearMonth] {
    let thisYear = (1...period.month).compactMap { YearMonth(year: period.year, month: $0) }
    let lastYear = (1...period.month).compactMap { YearMonth(year: period.year - 1, month: $0) }
    let december = period.month == 12 ? [] : [YearMonth(year: period.year - 1, month: 12)].compactMap { $0 }
    return lastYear + december + thisYear
  }

  /// Reports missing region-months (errors, or warnings with `--allow-missing`) and returns them.
  func check(_ reader: RegionMonthReader, schemes: [Scheme?], file: String) -> Set<RegionMonthKey> {
    guard let period else { return [] }
    let leaves = tree.leaves(under: tree.root.code)
    let severity: Diagnostic.Severity = allowMissing ? .warning : .error
    let suffix = allowMissing ? " (treated as absent)" : ""
    var missing: Set<RegionMonthKey> = []
    for scheme in schemes {
      for month in Self.requiredMonths(for: period) {
        let absent = leaves.filter { leaf in
          let key = RegionMonthKey(regionCode: leaf, month: month, scheme: scheme)
          return reader.entries[key] == nil && !reader.rejectedKeys.contains(key)
        }
        guard !absent.isEmpty else { continue }
        let what = scheme.map { "\($0.chineseName) " } ?? ""
        let column = reader.dictionary.datasets[reader.dataset]?.fields["month"]?.headers.first
        if absent.count == leaves.count && leaves.count > 1 {
          log.add(
            Diagnostic(
              severity, file: file, column: column,
              message: "no \(what)rows for \(month) (none of the \(leaves.count) districts)\(suffix)"))
        } else {
          for leaf in absent {
            let region = tree.region(code: leaf).map { "\($0.name) (\($0.code))" } ?? leaf
            log.add(
              Diagnostic(
                severity, file: file, column: column,
                message: "no \(what)row for \(region) in \(month)\(suffix)"))
          }
        }
        for leaf in absent { missing.insert(RegionMonthKey(regionCode: leaf, month: month, scheme: scheme)) }
      }
    }
    return allowMissing ? missing : []
  }
}
