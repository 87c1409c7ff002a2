/// An indicator definition for the cover sheet (口径说明).
public struct Definition: Sendable {
  public var name: String
  public var text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// A numbered note for absent figures.
public struct Footnote: Sendable {
  public var number: Int
  public var text: String

  public init(number: Int, text: String) {
    self.number = number
    self.text = text
  }
}

extension Footnote {
  /// The mark of footnote `number` in text: `[注1]`.
  public static func mark(_ number: Int) -> String { "[注\(number)]" }

  /// The marks of `numbers`, in the order given: `[注1][注3]`.
  public static func marks(_ numbers: [Int]) -> String { numbers.map(mark).joined() }

  /// The mark of this footnote: `[注1]`.
  public var mark: String { Self.mark(number) }

  /// The line naming where data come from: `资料来源：市信访局` (a source that already starts with
  /// `资料来源` is kept as it is); nil for an empty or blank source.
  public static func sourceLine(_ source: String) -> String? {
    let blank: (Character) -> Bool = { $0.isWhitespace && !$0.isNewline }
    let trimmed = String(source.drop(while: blank).reversed().drop(while: blank).reversed())
    guard !trimmed.isEmpty else { return nil }
    return trimmed.hasPrefix("资料来源") ? trimmed : "资料来源：\(trimmed)"
  }
}
