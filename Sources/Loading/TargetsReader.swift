import Tables
import TextRules

/// Reads annual targets (年度目标). A region's target is its own: a parent's is never the sum
/// of its children's.
struct TargetsReader {
  private struct Key: Hashable {
    let year: Int
    let region: String
    let indicator: String
  }

  let dictionary: HeaderDictionary
  let resolver: RegionResolver
  let unknownRegions = UnknownRegionTally()
  private var targets: [Key: Target] = [:]
  private var order: [Key] = []

  init(dictionary: HeaderDictionary, resolver: RegionResolver) {
    self.dictionary = dictionary
    self.resolver = resolver
  }

  mutating func read(_ record: CSVRecord, context: FileContext, log: DiagnosticLog) {
    var row = RowReader(context: context, record: record)
    let year = row.required("year", ValueParsing.number)
    if let year, !year.isWholeNumber || YearMonth(year: Int(year.scaled / FixedPoint.scale), month: 1) == nil
    {
      row.problem("year", "'\(year)' is not a year")
    }
    var regionCode: String?
    if let raw = row.cell("region"), !TextNormalization.trimmed(raw).isEmpty {
      switch resolver.resolve(raw) {
      case .leaf(let code), .total(.some(let code)): regionCode = code
      case .total(nil): regionCode = resolver.tree.root.code
      case .unknown:
        unknownRegions.record(raw, at: row.location, column: row.header("region"))
        row.rejectQuietly()
      }
    } else {
      row.problem("region", "required value is empty")
    }
    let indicator = row.cell("indicator").map(TextNormalization.trimmed) ?? ""
    if indicator.isEmpty { row.problem("indicator", "required value is empty") }
    let value = row.required("target", ValueParsing.number)
    let direction = row.coded("direction", "direction", dictionary: dictionary) ?? "at_least"
    guard row.finish(), let year, let regionCode, let value else { return }
    let key = Key(year: Int(year.scaled / FixedPoint.scale), region: regionCode, indicator: indicator)
    if let previous = targets[key] {
      if previous.source.file == context.path {
        log.add(
          Diagnostic(
            context.skipInvalid ? .warning : .error, at: row.location, column: row.header("indicator"),
            message:
              "duplicate target for \(indicator), \(resolver.label(regionCode)), \(key.year) (first at line \(previous.source.line))"
              + (context.skipInvalid ? " (row skipped)" : "")))
        context.rowsRejected += 1
        return
      }
      log.add(
        Diagnostic(
          .note, at: row.location, column: row.header("indicator"),
          message: "replaces the target from \(previous.source)"))
    } else {
      order.append(key)
    }
    targets[key] = Target(
      year: key.year, regionCode: regionCode, indicator: indicator, value: value,
      direction: TargetDirection(rawValue: direction) ?? .atLeast, source: row.location)
  }

  var all: [Target] { order.compactMap { targets[$0] } }
}
