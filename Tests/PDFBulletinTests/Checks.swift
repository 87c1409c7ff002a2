import Foundation
import TestSupport
import Testing

/// Checks on extracted text, kept apart so that each can be shown to fail on bad input.
enum Checks {
  /// Marks that must not start a line (GB/T 15834 and pango's line-breaking rules).
  static let closingPunctuation: Set<Character> = ["，", "。", "、", "；", "：", "）", "》", "」", "』", "？", "！"]

  /// The lines of `text` (leading blanks ignored) that start with a closing mark.
  static func linesStartingWithClosingPunctuation(_ text: String) -> [String] {
    text.split(whereSeparator: \.isNewline).compactMap { line in
      let trimmed = line.drop(while: { $0 == " " || $0 == "\u{3000}" || $0 == "\u{0C}" })
      guard let first = trimmed.first, closingPunctuation.contains(first) else { return nil }
      return String(line)
    }
  }

  /// Pages whose text does not hold exactly one `第 N 页 共 M 页` with N its number and M `count`
  /// (pdftotext drops the narrow spaces between Chinese and digits, so they are optional).
  static func footerProblems(pages: [String], count: Int) -> [String] {
    var problems: [String] = []
    if pages.count != count { problems.append("\(pages.count) pages of text for \(count) pages") }
    let pattern = try! NSRegularExpression(pattern: "第\\s*(\\d+)\\s*页\\s*共\\s*(\\d+)\\s*页")
    for (index, page) in pages.enumerated() {
      let range = NSRange(page.startIndex..., in: page)
      let matches = pattern.matches(in: page, range: range).map { match -> (Int, Int) in
        let n = Int((page as NSString).substring(with: match.range(at: 1)))!
        let m = Int((page as NSString).substring(with: match.range(at: 2)))!
        return (n, m)
      }
      guard matches.count == 1 else {
        problems.append("page \(index + 1): \(matches.count) footers")
        continue
      }
      if matches[0] != (index + 1, count) {
        problems.append("page \(index + 1): footer says 第 \(matches[0].0) 页 共 \(matches[0].1) 页")
      }
    }
    return problems
  }

  /// Whether `tokens` occur in `line` one after the other (with anything between them).
  static func containsInOrder(_ line: Substring, _ tokens: [String]) -> Bool {
    var rest = line[...]
    for token in tokens where !token.isEmpty {
      guard let range = rest.range(of: token) else { return false }
      rest = rest[range.upperBound...]
    }
    return true
  }

  /// The text without any white space: extracted Chinese text breaks lines anywhere.
  static func squeezed(_ text: String) -> String {
    String(
      text.unicodeScalars.filter { !CharacterSet.whitespacesAndNewlines.contains($0) }.map(Character.init))
  }

  /// pdftotext's pages: the text is split at form feeds, the empty piece after the last dropped.
  static func pages(_ text: String) -> [String] {
    var pages = text.components(separatedBy: "\u{0C}")
    if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
    return pages
  }
}

/// The checks catch what they are for.
@Suite struct CheckTests {
  @Test func closingPunctuationAtALineStartIsFound() {
    let text = "全市信访总量1,034件\n，同比下降3.4%\n  。其中\n（网上信访）\n》书名"
    #expect(Checks.linesStartingWithClosingPunctuation(text) == ["，同比下降3.4%", "  。其中", "》书名"])
    #expect(Checks.linesStartingWithClosingPunctuation("一二三，\n四五六。") == [])
  }

  @Test func wrongFootersAreFound() {
    let good = ["正文\n第 1 页 共 2 页", "表1\n第 2 页 共 2 页"]
    #expect(Checks.footerProblems(pages: good, count: 2) == [])
    #expect(!Checks.footerProblems(pages: good, count: 3).isEmpty)
    #expect(!Checks.footerProblems(pages: ["第 1 页 共 2 页", "第 3 页 共 2 页"], count: 2).isEmpty)
    #expect(!Checks.footerProblems(pages: ["第 1 页 共 2 页", "没有页脚"], count: 2).isEmpty)
  }

  @Test func tokensInOrder() {
    #expect(Checks.containsInOrder("来信   138   157   -12.1", ["来信", "138", "157", "-12.1"]))
    #expect(!Checks.containsInOrder("来信   157   138", ["来信", "138", "157"]))
  }
}
