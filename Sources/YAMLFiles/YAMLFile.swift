import Foundation
import Yams

/// A YAML file that cannot be used: the file as shown to the user, the line and column when
/// known, and what is wrong.
public struct YAMLFileError: Error, CustomStringConvertible, Sendable, Equatable {
  /// The file's display path (`templates/reports/monthly.yaml`, a full path, or a bare name).
  public let file: String
  /// 1-based line, when known.
  public let line: Int?
  /// 1-based column (in Unicode scalars), when known.
  public let column: Int?
  public let message: String
  public let kind: Kind

  /// What kind of failure it is, for callers that word their messages differently.
  public enum Kind: Sendable, Equatable {
    /// The file could not be read (missing, no permission, …).
    case unreadable
    /// The file's bytes are not UTF-8.
    case notUTF8
    /// Not YAML (a scanner, parser or composer error).
    case syntax
    /// Aliases expand the document beyond `YAMLFile.maximumExpandedNodes`.
    case aliasExpansion
    /// YAML, but not the shape the value needs.
    case decoding
  }

  public init(file: String, line: Int? = nil, column: Int? = nil, message: String, kind: Kind) {
    self.file = file
    self.line = line
    self.column = column
    self.message = message
    self.kind = kind
  }

  /// `file:line:column: message`, leaving out what is not known.
  public var description: String {
    var place = file
    if let line {
      place += ":\(line)"
      if let column { place += ":\(column)" }
    }
    return "\(place): \(message)"
  }
}

/// The one way this project reads YAML (the header dictionary, the indicator catalogue, the
/// report templates): the text of a file, composed into a Yams `Node` or decoded into a value,
/// with every failure a `YAMLFileError` that names the file and, when it can, the line.
///
/// A document is refused when its aliases expand to more than `maximumExpandedNodes` nodes:
/// Yams shares an aliased node when composing, but anything that walks the tree (a decoder, a
/// conversion) walks every copy, so nine levels of nine-fold aliases in 480 bytes would cost
/// gigabytes.
public struct YAMLFile: Sendable {
  /// Far above any real template (the catalogue has a few thousand nodes).
  public static let maximumExpandedNodes = 200_000
  /// The deepest nesting libyaml (as built into Yams) reads; deeper documents are syntax errors.
  public static let maximumNesting = 1000

  /// The display path used in errors.
  public let file: String
  public let text: String

  public init(text: String, file: String) {
    self.text = text
    self.file = file
  }

  /// Reads `url` as UTF-8 text; `file` is how errors name it.
  public static func read(_ url: URL, file: String) throws(YAMLFileError) -> YAMLFile {
    let data: Data
    do {
      data = try Data(contentsOf: url)
    } catch {
      throw YAMLFileError(
        file: file, message: "cannot read: \(error.localizedDescription)", kind: .unreadable)
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw YAMLFileError(file: file, message: "not valid UTF-8", kind: .notUTF8)
    }
    return YAMLFile(text: text, file: file)
  }

  /// The document's root node (nil for an empty document), with Yams' default resolver.
  public func root() throws(YAMLFileError) -> Node? {
    do {
      return try withRoot(resolver: .default) { $0 }
    } catch let error as YAMLFileError {
      throw error
    } catch {
      throw YAMLFileError(file: file, message: "\(error)", kind: .syntax)
    }
  }

  /// The document decoded as `type`, as `YAMLDecoder` decodes a string (merge keys resolved,
  /// an empty document decoded as an empty string). A decoding error names the line of the
  /// node it is about. With a `shape`, a key it does not know is an error first (its line, the
  /// key and the nearest known key).
  public func decode<Value: Decodable>(_ type: Value.Type, shape: YAMLShape? = nil) throws(YAMLFileError)
    -> Value
  {
    do {
      return try withRoot(resolver: Resolver.basic.appending(.merge)) { root throws -> Value in
        let node = root ?? ""
        if let shape, let root, let unknown = shape.firstUnknownKey(in: root, file: file) { throw unknown }
        do {
          return try YAMLDecoder().decode(type, from: node)
        } catch let error as DecodingError {
          let place = Self.node(at: Self.codingPath(of: error), in: node)?.mark
          throw YAMLFileError(
            file: file, line: place?.line, column: place?.column, message: Self.describe(error),
            kind: .decoding)
        }
      }
    } catch let error as YAMLFileError {
      throw error
    } catch {
      throw YAMLFileError(file: file, message: "\(error)", kind: .decoding)
    }
  }

  /// One step of a path into a document: a mapping key or a sequence index.
  public enum PathStep: Sendable {
    case key(String)
    case index(Int)
  }

