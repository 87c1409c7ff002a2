import ArgumentParser
import Engine
import Foundation
import Loading
import Pipeline
import Tables

/// `minsheng indicators`: the figures of a period in the terminal, or as CSV/JSON for other tools.
struct IndicatorsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "indicators",
    abstract: "Print the indicators of a period as an aligned table, CSV (= indicators.csv) or JSON."
  )

  @OptionGroup var data: DataOptions

  @Option(
    name: .long, help: "The period: 2024-10, 2024Q3, 2024H1 or 2024; default: the latest month in the data.")
  var period: String?

  @Option(name: .long, help: "Only this region (code or name); the report region is the root.")
  var region: String?

  @Option(name: .long, help: "table, csv or json.")
  var format: IndicatorOutputFormat = .table

  @Option(name: .long, help: "Only indicators whose id starts with this prefix (e.g. petitions.).")
  var only: String?

  @Option(name: .long, help: "Judge timeliness at this date (default: the last day of the period).")
  var asOf: String?

  func run() throws {
    let request = ReportRequest(
      dataFolder: URL(fileURLWithPath: data.data), templatesFolder: URL(fileURLWithPath: data.templates),
      period: try period.map(parsePeriod), asOf: try asOf.map(parseDate), releaseDate: ReportCommand.today(),
      skipInvalid: data.skipInvalid, allowMissing: data.allowMissing)
    let figures: ComputedFigures
    do {
      figures = try ReportPipeline().figures(request)
    } catch {
      if case .data(let load) = error {
        for diagnostic in load.diagnostics where diagnostic.severity != .note {
          StandardError.print(diagnostic.description)
        }
        StandardError.print("minsheng: the data has \(load.errorCount) errors; run minsheng check")
        throw ExitCode(1)
      }
      StandardError.print("minsheng: " + TerminalText.escaped("\(error)"))
      throw ExitCode(2)
    }
    let regionCode = try region.map { try resolve($0, in: figures.load.tables!.regions) }
    let report = figures.report
    let shown = only != nil || regionCode != nil ? report.filtered(only: only, region: regionCode) : report
    FileHandle.standardOutput.write(Data(try IndicatorText.render(shown, format: format).utf8))
  }

  private func resolve(_ text: String, in tree: RegionTree) throws -> String {
    guard let region = tree.region(named: text) else {
      throw ValidationError("--region '\(text)' is not a region of regions.csv")
    }
    return region.code
  }
}

extension IndicatorOutputFormat: ExpressibleByArgument {}
