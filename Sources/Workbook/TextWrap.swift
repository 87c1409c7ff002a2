import TextRules
import XLSX

/// Breaks text into lines of a given display width (CJK characters count two, as in
/// ``DisplayWidth``), for notes written one line per row and for estimating the height of
/// wrapped cells.
///
/// Runs of ASCII letters, digits and punctuation (`1,234`, `indicators.csv`) stay together; a
/// closing punctuation mark (`，。、；：）》`…) never starts a line — it hangs at the end of the
/// previous one, as Chinese typesetting requires.
enum TextWrap {
  /// Marks that must not begin a line.
  static let noLineStart: Set<Character> = [
    "，", "。", "、", "；", "：", "）", "》", "”", "’", "！", "？", "％", "」", "』", "】", "〕", "…",
    ",", ".", ";", ":", ")", "%", "!", "?", "]",
  ]

  /// The lines of `text` at most `width` wide (a hanging mark may exceed it by one character);
  /// explicit line breaks are kept. Always at least one line.
  static func lines(_ text: String, width: Int) -> [String] {
    let width = max(width, 2)
    var result: [String] = []
    for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
      result += wrap(String(paragraph), width: width)
    }
    return result.isEmpty ? [""] : result
  }

  private static func wrap(_ paragraph: String, width: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    var currentWidth = 0
    func flush() {
      while current.last == " " { current.removeLast() }
      lines.append(current)
      current = ""
      currentWidth = 0
    }
    for token in tokens(paragraph) {
      let tokenWidth = DisplayWidth.of(token)
      if currentWidth + tokenWidth <= width || current.isEmpty {
        if tokenWidth > width && current.isEmpty {
          // A token wider than a line (a long path): split it by characters.
          for character in token {
            let characterWidth = DisplayWidth.of(character)
            if currentWidth + characterWidth > width && !current.isEmpty { flush() }
            current.append(character)
            currentWidth += characterWidth
          }
          continue
        }
        current += token
        currentWidth += tokenWidth
      } else if let first = token.first, token.count == 1, noLineStart.contains(first) {
        current += token
        currentWidth += tokenWidth
      } else if token == " " {
        flush()
      } else {
        flush()
        current = token
        currentWidth = tokenWidth
      }
    }
    if !current.isEmpty || lines.isEmpty { flush() }
    return lines
  }

  /// ASCII non-space runs as one token each; every other character (and every space) alone.
  private static func tokens(_ text: String) -> [String] {
    var tokens: [String] = []
    var run = ""
    for character in text {
      if character.isASCII && character != " " {
        run.append(character)
      } else {
        if !run.isEmpty {
          tokens.append(run)
          run = ""
        }
        tokens.append(String(character))
      }
    }
    if !run.isEmpty { tokens.append(run) }
    return tokens
  }
}