  /// The 1-based line of the value `path` leads to (`[.key("sections"), .index(0), .key("id")]`),
  /// nil when the document has no such value or cannot be read.
  public func line(of path: [PathStep]) -> Int? {
    guard var node = try? root() else { return nil }
    for step in path {
      switch (step, node) {
      case (.key(let key), .mapping(let mapping)):
        guard let value = mapping.first(where: { $0.key.string == key })?.value else { return nil }
        node = value
      case (.index(let index), .sequence(let sequence)):
        guard sequence.indices.contains(index) else { return nil }
        node = sequence[index]
      default:
        return nil
      }
    }
    return node.mark?.line
  }

  /// Composes the document, checks its expansion, and runs `body` while the parser (which owns
  /// the anchors) is alive.
  private func withRoot<Result>(resolver: Resolver, _ body: (Node?) throws -> Result) throws -> Result {
    let parser: Parser
    let root: Node?
    do {
      parser = try Parser(yaml: text, resolver: resolver)
      root = try parser.singleRoot()
    } catch let error as YamlError {
      throw syntaxError(error)
    }
    return try withExtendedLifetime(parser) {
      if let root {
        var sizes = ExpandedSizes()
        if sizes.size(of: root, limit: Self.maximumExpandedNodes) > Self.maximumExpandedNodes {
          throw YAMLFileError(
            file: file, line: sizes.firstReuse?.line,
            message:
              "aliases expand the document to more than \(Self.maximumExpandedNodes) nodes "
              + "(refused: reading it would exhaust memory)",
            kind: .aliasExpansion)
        }
      }
      return try body(root)
    }
  }

  /// A Yams syntax error as a message with its line and column.
  private func syntaxError(_ error: YamlError) -> YAMLFileError {
    switch error {
    case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      // libyaml refuses documents nested deeper than 1,000 levels (before anything recursive
      // walks them); its wording names a C function.
      let message =
        problem.hasPrefix("Maximum nesting level")
        ? "the document is nested more than \(Self.maximumNesting) levels deep (refused)"
        : context.map { "\($0.text): \(problem)" } ?? problem
      return YAMLFileError(file: file, line: mark.line, column: mark.column, message: message, kind: .syntax)
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
      return YAMLFileError(
        file: file, line: context.mark.line, column: context.mark.column, message: "duplicate key \(keys)",
        kind: .syntax)
    default:
      return YAMLFileError(file: file, message: "\(error)", kind: .syntax)
    }
  }

  /// `.a.b[2]: message` for a decoding error: where in the document (nothing for the root), and
  /// what.
  public static func describe(_ error: DecodingError) -> String {
    func at(_ context: DecodingError.Context, _ message: String) -> String {
      let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
      return path.isEmpty ? message : "\(path): \(message)"
    }
    switch error {
    case .keyNotFound(let key, let context): return at(context, "missing key '\(key.stringValue)'")
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      return at(context, context.debugDescription)
    @unknown default: return "\(error)"
    }
  }

  private static func codingPath(of error: DecodingError) -> [any CodingKey] {
    switch error {
    case .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context),
      .dataCorrupted(let context):
      return context.codingPath
    @unknown default: return []
    }
  }

  /// The deepest node of `root` that `path` leads to.
  private static func node(at path: [any CodingKey], in root: Node) -> Node? {
    var node = root
    for key in path {
      switch node {
      case .mapping(let mapping):
        guard let value = mapping.first(where: { $0.key.string == key.stringValue })?.value else {
          return node
        }
        node = value
      case .sequence(let sequence):
        guard let index = key.intValue, sequence.indices.contains(index) else { return node }
        node = sequence[index]
      default:
        return node
      }
    }
    return node
  }
}

/// Counts the nodes of a composed document as a walker would meet them, every alias expanded,
/// without walking the copies: the size of each anchored node is computed once.
private struct ExpandedSizes {
  private var sizes: [ObjectIdentifier: Int] = [:]
  /// Where the first anchored node met a second time (through an alias) is defined.
  private(set) var firstReuse: Mark?

  /// The expanded size of `node`, or some number above `limit` as soon as it is exceeded.
  mutating func size(of node: Node, limit: Int) -> Int {
    if let anchor = node.anchor, let known = sizes[ObjectIdentifier(anchor)] {
      if firstReuse == nil { firstReuse = node.mark }
      return known
    }
    var total = 1
    switch node {
    case .scalar, .alias:
      break
    case .sequence(let sequence):
      for child in sequence {
        total += size(of: child, limit: limit)
        if total > limit { return total }
      }
    case .mapping(let mapping):
      for (key, value) in mapping {
        total += size(of: key, limit: limit) + size(of: value, limit: limit)
        if total > limit { return total }
      }
    }
    if let anchor = node.anchor { sizes[ObjectIdentifier(anchor)] = total }
    return total
  }
}
