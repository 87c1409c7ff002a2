import Yams

/// The keys a document may use, level by level. `YAMLFile.decode(_:shape:)` holds a document to
/// it before decoding, so that a misspelt key (`notes:` for `note:`) is an error naming its line,
/// the key and the nearest known key, instead of a value silently left out.
public indirect enum YAMLShape: Sendable {
  /// A mapping whose keys are exactly among these (each with the shape of its value).
  case mapping([String: YAMLShape])
  /// A sequence whose items have this shape.
  case sequence(YAMLShape)
  /// A scalar, or a value whose keys are not checked.
  case any

  /// The first key of `node` (in document order, depth first) that the shape does not know, as
  /// an error of `file`.
  func firstUnknownKey(in node: Node, file: String, path: String = "") -> YAMLFileError? {
    switch (self, node) {
    case (.mapping(let known), .mapping(let mapping)):
      for (key, value) in mapping {
        guard let name = key.string, name != "<<" else { continue }
        guard let shape = known[name] else {
          let nearest = Self.nearest(to: name, among: known.keys)
          let hint = nearest.map { " (did you mean '\($0)'?)" } ?? ""
          let place = path.isEmpty ? "" : " in \(path)"
          return YAMLFileError(
            file: file, line: key.mark?.line, column: key.mark?.column,
            message: "unknown key '\(name)'\(place)\(hint)", kind: .decoding)
        }
        if let error = shape.firstUnknownKey(in: value, file: file, path: "\(path).\(name)") { return error }
      }
    case (.sequence(let item), .sequence(let sequence)):
      for (index, element) in sequence.enumerated() {
        if let error = item.firstUnknownKey(in: element, file: file, path: "\(path)[\(index)]") {
          return error
        }
      }
    default:
      break
    }
    return nil
  }

  /// The known key closest to `name` by edit distance (ties: the first in alphabetical order).
  static func nearest(to name: String, among known: some Collection<String>) -> String? {
    known.sorted().min { editDistance(name, $0) < editDistance(name, $1) }
  }

  /// Levenshtein distance over characters, with a transposition of two neighbours counted as one
  /// edit (`offcie` is one edit from `office`).
  static func editDistance(_ a: String, _ b: String) -> Int {
    let (a, b) = (Array(a), Array(b))
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var rows = [Array(0...b.count)]
    for i in 1...a.count {
      var row = [i] + Array(repeating: 0, count: b.count)
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        row[j] = min(rows[i - 1][j] + 1, row[j - 1] + 1, rows[i - 1][j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        }
      }
      rows.append(row)
    }
    return rows[a.count][b.count]
  }
}
