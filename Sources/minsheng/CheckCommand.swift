import ArgumentParser
import Engine
import Foundation
import Loading
import Tables
import TextRules

/// `minsheng check`: is this data folder fit for the bulletin? Every problem, named precisely.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Validate a data folder and print every problem as FILE:LINE: column 'NAME': message."
  )

  @Option(name: .long, help: "The data folder (CSV exports, any sub-folders).")
  var data = "sample-data"

  @Option(name: .long, help: "The templates folder (holds headers.yaml).")
  var templates = "templates"

  @Option(
    name: .long,
    help: """
      The report period (2024-10, 2024Q3, 2024H1 or 2024, as report takes it) whose months must be \
      complete; default: the latest month in the data.
      """)
  var period: String?

  @Flag(name: .long, help: "Drop invalid rows (reported as warnings) instead of failing.")
  var skipInvalid = false

  @Flag(name: .long, help: "Treat missing region-months as absent (reported as warnings) instead of failing.")
  var allowMissing = false

  /// The same periods as `report` and `indicators` (`parsePeriod`), so that `check` judges
  /// exactly what `report` would read.
  func validate() throws {
    if let period { _ = try parsePeriod(period) }
  }

  func run() throws {
    let reportPeriod = try period.map(parsePeriod)
    let report = try DataCommand.load(
      data: data, templates: templates,
      options: LoadOptions(
        period: reportPeriod?.lastMonth, skipInvalid: skipInvalid, allowMissing: allowMissing))
    let figures = try FigureCheck.problems(
      report, period: reportPeriod, templates: URL(fileURLWithPath: templates))
    for diagnostic in report.diagnostics + figures {
      print(diagnostic.description)
    }
    if !report.diagnostics.isEmpty || !figures.isEmpty { print("") }
    print(CheckSummary.table(report))
    print(CheckSummary.verdict(report, moreErrors: figures.filter { $0.severity == .error }.count))
    if report.hasErrors || !figures.isEmpty { throw ExitCode(1) }
  }
}

/// What `report` would refuse in valid tables once the catalogue is applied, found by `check`
/// first: targets naming indicators the catalogue does not know (each at its row), and more
/// figures than the workbook's 数据 sheet holds (thousands of distinct 问题类别).
enum FigureCheck {
  /// Rows of the workbook's 数据 sheet below its four rows of title and header: one per row of
  /// `indicators.csv`.
  static let dataSheetRows = 1_048_576 - 4

  /// The problems, as data errors; a catalogue that cannot be read is a template error (exit 2),
  /// as in `report`.
  static func problems(_ load: LoadReport, period: ReportPeriod?, templates: URL) throws -> [Diagnostic] {
    guard let tables = load.tables, let month = load.period else { return [] }
    let catalogue: IndicatorCatalogue
    do {
      catalogue = try IndicatorCatalogue.load(from: templates.appending(path: "indicators.yaml"))
    } catch {
      StandardError.print("minsheng: \(TerminalText.escaped("\(error)"))")
      throw ExitCode(2)
    }
    let unknown = try Engine.unknownTargets(catalogue: catalogue, tables: tables)
    if !unknown.isEmpty {
      return unknown.map {
        Diagnostic(.error, at: $0.source, column: "指标", message: Engine.unknownTargetMessage($0))
      }
    }
    let report: IndicatorReport
    do {
      report = try Engine(catalogue: catalogue, tables: tables).compute(
        period: period ?? ReportPeriod(month: month))
    } catch {
      return [Diagnostic(.error, file: "indicators.yaml", message: "\(error)")]
    }
    let rows = IndicatorCSV.rows(report).count
    guard rows > dataSheetRows else { return [] }
    let categories = tables.petitions?.categories.count ?? 0
    return [
      Diagnostic(
        .error, file: "信访事项 (petitions)", column: "问题类别",
        message: "\(categories) distinct categories make \(rows) figures, more than the "
          + "\(dataSheetRows) rows the workbook's 数据 sheet holds: merge rare categories")
    ]
  }
}

/// Shared set-up of the commands that read a data folder.
enum DataCommand {
  /// Loads the header dictionary and the data folder; configuration problems exit with status 2.
  static func load(data: String, templates: String, options: LoadOptions) throws -> LoadReport {
    do {
      let dictionary = try HeaderDictionary.load(
        from: URL(fileURLWithPath: templates).appending(path: "headers.yaml"))
      return try DataLoader(dictionary: dictionary).load(folder: URL(fileURLWithPath: data), options: options)
    } catch let error as LoadingError {
      StandardError.print("minsheng: \(TerminalText.escaped("\(error)"))")
      throw ExitCode(2)
    }
  }
}

/// The per-file summary printed by `check`.
enum CheckSummary {
  static func table(_ report: LoadReport) -> String {
    var rows = [["文件 file", "数据集 dataset", "编码 encoding", "读取行 rows", "拒绝行 rejected"]]
    for file in report.files {
      rows.append([
        TerminalText.escaped(file.path), file.datasetTitle.map { "\($0) (\(file.dataset!))" } ?? "—",
        (file.encoding?.rawValue ?? "—") + (file.isTabSeparated ? ", tab" : ""),
        String(file.rowsRead), String(file.rowsRejected),
      ])
    }
    return TerminalTable(rows: rows, rightAligned: [3, 4]).render()
  }

  /// The last line; `moreErrors` are errors found after the load (`FigureCheck`).
  static func verdict(_ report: LoadReport, moreErrors: Int = 0) -> String {
    var parts: [String] = []
    if let period = report.period {
      parts.append("period \(period)\(report.periodWasInferred ? " (latest month in the data)" : "")")
    }
    if report.replacedPetitions > 0 {
      parts.append("\(report.replacedPetitions) petition items replaced by later exports")
    }
    let errors = report.errorCount + moreErrors
    let warnings = report.warningCount
    let status =
      errors == 0
      ? "OK: the data is fit for the bulletin" : "NOT READY: \(errors) error\(errors == 1 ? "" : "s")"
    return ([status] + parts + ["\(warnings) warning\(warnings == 1 ? "" : "s")"]).joined(separator: "; ")
  }
}

/// A plain-text table aligned by display width (a CJK character takes two columns).
struct TerminalTable {
  let rows: [[String]]
  var rightAligned: Set<Int> = []

  func render() -> String {
    let columns = rows.map(\.count).max() ?? 0
    var widths = [Int](repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], Self.displayWidth(cell)) }
    }
    return rows.enumerated().map { rowIndex, row in
      let line = row.enumerated().map { index, cell in
        let pad = String(repeating: " ", count: widths[index] - Self.displayWidth(cell))
        return rightAligned.contains(index) && rowIndex > 0 ? pad + cell : cell + pad
      }.joined(separator: "  ")
      return line.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
    }.joined(separator: "\n")
  }

  /// Terminal columns of `text` (a CJK character takes two).
  static func displayWidth(_ text: String) -> Int { DisplayWidth.of(text) }
}
