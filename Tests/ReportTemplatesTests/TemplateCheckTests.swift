import Foundation
import Testing

@testable import ReportTemplates

/// Template problems that used to pass silently or without a line: unknown keys at any level,
/// names that would escape the output folder, a missing templates folder, deep nesting.
@Suite struct TemplateCheckTests {
  /// A templates folder holding the shipped templates, with `reports/<name>.yaml` rewritten by
  /// `edit`.
  private func templates(editing name: String, _ edit: (String) -> String) throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(path: "minsheng-tpl-\(UUID().uuidString)")
    try FileManager.default.copyItem(at: SampleReport.templates, to: folder)
    let file = folder.appending(path: "reports/\(name).yaml")
    try Data(edit(try String(contentsOf: file, encoding: .utf8)).utf8).write(to: file)
    return folder
  }

  /// The error of loading `name` after `edit`, and the 1-based line holding `marker` in the
  /// edited text (nil when no marker is given).
  private func error(
    _ name: String = "monthly", marker: String? = nil, _ edit: @escaping (String) -> String
  ) throws -> (TemplateError, Int?) {
    let folder = try templates(editing: name, edit)
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = try String(contentsOf: folder.appending(path: "reports/\(name).yaml"), encoding: .utf8)
    let line = marker.flatMap { marker in
      text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(marker) }
        .map { $0 + 1 }
    }
    do {
      _ = try ReportTemplate.load(named: name, templates: folder)
    } catch {
      return (error, line)
    }
    Issue.record("the template loaded")
    return (TemplateError(file: "", line: nil, message: ""), line)
  }

  @Test func theShippedTemplatesPassTheKeyCheck() throws {
    for name in ["monthly", "petitions-digest"] {
      _ = try ReportTemplate.load(named: name, templates: SampleReport.templates)
    }
  }

  /// Misspelt keys at every level of both templates: the file, the line of the key, the key and
  /// the nearest known key.
  @Test(arguments: [
    ("monthly", "office:", "offcie:", "offcie", "office"),
    ("monthly", "ascii_name:", "asci_name:", "asci_name", "ascii_name"),
    (
      "monthly", "  - {indicator: petitions.total, measure: ytd",
      "  - {indicatr: petitions.total, measure: ytd",
      "indicatr", "indicator"
    ),
    (
      "monthly", "    narrative: monthly/petitions", "    narative: monthly/petitions", "narative",
      "narrative"
    ),
    ("monthly", "kind: trend", "knid: trend", "knid", "kind"),
    (
      "petitions-digest", "        measures: [month, ytd, ytd_prev", "        measure: [month, ytd, ytd_prev",
      "measure", "measures"
    ),
    ("petitions-digest", "    requires: petitions.", "    require: petitions.", "require", "requires"),
  ])
  func aMisspeltKeyIsAnErrorWithItsLineAndTheNearestKey(
    name: String, original: String, misspelt: String, key: String, nearest: String
  ) throws {
    let (error, line) = try self.error(name, marker: misspelt) { text in
      guard let range = text.range(of: original) else { return text }
      return text.replacingCharacters(in: range, with: misspelt)
    }
    #expect(line != nil)
    #expect(error.file == "templates/reports/\(name).yaml")
    #expect(error.line == line)
    #expect(error.message.hasPrefix("unknown key '\(key)'"))
    #expect(error.message.hasSuffix("(did you mean '\(nearest)'?)"))
  }

  /// `notes:` beside a table used to drop the note silently.
  @Test func anAddedMisspeltNoteIsAnError() throws {
    let (error, line) = try self.error(marker: "notes: 注") { text in
      text.replacingOccurrences(
        of: "        rows: regions\n", with: "        rows: regions\n        notes: 注\n")
    }
    #expect(error.line == line)
    #expect(error.message.contains("unknown key 'notes'") && error.message.contains("(did you mean 'note'?)"))
  }

  @Test func aMissingRequiredKeyHasALine() throws {
    for key in ["office", "source", "title"] {
      let (error, _) = try self.error { text in
        text.split(separator: "\n", omittingEmptySubsequences: false).filter { !$0.hasPrefix("\(key):") }
          .joined(separator: "\n")
      }
      #expect(error.line != nil)
      #expect(error.message == "missing key '\(key)'")
    }
  }

  /// Titles, ASCII names and chart ids become file names: each must be one path component.
  @Test(arguments: [
    ("title: 民生统计月报", "title: ../escaped/民生", "title", "contains '/'"),
    ("title: 民生统计月报", "title: 信访/就业/社保月报", "title", "contains '/'"),
    ("title: 民生统计月报", #"title: 'a\b'"#, "title", #"contains '\'"#),
    ("title: 民生统计月报", "title: ..", "title", "names a folder"),
    ("title: 民生统计月报", "title: '.'", "title", "names a folder"),
    ("title: 民生统计月报", #"title: "月报\u001B[2J""#, "title", #"control character \u{1B}"#),
    ("title: 民生统计月报", #"title: "月报\u0000""#, "title", #"control character \u{0}"#),
    ("title: 民生统计月报", #"title: "a\tb""#, "title", #"control character \u{9}"#),
    ("title: 民生统计月报", "title: " + String(repeating: "民", count: 67), "title", "201 bytes"),
    ("ascii_name: minsheng-monthly", "ascii_name: ../../x", "ascii_name", "contains '/'"),
    (
      "ascii_name: minsheng-monthly", "ascii_name: " + String(repeating: "m", count: 300), "ascii_name",
      "300 bytes"
    ),
    ("id: petitions_trend", "id: ../../trend", "id", "contains '/'"),
    ("id: petition_categories", "id: ..", "id", "names a folder"),
  ])
  func aNameThatCannotNameAFileIsATemplateError(
    original: String, replaced: String, key: String, problem: String
  )
    throws
  {
    let marker =
      String(replaced.prefix(while: { $0 != ":" })) + ":" + replaced.dropFirst(key.count + 1).prefix(3)
    let (error, line) = try self.error(marker: marker) { text in
      guard let range = text.range(of: original) else { return text }
      return text.replacingCharacters(in: range, with: replaced)
    }
    #expect(error.file == "templates/reports/monthly.yaml")
    #expect(error.line != nil && error.line == line)
    #expect(error.message.hasPrefix("\(key) '"))
    #expect(error.message.contains("cannot name an output file") && error.message.contains(problem))
    // The message itself carries no raw control character.
    #expect(!error.description.unicodeScalars.contains { $0.properties.generalCategory == .control })
  }

  /// `..` inside a name, long names within the limit and CJK names are allowed.
  @Test func namesWithinTheRuleAreAllowed() {
    for name in ["2024-10-11..2024-10-17", "民生统计月报", "a..b", String(repeating: "民", count: 66), "x y"] {
      #expect(FileNameComponent.problem(with: name) == nil)
    }
    for name in ["", ".", "..", "a/b", "a\\b", "a\u{0}b", "a\u{7F}b", "a\u{85}b", "a\nb"] {
      #expect(FileNameComponent.problem(with: name) != nil)
    }
  }

  @Test func aMissingTemplatesFolderIsNamed() {
    let folder = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/templates")
    #expect {
      _ = try ReportTemplate.load(named: "monthly", templates: folder)
    } throws: { error in
      "\(error)".contains("\(folder.path) does not exist")
    }
    let empty = FileManager.default.temporaryDirectory.appending(path: "minsheng-empty-\(UUID().uuidString)")
    try? FileManager.default.createDirectory(
      at: empty.appending(path: "reports"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect {
      _ = try ReportTemplate.load(named: "weekly", templates: empty)
    } throws: { error in
      "\(error)".contains("no such template 'weekly'") && "\(error)".contains("holds no template")
        && !"\(error)".contains("available: )")
    }
  }

  /// 10,000 nested brackets (flow) or 2,000 nested block sequences: a syntax error with a line,
  /// not a crash; nesting just within the limit still reads.
  @Test func deepNestingIsAnErrorWithALine() throws {
    for nesting in [
      "x: " + String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
      "x: " + String(repeating: "{a: ", count: 5_000) + "1" + String(repeating: "}", count: 5_000) + "\n",
      "x:\n" + (0..<2_000).map { String(repeating: " ", count: $0 + 1) + "- \n" }.joined(),
    ] {
      let (error, _) = try self.error { nesting + $0 }
      #expect(error.line != nil)
      #expect(error.message.contains("nested more than 1000 levels"))
    }
    let (error, _) = try self.error {
      "x: " + String(repeating: "[", count: 900) + String(repeating: "]", count: 900) + "\n" + $0
    }
    #expect(error.message.hasPrefix("unknown key 'x'"))
  }
}
