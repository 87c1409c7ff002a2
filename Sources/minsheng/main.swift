import ArgumentParser
import Foundation

/// The `minsheng` command: checks a data folder and makes the monthly bulletin.
struct Minsheng: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "minsheng",
    abstract: "民生统计月报：从信访、就业、社会保险参保数据生成月度统计公报。",
    subcommands: [
      CheckCommand.self, ReportCommand.self, IndicatorsCommand.self, SampleCommand.self, BenchCommand.self,
    ]
  )
}

/// Usage errors exit with status 2 (ArgumentParser's default is 64), as the report contract says.
do {
  var command = try Minsheng.parseAsRoot()
  try command.run()
} catch {
  let code = Minsheng.exitCode(for: error)
  if code == .validationFailure {
    FileHandle.standardError.write(Data((Minsheng.fullMessage(for: error) + "\n").utf8))
    exit(2)
  }
  Minsheng.exit(withError: error)
}
