import Document
import Engine

/// The document's footnotes: each fact once, numbered once for the whole document, and the
/// engine's note numbers mapped onto them.
///
/// The engine numbers the notes of trend series apart from those of the tables (so that a table's
/// notes list exactly the gaps behind its figures), and words a series note that repeats a table
/// note's fact as `（趋势图）` followed by the same text. Such a copy is the same fact: it takes the
/// table note's number, so a chart and a table cell missing the same input refer to one note.
/// A series note with a fact of its own (more months missing, say) keeps a number of its own.
struct FootnoteNumbering {
  /// The notes as the document lists them, numbered from 1 in the engine's order.
  private(set) var footnotes: [Document.Footnote] = []
  /// The document's number of each engine note number.
  private var numbers: [Int: Int] = [:]

  /// How the engine starts the copy of a note it makes for trend series.
  static let seriesPrefix = "（趋势图）"

  /// The numbering of `report`'s notes.
  init(_ report: IndicatorReport) {
    var byFact: [String: Int] = [:]
    for note in report.footnotes {
      let fact =
        note.text.hasPrefix(Self.seriesPrefix)
        ? String(note.text.dropFirst(Self.seriesPrefix.count)) : note.text
      if let number = byFact[fact] {
        numbers[note.number] = number
        continue
      }
      let number = footnotes.count + 1
      footnotes.append(Document.Footnote(number: number, text: note.text))
      byFact[fact] = number
      numbers[note.number] = number
    }
  }

  /// The document's numbers of engine notes `engineNumbers`, sorted, each once.
  func numbers(_ engineNumbers: [Int]) -> [Int] {
    guard !engineNumbers.isEmpty else { return [] }
    return Set(engineNumbers.compactMap { numbers[$0] }).sorted()
  }
}
