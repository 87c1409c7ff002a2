import ArgumentParser
import Foundation
import SampleData

/// `minsheng sample`: writes the deterministic sample dataset of the fictional city 江川市.
struct SampleCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sample",
    abstract: "生成示例数据（虚构的江川市）：同样的参数总是生成相同的文件。"
  )

  @Option(name: .long, help: "Output folder (created if needed).")
  var out: String

  @Option(name: .long, help: "Random seed.")
  var seed: UInt64 = SampleOptions.defaultSeed

  @Option(name: .long, help: "Export year Y: data covers Y-2 and Y-1 in full and months 1…M of Y.")
  var year: Int = SampleOptions.defaultYear

  @Option(name: .long, help: "Export month M (1–12); the export date is its last day.")
  var month: Int = SampleOptions.defaultMonth

  @Option(name: .long, help: "Petition items per full year.")
  var petitions: Int = SampleOptions.defaultPetitionsPerYear

  private var options: SampleOptions {
    SampleOptions(seed: seed, year: year, month: month, petitionsPerYear: petitions)
  }

  func validate() throws {
    if let problem = options.problem { throw ValidationError(problem) }
  }

  func run() throws {
    let directory = URL(fileURLWithPath: out, isDirectory: true)
    let files = try SampleGenerator(options: options).write(to: directory)
    for file in files {
      let size = String(file.byteCount)
      print(String(repeating: " ", count: max(0, 10 - size.count)) + "\(size) bytes  \(file.path)")
    }
    let total = files.reduce(0) { $0 + $1.byteCount }
    print("\(files.count) files, \(total) bytes → \(directory.path)")
  }
}
