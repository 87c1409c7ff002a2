import Document
import Foundation
import YAMLFiles

/// A report template (`templates/reports/<name>.yaml`): the bulletin's structure as data —
/// title, office, headline figures, sections with their narrative, tables and charts.
public struct ReportTemplate: Sendable, Decodable {
  /// One headline figure (KPI card).
  public struct Headline: Sendable, Decodable {
    public let indicator: String
    public let measure: String
    /// Card label; default: the indicator's short name.
    public let label: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case indicator, measure, label }
  }

  /// A table of the bulletin.
  public struct Table: Sendable, Decodable {
    /// What the rows are.
    public enum Rows: String, Sendable, Decodable {
      /// One row per listed indicator, for the report region.
      case indicators
      /// The report region, then each of its direct children.
      case regions
      /// The petition categories, top N by ytd and 其他.
      case categories
      /// One row per insurance scheme in the data (indicator ids use `{scheme}`).
      case schemes
    }

    public let id: String
    public let title: String
    public let rows: Rows
    /// Indicator ids (`rows: indicators`, `schemes`) or the one indicator of a regions table.
    public let indicators: [String]?
    public let indicator: String?
    /// Measures, as in `indicators.csv`.
    public let measures: [String]
    public let note: String?

    enum CodingKeys: String, CodingKey, CaseIterable {
      case id, title, rows, indicators, indicator, measures, note
    }
  }

  /// A chart of the bulletin.
  public struct Chart: Sendable, Decodable {
    /// What the chart shows.
    public enum Kind: String, Sendable, Decodable {
      /// 13-month trend of an indicator, this year vs last year.
      case trend
      /// Districts ranked by target completion with a 序时进度 reference line.
      case completion
      /// Bars for the ytd value by district, a line for its 同比 on a second axis.
      case districts
      /// Petition categories, top N and 其他, with percentages.
      case composition
      /// Insurance schemes: level and 同比.
      case schemes
    }

    public let id: String
    public let title: String
    public let kind: Kind
    public let indicator: String?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, kind, indicator }
  }

  /// A section: a heading, a narrative paragraph, tables and charts.
  public struct Section: Sendable, Decodable {
    public let id: String
    public let title: String
    /// Narrative template file, relative to the template's folder.
    public let narrative: String?
    /// Indicator-id prefix whose presence decides whether the section is shown.
    public let requires: String?
    public let charts: [Chart]?
    public let tables: [Table]?

    enum CodingKeys: String, CodingKey, CaseIterable { case id, title, narrative, requires, charts, tables }
  }

  public let title: String
  /// ASCII file-name stem for `--ascii-names`.
  public let asciiName: String
  public let office: String
  /// 第N期: a fixed number, or nil for the period's month number.
  public let issue: Int?
  public let source: String
  public let layout: WorkbookLayout
  public let headlines: [Headline]
  public let sections: [Section]

  enum CodingKeys: String, CodingKey, CaseIterable {
    case title, office, issue, source, layout, headlines, sections
    case asciiName = "ascii_name"
  }

  /// Where the template was read from, for error messages.
  public internal(set) var file: String = ""
  /// The template's folder (narrative files are relative to it).
  public internal(set) var folder: URL = URL(fileURLWithPath: ".")
  /// The raw YAML, to find the line of a name in error messages.
  var text: String = ""

  /// The keys a template may use at each level: any other key is an error (a misspelt `notes:`
  /// would otherwise drop the note silently).
  static let shape: YAMLShape = {
    func keys<Key: CodingKey & CaseIterable>(_: Key.Type, _ nested: [String: YAMLShape] = [:]) -> YAMLShape {
      .mapping(
        Dictionary(
          uniqueKeysWithValues: Key.allCases.map { ($0.stringValue, nested[$0.stringValue] ?? .any) }))
    }
    let section = keys(
      Section.CodingKeys.self,
      ["charts": .sequence(keys(Chart.CodingKeys.self)), "tables": .sequence(keys(Table.CodingKeys.self))])
    return keys(
      CodingKeys.self,
      ["headlines": .sequence(keys(Headline.CodingKeys.self)), "sections": .sequence(section)])
  }()

  /// Reads `templates/reports/<name>.yaml`: unknown keys, missing keys, values of the wrong kind
  /// and names that cannot name an output file are errors with the template's file and line.
  public static func load(named name: String, templates: URL) throws(TemplateError) -> ReportTemplate {
    let url = templates.appending(path: "reports").appending(path: "\(name).yaml")
    let file = "templates/reports/\(name).yaml"
    var template: ReportTemplate
    let yaml: YAMLFile
    do {
      yaml = try YAMLFile.read(url, file: file)
      template = try yaml.decode(ReportTemplate.self, shape: shape)
    } catch {
      switch error.kind {
      case .unreadable, .notUTF8:
        throw missing(name, file: file, templates: templates, reading: error)
      case .syntax, .aliasExpansion, .decoding:
        throw TemplateError(file: file, line: error.line, message: error.message)
      }
    }
    template.file = file
    template.folder = url.deletingLastPathComponent()
    template.text = yaml.text
    try template.checkFileNames(yaml)
    return template
  }

  /// Why the template file `name` cannot be read: the templates folder or its `reports/` folder
  /// does not exist, no such template (with the ones there are), or the reading error itself.
  private static func missing(
    _ name: String, file: String, templates: URL, reading error: YAMLFileError
  ) -> TemplateError {
    let reports = templates.appending(path: "reports")
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: templates.path, isDirectory: &isFolder), isFolder.boolValue
    else {
      return TemplateError(
        file: file, line: nil,
        message:
          "the templates folder \(templates.path) does not exist or is not a folder (give --templates DIR)")
    }
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: reports.path) else {
      return TemplateError(
        file: file, line: nil, message: "the templates folder has no reports/ folder (\(reports.path))")
    }
    let available = names.filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    guard !available.contains(name) else {
      return TemplateError(file: file, line: nil, message: error.message)
    }
    let list =
      available.isEmpty
      ? "\(reports.path) holds no template" : "available: \(available.joined(separator: ", "))"
    return TemplateError(file: file, line: nil, message: "no such template '\(name)' (\(list))")
  }

  /// The title and ASCII name become file-name stems, and each chart id a file name under
  /// `charts/`: each must be one path component (`FileNameComponent`).
  private func checkFileNames(_ yaml: YAMLFile) throws(TemplateError) {
    var names: [(value: String, key: String, path: [YAMLFile.PathStep])] = [
      (title, "title", [.key("title")]), (asciiName, "ascii_name", [.key("ascii_name")]),
    ]
    for (s, section) in sections.enumerated() {
      for (c, chart) in (section.charts ?? []).enumerated() {
        names.append((chart.id, "id", [.key("sections"), .index(s), .key("charts"), .index(c), .key("id")]))
      }
    }
    for name in names {
      if let problem = FileNameComponent.problem(with: name.value) {
        throw TemplateError(
          file: file, line: yaml.line(of: name.path),
          message:
            "\(name.key) \(FileNameComponent.quoted(name.value)) cannot name an output file: \(problem)")
      }
    }
  }

  /// A template error pointing at the first line of the template that mentions `name`.
  func error(mentioning name: String, _ message: String) -> TemplateError {
    let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains(name) }
    return TemplateError(file: file, line: line.map { $0 + 1 }, message: message)
  }
}

/// A broken template: the template's file, the line, and what is wrong (e.g. an unknown name).
public struct TemplateError: Error, CustomStringConvertible, Sendable {
  public let file: String
  public let line: Int?
  public let message: String

  public init(file: String, line: Int?, message: String) {
    self.file = file
    self.line = line
    self.message = message
  }

  public var description: String {
    "\(file)\(line.map { ":\($0)" } ?? ""): \(message)"
  }
}
