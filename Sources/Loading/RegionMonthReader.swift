import Tables
import TextRules

/// Reads a region-month dataset (employment, or insurance with its scheme), applying the
/// contract's rules: reported totals compared and never added, duplicates within a file
/// rejected and across files replaced, cumulative columns differenced into monthly values.
struct RegionMonthReader {
  /// One accepted leaf row, its values as written (cumulative ones still cumulative).
  struct Entry {
    var values: [String: FixedPoint]
    var cumulative: Set<String>
    var location: SourceLocation
    /// Header of each field's column in the row's file, for messages.
    var headers: [String: String]
  }

  private struct TotalKey: Hashable {
    let file: String
    let month: YearMonth
    let scheme: Scheme?
    /// nil for `合计`-style names: all leaves in the file.
    let region: String?
  }

  let dataset: String
  let dictionary: HeaderDictionary
  let resolver: RegionResolver
  let unknownRegions = UnknownRegionTally()
  private(set) var entries: [RegionMonthKey: Entry] = [:]
  /// Keys whose rows were rejected: they are not reported again as missing.
  private(set) var rejectedKeys: Set<RegionMonthKey> = []
  private(set) var schemes: Set<Scheme> = []
  private var totals:
    [TotalKey: (values: [String: FixedPoint], location: SourceLocation, headers: [String: String])] = [:]
  /// Leaf values as written, per file, month and scheme, for comparison with reported totals.
  private var fileLeaves: [TotalKey: [String: [String: FixedPoint]]] = [:]
  private let measureFields: [String]

  init(dataset: String, dictionary: HeaderDictionary, resolver: RegionResolver) {
    self.dataset = dataset
    self.dictionary = dictionary
    self.resolver = resolver
    self.measureFields = (dictionary.datasets[dataset]?.fields ?? [:]).filter { $0.value.measure != nil }
      .map(\.key).sorted()
  }

  /// File-level checks before any row: at least one measure column.
  func check(mapping: ColumnMapping, path: String, log: DiagnosticLog) -> Bool {
    guard mapping.columns.contains(where: { measureFields.contains($0.field) }) else {
      log.add(
        Diagnostic(
          .error, file: path, line: nil,
          message: "no measure column: a \(dataset) file needs at least one of "
            + measureFields.compactMap { dictionary.datasets[dataset]?.fields[$0]?.headers.first }
            .joined(separator: ", ")))
      return false
    }
    return true
  }

  mutating func read(_ record: CSVRecord, context: FileContext, log: DiagnosticLog) {
    var row = RowReader(context: context, record: record)
    let month = row.required("month", ValueParsing.month)
    var scheme: Scheme?
    if dataset == "insurance" {
      if let id = row.coded("scheme", "scheme", dictionary: dictionary) {
        scheme = Scheme(rawValue: id)
      } else if row.cell("scheme").map(TextNormalization.trimmed)?.isEmpty ?? true {
        row.problem("scheme", "required value is empty")
      }
    }
    var reference = RegionReference.unknown
    if let raw = row.cell("region"), !TextNormalization.trimmed(raw).isEmpty {
      reference = resolver.resolve(raw)
      if reference == .unknown {
        unknownRegions.record(raw, at: row.location, column: row.header("region"))
        row.rejectQuietly()
      }
    } else {
      row.problem("region", "required value is empty")
    }
    var values: [String: FixedPoint] = [:]
    var cumulative: Set<String> = []
    var headers: [String: String] = [:]
    for column in context.mapping.columns where measureFields.contains(column.field) {
      let spec = dictionary.datasets[dataset]?.fields[column.field]
      let parse = spec?.money == true ? ValueParsing.number : ValueParsing.count
      headers[column.field] = column.header
      if spec?.required == true {
        if let value = row.required(column.field, parse) { values[column.field] = value }
      } else if let value = row.value(column.field, parse) {
        values[column.field] = value
      }
      if column.isCumulative { cumulative.insert(column.field) }
    }
    if case .leaf(let code) = reference, let month, dataset != "insurance" || scheme != nil {
      let key = RegionMonthKey(regionCode: code, month: month, scheme: scheme)
      if let previous = entries[key], previous.location.file == context.path {
        row.problem(
          "region",
          "duplicate row for \(resolver.label(code)) \(month)\(scheme.map { " \($0.chineseName)" } ?? "") (first at line \(previous.location.line))"
        )
      }
    }
    guard row.finish(), let month else {
      if case .leaf(let code) = reference, let month {
        rejectedKeys.insert(RegionMonthKey(regionCode: code, month: month, scheme: scheme))
      }
      return
    }
    if let scheme { schemes.insert(scheme) }
    switch reference {
    case .leaf(let code):
      let key = RegionMonthKey(regionCode: code, month: month, scheme: scheme)
      if let previous = entries[key] {
        log.add(
          Diagnostic(
            .note, at: row.location, column: row.header("region"),
            message: "replaces the row for \(resolver.label(code)) \(month) from \(previous.location)"))
      }
      entries[key] = Entry(values: values, cumulative: cumulative, location: row.location, headers: headers)
      let fileKey = TotalKey(file: context.path, month: month, scheme: scheme, region: nil)
      fileLeaves[fileKey, default: [:]][code] = values
    case .total(let code):
      totals[TotalKey(file: context.path, month: month, scheme: scheme, region: code)] = (
        values, row.location, headers
      )
    case .unknown:
      break
    }
  }

