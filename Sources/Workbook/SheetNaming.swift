/// Worksheet names as Excel accepts them: at most 31 characters (UTF-16 code units, which is how
/// Excel counts; a CJK character is one), none of `[ ] : * ? / \`, no apostrophe at either end,
/// unique without regard to letter case.
struct SheetNaming {
  /// Excel's limit on a sheet name.
  static let maximumLength = 31

  private var used: Set<String> = []

  /// Reserves a fixed name (封面, 目录…), so that no table sheet takes it.
  mutating func reserve(_ name: String) {
    used.insert(name.lowercased())
  }

  /// A valid, unused name made from `caption`: forbidden characters replaced by their fullwidth
  /// forms (`/` → `／`), cut at a character boundary with `…` when too long, and numbered
  /// `(2)`, `(3)`… when already taken.
  mutating func name(for caption: String) -> String {
    let base = Self.sanitized(caption)
    var candidate = Self.truncated(base, to: Self.maximumLength)
    var counter = 2
    while used.contains(candidate.lowercased()) {
      let suffix = "(\(counter))"
      candidate = Self.truncated(base, to: Self.maximumLength - suffix.utf16.count) + suffix
      counter += 1
    }
    used.insert(candidate.lowercased())
    return candidate
  }

  /// `caption` with forbidden characters replaced, runs of white space collapsed, and
  /// apostrophes trimmed from both ends; `表` when nothing is left.
  static func sanitized(_ caption: String) -> String {
    let replacements: [Character: Character] = [
      "[": "【", "]": "】", ":": "：", "*": "＊", "?": "？", "/": "／", "\\": "＼",
    ]
    var text = ""
    var lastWasSpace = false
    for character in caption {
      if character.isWhitespace || character.isNewline {
        if !lastWasSpace && !text.isEmpty { text.append(" ") }
        lastWasSpace = true
        continue
      }
      lastWasSpace = false
      text.append(replacements[character] ?? character)
    }
    while text.first == "'" || text.first == " " { text.removeFirst() }
    while text.last == "'" || text.last == " " { text.removeLast() }
    return text.isEmpty ? "表" : text
  }

  /// `text` cut to at most `limit` UTF-16 code units at a character boundary, ending in `…`
  /// when anything was cut.
  static func truncated(_ text: String, to limit: Int) -> String {
    guard text.utf16.count > limit else { return text }
    var result = ""
    for character in text {
      if result.utf16.count + character.utf16.count > limit - 1 { break }
      result.append(character)
    }
    while result.last == " " || result.last == "'" { result.removeLast() }
    return result + "…"
  }
}
