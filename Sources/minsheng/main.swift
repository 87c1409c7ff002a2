import ArgumentParser

/// The `minsheng` command: checks a data folder and makes the monthly bulletin.
struct Minsheng: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "minsheng",
    abstract: "民生统计月报：从信访、就业、社会保险参保数据生成月度统计公报。",
    subcommands: [CheckCommand.self, SampleCommand.self]
  )
}

Minsheng.main()
