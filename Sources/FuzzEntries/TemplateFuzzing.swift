import Engine
import Foundation
import Loading
import ReportTemplates
import Tables

/// The template and catalogue loaders' fuzz entry (YAML + Stencil). The first byte of an input
/// chooses the file its other bytes stand for, and each file goes as far as the product takes it:
/// - 0: a report template (`templates/reports/NAME.yaml`, beside a copy of the real narrative
///   files), loaded and built into a bulletin document on the sample's figures;
/// - 1: `indicators.yaml`, parsed and computed on the sample's tables for 2024-10;
/// - 2: `headers.yaml`, loaded and used to read a small data folder;
/// - 3: a narrative template (Stencil), rendered on the sample's figures.
public enum TemplateFuzzing {
  /// A copy of the repository's templates whose files an input replaces.
  static let templates: URL = {
    let folder = FuzzFixtures.scratchFolder("templates")
    let copy = folder.appending(path: "templates")
    do {
      try FileManager.default.copyItem(at: FuzzFixtures.templates, to: copy)
    } catch {
      fatalError("cannot copy the templates to \(copy.path): \(error)")
    }
    return copy
  }()

  /// The sample's tables, read once.
  static let tables: DataTables = {
    do {
      let load = try DataLoader(dictionary: FuzzFixtures.dictionary).load(folder: FuzzFixtures.sampleData)
      guard let tables = load.tables else { fatalError("the sample data has errors: \(load.diagnostics)") }
      return tables
    } catch {
      fatalError("cannot read the sample data: \(error)")
    }
  }()

  static let period: ReportPeriod = {
    guard let period = ReportPeriod(kind: .month, year: 2024, index: 10) else { fatalError("2024-10") }
    return period
  }()

  /// The sample's figures for 2024-10 with the real catalogue, computed once.
  static let report: IndicatorReport = {
    do {
      let catalogue = try IndicatorCatalogue.load(
        from: FuzzFixtures.templates.appending(path: "indicators.yaml"))
      return try Engine(catalogue: catalogue, tables: tables).compute(period: period)
    } catch {
      fatalError("cannot compute the sample report: \(error)")
    }
  }()

  /// The narrative context of the sample's figures, built once (the fuzzer calls `run` on one
  /// thread only, and `render` does not change it).
  nonisolated(unsafe) static let narrativeContext = Narrative(report: report, office: "江川市统计局")

  /// Makes the fixtures once, before the first input (and outside the leak checks).
  public static func prepare() {
    _ = (templates, report, narrativeContext, FuzzFixtures.smallDataFolder, FuzzFixtures.dictionary)
  }

  /// Reads one input; returns true when the product accepted it, false for an error (the
  /// expected outcome of most inputs; a trap is a finding).
  @discardableResult
  public static func run(_ input: Data) -> Bool {
    guard let mode = input.first else { return false }
    let bytes = Data(input.dropFirst())
    switch mode % 4 {
    case 0: return reportTemplate(bytes)
    case 1: return catalogue(bytes)
    case 2: return headers(bytes)
    default: return narrative(bytes)
    }
  }

  static func reportTemplate(_ bytes: Data) -> Bool {
    FuzzFixtures.write(bytes, to: templates.appending(path: "reports/fuzz.yaml"))
    guard let releaseDate = Day(year: 2024, month: 11, day: 8),
      let template = try? ReportTemplate.load(named: "fuzz", templates: templates)
    else { return false }
    return (try? ContentBuilder(template: template, report: report, releaseDate: releaseDate).build()) != nil
  }

  static func catalogue(_ bytes: Data) -> Bool {
    guard let text = String(data: bytes, encoding: .utf8),
      let catalogue = try? IndicatorCatalogue.parse(text)
    else { return false }
    guard let report = try? Engine(catalogue: catalogue, tables: tables).compute(period: period) else {
      return false
    }
    _ = IndicatorCSV.data(report)
    return true
  }

  static func headers(_ bytes: Data) -> Bool {
    let url = templates.appending(path: "headers.yaml")
    FuzzFixtures.write(bytes, to: url)
    guard let dictionary = try? HeaderDictionary.load(from: url),
      let load = try? DataLoader(dictionary: dictionary).load(folder: FuzzFixtures.smallDataFolder)
    else { return false }
    return !load.hasErrors
  }

  static func narrative(_ bytes: Data) -> Bool {
    let text = String(decoding: bytes, as: UTF8.self)
    return (try? narrativeContext.render(text: text, displayName: "fuzz.stencil")) != nil
  }
}
