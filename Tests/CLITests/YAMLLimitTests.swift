import Foundation
import Testing

/// Every YAML file `report` reads refuses an alias bomb and deep nesting: exit 2, a message with
/// the file (and a line for nesting), quickly and in little memory.
@Suite struct YAMLLimitTests {
  /// Nine levels of nine-fold aliases (about 500 bytes, 9⁹ nodes once expanded).
  static let bomb: String = {
    var text = "bomb_a: &a [x, x, x, x, x, x, x, x, x]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      text +=
        "bomb_\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
        + "]\n"
    }
    return text
  }()

  static let deep =
    "deep: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n"

  @Test(arguments: [
    "headers.yaml", "indicators.yaml", "reports/monthly.yaml", "reports/petitions-digest.yaml",
  ])
  func aBombOrDeepNestingInAnyYAMLIsRefused(file: String) throws {
    for (payload, expected) in [(Self.bomb, "aliases expand"), (Self.deep, "nested more than 1000 levels")] {
      let base = FileManager.default.temporaryDirectory.appending(path: "minsheng-yaml-\(UUID().uuidString)")
      defer { try? FileManager.default.removeItem(at: base) }
      let templates = base.appending(path: "templates")
      try FileManager.default.copyItem(at: CommandRun.repository.appending(path: "templates"), to: templates)
      let url = templates.appending(path: file)
      try Data((payload + (try String(contentsOf: url, encoding: .utf8))).utf8).write(to: url)
      let template = file.hasPrefix("reports/") ? String(file.dropFirst(8).dropLast(5)) : "monthly"
      let out = base.appending(path: "out")
      let run = try CommandRun([
        "report", "--templates", templates.path, "--template", template, "--out", out.path, "--period",
        "2024-10",
      ])
      #expect(run.status == 2, "\(file): \(run.error)")
      #expect(run.error.contains((file as NSString).lastPathComponent), "\(file): \(run.error)")
      #expect(run.error.contains(expected), "\(file): \(run.error)")
      if payload == Self.deep { #expect(run.error.contains(":1"), "\(file): \(run.error)") }
      #expect(!FileManager.default.fileExists(atPath: out.path))
    }
  }
}
