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

  enum CodingKeys: String, CodingKey {
    case title, office, issue, source, layout, headlines, sections
    case asciiName = "ascii_name"
  }

  /// Where the template was read from, for error messages.
  public internal(set) var file: String = ""
  /// The template's folder (narrative files are relative to it).
  public internal(set) var folder: URL = URL(fileURLWithPath: ".")
  /// The raw YAML, to find the line of a name in error messages.
  var text: String = ""

  /// Reads `templates/reports/<name>.yaml`.
  public static func load(named name: String, templates: URL) throws(TemplateError) -> ReportTemplate {
    let url = templates.appending(path: "reports").appending(path: "\(name).yaml")
    let file = "templates/reports/\(name).yaml"
    var template: ReportTemplate
    let yaml: YAMLFile
    do {
      yaml = try YAMLFile.read(url, file: file)
      template = try yaml.decode(ReportTemplate.self)
    } catch {
      switch error.kind {
      case .unreadable, .notUTF8:
        let available =
          (try? FileManager.default.contentsOfDirectory(atPath: url.deletingLastPathComponent().path))?
          .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted() ?? []
        throw TemplateError(
          file: file, line: nil,
          message: "no such template '\(name)' (available: \(available.joined(separator: ", ")))")
      case .syntax, .aliasExpansion, .decoding:
        throw TemplateError(file: file, line: error.line, message: error.message)
      }
    }
    template.file = file
    template.folder = url.deletingLastPathComponent()
    template.text = yaml.text
    return template
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
