import ArgumentParser
import Engine
import Foundation
import Loading
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
    let period = try self.period.map(parsePeriod)
    let load = try DataCommand.load(
      data: data.data, templates: data.templates,
      options: LoadOptions(
        period: period?.lastMonth, skipInvalid: data.skipInvalid, allowMissing: data.allowMissing))
    guard let tables = load.tables else {
      for diagnostic in load.diagnostics where diagnostic.severity != .note {
        StandardError.print(diagnostic.description)
      }
      StandardError.print("minsheng: the data has \(load.errorCount) errors; run minsheng check")
      throw ExitCode(1)
    }
    guard let reportPeriod = period ?? load.period.map({ ReportPeriod(month: $0) }) else {
      throw ValidationError("the data holds no month; give --period")
    }
    do {
      let catalogue = try IndicatorCatalogue.load(
        from: URL(fileURLWithPath: data.templates).appending(path: "indicators.yaml"))
      let report = try Engine(catalogue: catalogue, tables: tables).compute(
        period: reportPeriod, asOf: try asOf.map(parseDate))
      let regionCode = try region.map { try resolve($0, in: tables.regions) }
      let shown = only != nil || regionCode != nil ? report.filtered(only: only, region: regionCode) : report
      FileHandle.standardOutput.write(Data(IndicatorText.render(shown, format: format).utf8))
    } catch let error as ValidationError {
      throw error
    } catch {
      StandardError.print("minsheng: \(error)")
      throw ExitCode(2)
    }
  }

  private func resolve(_ text: String, in tree: RegionTree) throws -> String {
    guard let region = tree.region(named: text) else {
      throw ValidationError("--region '\(text)' is not a region of regions.csv")
    }
    return region.code
  }
}

extension IndicatorOutputFormat: ExpressibleByArgument {}
