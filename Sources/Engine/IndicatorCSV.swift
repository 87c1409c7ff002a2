import Foundation

/// The tidy export `indicators.csv` (spec §5): UTF-8 with BOM, columns
/// `period,region_code,region_name,indicator,measure,value`, one row per figure, in report order.
///
/// `value` is the unrounded figure to 15 significant digits with trailing zeros dropped, empty
/// when absent, `true`/`false` for `met`. Text fields beginning with `=`, `+`, `-` or `@` get a
/// leading `'` so that spreadsheets do not run them as formulas; fields holding a comma, quote or
/// line break are quoted (RFC 4180). Lines end with LF.
public enum IndicatorCSV {
  /// The header row.
  public static let columns = ["period", "region_code", "region_name", "indicator", "measure", "value"]

  /// One row of the export as read back.
  public struct Row: Sendable, Hashable {
    public let period: String
    public let regionCode: String
    public let regionName: String
    public let indicator: String
    public let measure: String
    /// The value: a number, a flag, or (for an empty cell) `.absent(.notComputable)`, since the
    /// export does not record why a figure is absent.
    public let value: Figure
  }

  /// A malformed `indicators.csv`, with the 1-based line.
  public struct ReadError: Error, CustomStringConvertible, Sendable {
    public let line: Int
    public let message: String
    public var description: String { "indicators.csv:\(line): \(message)" }
  }

  /// The export's rows in file order (indicator, then region, then measure).
  public static func rows(_ report: IndicatorReport) -> [Row] {
    let period = report.period.description
    return report.results.flatMap { result in
      result.figures.map { figure in
        Row(
          period: period, regionCode: result.region.code, regionName: result.region.name,
          indicator: result.indicator.id, measure: figure.measure.rawValue, value: figure.figure)
      }
    }
  }

  /// The export as text (starting with the BOM).
  public static func text(_ report: IndicatorReport) -> String {
    String(decoding: data(report), as: UTF8.self)
  }

  /// The export as bytes.
  public static func data(_ report: IndicatorReport) -> Data {
    var output: [UInt8] = [0xEF, 0xBB, 0xBF]
    output.reserveCapacity(64 * report.results.count * 8)
    output += (columns.joined(separator: ",") + "\n").utf8
    // The five text columns repeat a few names thousands of times: escape each name once.
    var escaped: [String: [UInt8]] = [:]
    func append(_ field: String) {
      if let bytes = escaped[field] {
        output += bytes
      } else {
        let bytes = Array(textField(field).utf8)
        escaped[field] = bytes
        output += bytes
      }
      output.append(UInt8(ascii: ","))
    }
    let period = report.period.description
    for result in report.results {
      for figure in result.figures {
        append(period)
        append(result.region.code)
        append(result.region.name)
        append(result.indicator.id)
        append(figure.measure.rawValue)
        output += value(figure.figure).utf8
        output.append(UInt8(ascii: "\n"))
      }
    }
    return Data(output)
  }

  /// Writes the export to `url` atomically (a temporary file renamed into place).
  public static func write(_ report: IndicatorReport, to url: URL) throws {
    try data(report).write(to: url, options: .atomic)
  }

  /// The `value` cell of a figure.
  public static func value(_ figure: Figure) -> String {
    switch figure {
    case .absent: ""
    case .flag(let flag): flag ? "true" : "false"
    case .number(let number): IndicatorFormat.significant(number)
    }
  }

  /// Escapes a text field: formula guard, then RFC 4180 quoting.
  static func textField(_ text: String) -> String {
    var field = text
    if let first = field.first, "=+-@".contains(first) { field = "'" + field }
    if field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
      field = "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
    return field
  }

  /// Reads an export back (for round-trip tests and other tools): BOM, RFC 4180 quoting and the
  /// formula guard are undone; values become exact numbers, flags or absent.
  public static func read(_ data: Data) throws -> [Row] {
    guard var text = String(data: data, encoding: .utf8) else {
      throw ReadError(line: 1, message: "not UTF-8")
    }
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let records = try parseRecords(text)
    guard let header = records.first, header.fields == columns else {
      throw ReadError(line: 1, message: "the header must be \(columns.joined(separator: ","))")
    }
    return try records.dropFirst().map { record in
      guard record.fields.count == columns.count else {
        throw ReadError(
          line: record.line, message: "expected \(columns.count) fields, found \(record.fields.count)")
      }
      let f = record.fields.map(unguard)
      let raw = record.fields[5]
      let value: Figure
      switch raw {
      case "": value = .absent(.notComputable)
      case "true": value = .flag(true)
      case "false": value = .flag(false)
      default:
        guard let number = Rational(decimal: raw) else {
          throw ReadError(line: record.line, message: "value '\(raw)' is not a number")
        }
        value = .number(number)
      }
      return Row(
        period: f[0], regionCode: f[1], regionName: f[2], indicator: f[3], measure: f[4], value: value)
    }
  }

  private static func unguard(_ field: String) -> String {
    guard field.hasPrefix("'"), let second = field.dropFirst().first, "=+-@".contains(second) else {
      return field
    }
    return String(field.dropFirst())
  }

  private static func parseRecords(_ text: String) throws -> [(line: Int, fields: [String])] {
    var records: [(line: Int, fields: [String])] = []
    var fields: [String] = []
    var field = ""
    var inQuotes = false
    var line = 1
    var recordLine = 1
    var characters = text.makeIterator()
    var pending: Character? = nil
    func next() -> Character? {
      if let p = pending {
        pending = nil
        return p
      }
      return characters.next()
    }
    while let character = next() {
      if inQuotes {
        if character == "\"" {
          if let following = next() {
            if following == "\"" {
              field.append("\"")
            } else {
              inQuotes = false
              pending = following
            }
          } else {
            inQuotes = false
          }
        } else {
          if character == "\n" || character == "\r\n" { line += 1 }
          field.append(character)
        }
        continue
      }
      switch character {
      case "\"" where field.isEmpty:
        inQuotes = true
      case ",":
        fields.append(field)
        field = ""
      case "\n", "\r\n", "\r":
        fields.append(field)
        if !(fields.count == 1 && fields[0].isEmpty) { records.append((recordLine, fields)) }
        fields = []
        field = ""
        line += 1
        recordLine = line
      default:
        field.append(character)
      }
    }
    if inQuotes { throw ReadError(line: recordLine, message: "unclosed quote") }
    if !field.isEmpty || !fields.isEmpty {
      fields.append(field)
      records.append((recordLine, fields))
    }
    return records
  }
}
