import Foundation
import TextRules
import YAMLFiles

/// The data contract's vocabulary, read from `templates/headers.yaml`: which headers name which
/// field of which dataset, and which spellings mean which coded value.
public struct HeaderDictionary: Sendable {
  /// One field of a dataset.
  public struct Field: Sendable, Decodable {
    /// Accepted headers; the first is the canonical one.
    public let headers: [String]
    public let required: Bool
    /// `flow` or `stock` for measure columns of region-month datasets.
    public let measure: String?
    /// Money columns may be negative (refunds).
    public let money: Bool

    enum CodingKeys: String, CodingKey { case headers, required, measure, money }

    public init(from decoder: any Decoder) throws {
      let container = try decoder.container(keyedBy: CodingKeys.self)
      headers = try container.decode([String].self, forKey: .headers)
      required = try container.decodeIfPresent(Bool.self, forKey: .required) ?? false
      measure = try container.decodeIfPresent(String.self, forKey: .measure)
      money = try container.decodeIfPresent(Bool.self, forKey: .money) ?? false
    }
  }

  /// The fields of one dataset.
  public struct Dataset: Sendable, Decodable {
    public let title: String
    public let fields: [String: Field]
  }

  private struct File: Decodable {
    let datasets: [String: Dataset]
    let cumulative_suffixes: [String]
    let enums: [String: [String: [String]]]
    let subtotal_names: [String]
  }

  /// The dataset ids the loader knows how to read.
  public static let datasetIDs = ["regions", "petitions", "employment", "insurance", "targets"]

  public let datasets: [String: Dataset]
  /// Normalised suffixes that mark a cumulative (1–M month) column.
  public let cumulativeSuffixes: [String]
  /// enum name → normalised spelling → canonical id.
  private let synonyms: [String: [String: String]]
  /// enum name → canonical id → display spelling.
  private let displayNames: [String: [String: String]]
  /// Normalised names that mark a reported total row.
  public let subtotalNames: Set<String>
  /// dataset id → normalised header → field, for recognising header rows.
  let fieldsByHeader: [String: [String: String]]

  /// Reads and checks the dictionary; a malformed file is an error naming it.
  public static func load(from url: URL) throws -> HeaderDictionary {
    let file: File
    do {
      file = try YAMLFile.read(url, file: url.path).decode(File.self)
    } catch {
      throw LoadingError.configuration(error.description)
    }
    for id in datasetIDs where file.datasets[id] == nil {
      throw LoadingError.configuration("\(url.path): dataset '\(id)' is not described")
    }
    var synonyms: [String: [String: String]] = [:]
    var displayNames: [String: [String: String]] = [:]
    for (name, values) in file.enums {
      for (id, spellings) in values {
        displayNames[name, default: [:]][id] = spellings.first ?? id
        for spelling in spellings + [id] {
          let key = TextNormalization.key(spelling)
          if let other = synonyms[name]?[key], other != id {
            throw LoadingError.configuration(
              "\(url.path): enums.\(name): '\(spelling)' means both '\(other)' and '\(id)'")
          }
          synonyms[name, default: [:]][key] = id
        }
      }
    }
    var fieldsByHeader: [String: [String: String]] = [:]
    for (id, dataset) in file.datasets {
      for (field, spec) in dataset.fields.sorted(by: { $0.key < $1.key }) {
        for header in spec.headers {
          let key = TextNormalization.key(header)
          if let other = fieldsByHeader[id]?[key], other != field {
            throw LoadingError.configuration(
              "\(url.path): datasets.\(id): header '\(header)' names both '\(other)' and '\(field)'")
          }
          fieldsByHeader[id, default: [:]][key] = field
        }
      }
    }
    return HeaderDictionary(
      datasets: file.datasets,
      cumulativeSuffixes: file.cumulative_suffixes.map(TextNormalization.key),
      synonyms: synonyms, displayNames: displayNames,
      subtotalNames: Set(file.subtotal_names.map(TextNormalization.key)), fieldsByHeader: fieldsByHeader)
  }

  /// The canonical id for a cell value of enumeration `name`, or nil if unknown.
  public func canonical(_ name: String, _ value: String) -> String? {
    synonyms[name]?[TextNormalization.key(value)]
  }

  /// The display spellings of an enumeration, for error messages.
  public func acceptedValues(_ name: String) -> [String] {
    (displayNames[name] ?? [:]).values.sorted()
  }
}

/// A problem that prevents loading from starting at all (not a data problem).
public enum LoadingError: Error, CustomStringConvertible {
  case configuration(String)
  case dataFolder(String)

  public var description: String {
    switch self {
    case .configuration(let message): "configuration error: \(message)"
    case .dataFolder(let message): "data folder error: \(message)"
    }
  }
}
