import ArgumentParser
import Engine
import Foundation
import Loading
import Pipeline
import Tables

/// `minsheng report`: the month's bulletin from a data folder, in one command.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Make the bulletin: PDF, XLSX, charts (PNG, SVG) and indicators.csv.",
    discussion: "Exit status: 0 written, 1 data or I/O errors (nothing written), 2 usage or template errors."
  )

  @OptionGroup var data: DataOptions

  @Option(name: .long, help: "The report template under templates/reports.")
  var template = "monthly"

  @Option(
    name: .long, help: "The period: 2024-10, 2024Q3, 2024H1 or 2024; default: the latest month in the data.")
  var period: String?

  @Option(name: .long, help: "The report region (code or name); default: the root of regions.csv.")
  var region: String?

  @Option(
    name: .long,
    help:
      """
      The output folder; default: output/<period>/, then the region's name unless it is the root, \
      then the template's ASCII name unless it is monthly.
      """
  )
  var out: String?

  @Option(name: .long, help: "Judge timeliness at this date (default: the last day of the period).")
  var asOf: String?

  @Option(name: .long, help: "The release date printed in the bulletin (default: today).")
  var releaseDate: String?

  @Flag(name: .long, help: "Name files with the template's ASCII name instead of its Chinese title.")
  var asciiNames = false

  func run() throws {
    let request = ReportRequest(
      dataFolder: URL(fileURLWithPath: data.data), templatesFolder: URL(fileURLWithPath: data.templates),
      templateName: template, period: try period.map(parsePeriod), region: region,
      outFolder: out.map { URL(fileURLWithPath: $0) }, asOf: try asOf.map(parseDate),
      releaseDate: try releaseDate.map(parseDate) ?? Self.today(), skipInvalid: data.skipInvalid,
      allowMissing: data.allowMissing, asciiNames: asciiNames)
    let progress = Progress()
    InterruptCleanup.install()
    do {
      let outcome = try ReportPipeline().run(request) { progress.phase($0) }
      progress.finish()
      for diagnostic in outcome.load.diagnostics where diagnostic.severity == .warning {
        StandardError.print(diagnostic.description)
      }
      print("\(outcome.period) → \(outcome.outFolder.path)")
      for url in outcome.written {
        print("  " + url.path.replacingOccurrences(of: outcome.outFolder.path + "/", with: ""))
      }
    } catch {
      InterruptCleanup.waitIfInterrupted()
      progress.finish()
      switch error {
      case .data(let load):
        for diagnostic in load.diagnostics where diagnostic.severity != .note {
          StandardError.print(diagnostic.description)
        }
        StandardError.print("minsheng: " + TerminalText.escaped("\(error)"))
        throw ExitCode(1)
      case .figures(let problems):
        for diagnostic in problems { StandardError.print(diagnostic.description) }
        StandardError.print("minsheng: " + TerminalText.escaped("\(error)"))
        throw ExitCode(1)
      case .usage:
        StandardError.print("minsheng: " + TerminalText.escaped("\(error)"))
        throw ExitCode(2)
      case .output:
        // An I/O failure: exit status 1 (data-contract §3).
        StandardError.print("minsheng: " + TerminalText.escaped("\(error)"))
        throw ExitCode(1)
      }
    }
  }

  static func today() -> Day {
    let seconds = Int(Date().timeIntervalSince1970) + 8 * 3600  // China Standard Time
    return Day(number: seconds / 86_400)
  }
}

/// The options shared by every command that reads a data folder.
struct DataOptions: ParsableArguments {
  @Option(name: .long, help: "The data folder (CSV exports, any sub-folders).")
  var data = "sample-data"

  @Option(name: .long, help: "The templates folder (headers.yaml, indicators.yaml, reports/).")
  var templates = "templates"

  @Flag(name: .long, help: "Drop invalid rows (reported as warnings) instead of failing.")
  var skipInvalid = false

  @Flag(
    name: .long, help: "Treat missing region-months as absent (reported and footnoted) instead of failing.")
  var allowMissing = false
}

func parsePeriod(_ text: String) throws -> ReportPeriod {
  do {
    return try ReportPeriod.parse(text)
  } catch {
    throw ValidationError("--period: \(error)")
  }
}

func parseDate(_ text: String) throws -> Day {
  do {
    return try ReportPeriod.parseDate(text)
  } catch {
    throw ValidationError("\(error)")
  }
}

/// Phase lines on standard error: a bar that rewrites itself on a terminal, plain lines otherwise.
final class Progress {
  private let isTerminal = isatty(2) != 0
  private var count = 0

  func phase(_ text: String) {
    count += 1
    if isTerminal {
      let bar =
        String(repeating: "█", count: count * 4) + String(repeating: "░", count: max(0, 16 - count * 4))
      StandardError.write("\r\u{1B}[K\(bar) \(text)")
    } else {
      StandardError.print(text)
    }
  }

  func finish() {
    if isTerminal { StandardError.write("\r\u{1B}[K") }
  }
}

/// Writes to standard error.
enum StandardError {
  static func print(_ text: String) { write(text + "\n") }
  static func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