  /// Compares reported totals with the sum of their leaves in the same file (warnings only).
  func compareTotals(log: DiagnosticLog) {
    let ordered = totals.sorted {
      ($0.value.location.file, $0.value.location.line) < ($1.value.location.file, $1.value.location.line)
    }
    for (key, total) in ordered {
      let leaves =
        fileLeaves[TotalKey(file: key.file, month: key.month, scheme: key.scheme, region: nil)] ?? [:]
      let covered = key.region.map { Set(resolver.tree.leaves(under: $0)) }
      let members = leaves.filter { covered?.contains($0.key) ?? true }
      guard !members.isEmpty else { continue }
      for field in measureFields {
        guard let reported = total.values[field] else { continue }
        let parts = members.values.compactMap { $0[field] }
        guard parts.count == members.count else { continue }
        // Added in 128 bits: many leaves of up to 10^18 ten-thousandths each overflow 64.
        let sum = parts.reduce(Int128(0)) { $0 + Int128($1.scaled) }
        if sum != Int128(reported.scaled) {
          let what = key.region == nil ? "the sum of the districts in this file" : "the sum of its districts"
          log.add(
            Diagnostic(
              .warning, at: total.location, column: total.headers[field],
              message:
                "reported total \(Self.grouped(reported)) differs from \(what) \(Self.grouped(scaled: sum))"))
        }
      }
    }
  }

  /// Monthly values: cumulative fields differenced within each calendar year.
  /// A cumulative value below the previous month's is an error.
  func monthlyRows(log: DiagnosticLog) -> [RegionMonthKey: [String: FixedPoint]] {
    var rows: [RegionMonthKey: [String: FixedPoint]] = [:]
    for (key, entry) in entries {
      var values = entry.values
      for field in entry.cumulative {
        guard let current = entry.values[field] else { continue }
        guard key.month.month > 1 else { continue }
        let previousKey = RegionMonthKey(
          regionCode: key.regionCode, month: key.month.adding(months: -1), scheme: key.scheme)
        guard let previous = entries[previousKey], previous.cumulative.contains(field),
          let before = previous.values[field]
        else {
          values[field] = nil
          continue
        }
        if current < before {
          log.add(
            Diagnostic(
              .error, at: entry.location, column: entry.headers[field],
              message:
                "cumulative value \(Self.grouped(current)) for \(resolver.label(key.regionCode)) \(key.month) is lower than \(Self.grouped(before)) in \(previousKey.month) (\(previous.location))"
            ))
          values[field] = nil
        } else {
          values[field] = current - before
        }
      }
      rows[key] = values
    }
    return rows
  }

  /// `4,120` or `-12.5`: thousands separators for messages.
  static func grouped(_ value: FixedPoint) -> String { grouped(scaled: Int128(value.scaled)) }

  /// `grouped` of a value given in ten-thousandths, in 128 bits (a sum of many values).
  static func grouped(scaled: Int128) -> String {
    let text = FixedPoint.text(scaled: scaled)
    let negative = text.hasPrefix("-")
    let body = negative ? String(text.dropFirst()) : text
    let parts = body.split(separator: ".", maxSplits: 1)
    var whole = String(parts[0])
    var index = whole.count - 3
    while index > 0 {
      whole.insert(",", at: whole.index(whole.startIndex, offsetBy: index))
      index -= 3
    }
    return (negative ? "-" : "") + whole + (parts.count > 1 ? "." + parts[1] : "")
  }
}
