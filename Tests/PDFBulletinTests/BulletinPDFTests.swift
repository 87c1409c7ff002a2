import Document
import Foundation
import Graphics
import TestSupport
import Testing

@testable import PDFBulletin

/// The fixture bulletin, written once per test process and read back with poppler's tools.
enum Written {
  static let pdf: Result<URL, any Error> = Result {
    let url = try temporaryFolder("written").appendingPathComponent("民生统计月报_2024-10.pdf")
    try PDFBulletinWriter().write(Fixture.document, to: url)
    return url
  }

  static func url() throws -> URL { try pdf.get() }

  /// pdftotext's plain text, page by page.
  static func pages() throws -> [String] { Checks.pages(try run("pdftotext", [url().path, "-"])) }

  /// pdftotext's text with the layout kept (a table row on one line), page by page.
  static func layoutPages() throws -> [String] {
    Checks.pages(try run("pdftotext", ["-layout", url().path, "-"]))
  }

  static func pageCount() throws -> Int {
    let info = try run("pdfinfo", [url().path])
    let line = info.split(separator: "\n").first { $0.hasPrefix("Pages:") }!
    return Int(line.split(separator: " ").last!)!
  }
}

@Suite struct BulletinPDFTests {
  @Test func narrativeAndCaptionsAreExtractedAsWritten() throws {
    let text = Checks.squeezed(try Written.pages().joined())
    let document = Fixture.document
    for section in document.sections {
      #expect(text.contains(Checks.squeezed(section.title)))
      for paragraph in section.paragraphs {
        #expect(text.contains(Checks.squeezed(paragraph)), "\(paragraph)")
      }
    }
    for table in document.tables { #expect(text.contains(Checks.squeezed(table.caption))) }
    for chart in document.charts { #expect(text.contains(Checks.squeezed(chart.caption))) }
    for card in document.headlines {
      #expect(text.contains(Checks.squeezed(card.label)))
      #expect(text.contains(card.value + card.unit))
      if let change = card.change { #expect(text.contains(change)) }
      if let progress = card.progress { #expect(text.contains(Checks.squeezed(progress))) }
    }
    for footnote in document.footnotes {
      #expect(text.contains("[注\(footnote.number)]" + Checks.squeezed(footnote.text)))
    }
    for note in document.notes { #expect(text.contains(Checks.squeezed(note))) }
    for definition in document.definitions {
      #expect(text.contains(Checks.squeezed(definition.name + "：" + definition.text)))
    }
    #expect(text.contains("第10期"))
    #expect(text.contains(document.releaseDate))
  }

  @Test func everyTableRowReadsAcrossOneLine() throws {
    let lines = try Written.layoutPages().joined(separator: "\n").split(separator: "\n")
    for table in Fixture.document.tables {
      for row in table.rows {
        let tokens = [row.label] + row.cells.map(\.text)
        #expect(
          lines.contains { Checks.containsInOrder($0, tokens) },
          "表\(table.number) \(tokens.joined(separator: " "))")
      }
      #expect(lines.contains { $0.contains("资料来源：" + table.source) })
      for note in table.notes { #expect(lines.contains { $0.contains(note) }) }
    }
    // Absent figures carry their note marks.
    let text = try Written.pages().joined()
    #expect(text.contains("[注1]"))
    #expect(text.contains("[注2]"))
  }

  @Test func fontsAreEmbeddedSubsetWithUnicodeMaps() throws {
    let fonts = try run("pdffonts", [Written.url().path]).split(separator: "\n").dropFirst(2)
    #expect(fonts.contains { $0.contains("NotoSansCJK") })
    #expect(fonts.contains { $0.contains("NotoSerifCJK") })
    for line in fonts {
      let columns = line.split(separator: " ", omittingEmptySubsequences: true)
      // name type encoding emb sub uni object ID: the three yes/no columns before the last two.
      #expect(columns.suffix(5).prefix(3) == ["yes", "yes", "yes"], "\(line)")
    }
  }

  @Test func footersCountThePages() throws {
    let count = try Written.pageCount()
    #expect(count >= 5)
    let pages = try Written.pages()
    #expect(Checks.footerProblems(pages: pages, count: count) == [])
    for page in pages { #expect(page.contains(Fixture.office)) }
  }

  @Test func theLongTableRepeatsItsHeaderOnEveryPage() throws {
    let table = Fixture.townships
    let pages = try Written.pages()
    let spanned = pages.indices.filter { i in table.rows.contains { pages[i].contains($0.label) } }
    #expect(spanned.count >= 3, "the 80-row table spans \(spanned.count) pages")
    #expect(spanned == Array(spanned.first!...spanned.last!))
    let headers = [table.labelHeader] + table.columns.map(\.header)
    for (k, i) in spanned.enumerated() {
      let page = Checks.squeezed(pages[i])
      for header in headers { #expect(page.contains(Checks.squeezed(header)), "page \(i + 1): \(header)") }
      #expect(page.contains(Checks.squeezed(table.subtitle)))
      let continued = Checks.squeezed(table.caption + "（续）")
      if k == 0 {
        #expect(page.contains(Checks.squeezed(table.caption)) && !page.contains(continued))
      } else {
        #expect(page.contains(continued), "page \(i + 1) lacks 表2（续）")
      }
    }
    // Each row is printed once, whole.
    let all = pages.joined()
    for row in table.rows {
      #expect(all.components(separatedBy: row.label).count - 1 == 1, "\(row.label)")
    }
  }

  @Test func noLineStartsWithClosingPunctuation() throws {
    for mode in [[String](), ["-layout"]] {
      let text = try run("pdftotext", mode + [Written.url().path, "-"])
      #expect(Checks.linesStartingWithClosingPunctuation(text) == [], "pdftotext \(mode)")
    }
  }

  @Test func metadataNamesTheBulletinAndTheOffice() throws {
    let info = try run("pdfinfo", ["-isodates", Written.url().path])
    func field(_ name: String) -> String? {
      info.split(separator: "\n").first { $0.hasPrefix(name + ":") }.map {
        $0.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
      }
    }
    #expect(field("Title") == "民生统计月报 2024年10月")
    #expect(field("Author") == "江川市统计局")
    #expect(field("Creator") == "minsheng")
    #expect(field("Subject")?.contains("第10期") == true)
    #expect(field("Keywords")?.contains("信访工作") == true)
    #expect(field("CreationDate")?.hasPrefix("2024-11-23") == true, "\(field("CreationDate") ?? "")")
    #expect(field("Page size")?.contains("A4") == true)
  }

  @Test func outlineListsSectionsChartsAndTables() throws {
    let xml = try run("pdftohtml", ["-stdout", "-xml", "-i", "-q", Written.url().path])
    for section in Fixture.document.sections { #expect(xml.contains(">\(section.title)</item>")) }
    for table in Fixture.document.tables { #expect(xml.contains(">\(table.caption)</item>")) }
    for chart in Fixture.document.charts { #expect(xml.contains(">\(chart.caption)</item>")) }
    #expect(xml.contains(">注释</item>"))
  }

  @Test func outputIsDeterministic() throws {
    let folder = try temporaryFolder()
    let a = folder.appendingPathComponent("a.pdf")
    let b = folder.appendingPathComponent("b.pdf")
    let typesetter = try Typesetter()
    try PDFBulletinWriter(typesetter: typesetter).write(Fixture.document, to: a)
    try PDFBulletinWriter(typesetter: typesetter).write(Fixture.document, to: b)
    #expect(try Data(contentsOf: a) == Data(contentsOf: b))
  }

  @Test func aBadReleaseDateIsAnError() throws {
    var document = Fixture.document
    document.releaseDateISO = "2024-13-01"
    let url = try temporaryFolder().appendingPathComponent("bad.pdf")
    #expect(throws: PDFBulletinError.invalidReleaseDate("2024-13-01")) {
      try PDFBulletinWriter().write(document, to: url)
    }
    #expect(PDFBulletinWriter.date(iso: "2024-02-30") == nil)
    #expect(PDFBulletinWriter.date(iso: "2024-11-23") != nil)
  }

  @Test func aBulletinWithOnlyANarrativeIsOnePage() throws {
    var document = Fixture.document
    document.sections = document.sections.map {
      SectionContent(id: $0.id, title: $0.title, paragraphs: $0.paragraphs, charts: [], tables: [])
    }
    document.headlines = []
    document.footnotes = []
    document.notes = []
    document.definitions = []
    document.source = ""
    let url = try temporaryFolder().appendingPathComponent("narrative.pdf")
    try PDFBulletinWriter().write(document, to: url)
    let text = try run("pdftotext", [url.path, "-"])
    #expect(Checks.footerProblems(pages: Checks.pages(text), count: 1) == [])
    #expect(Checks.squeezed(text).contains(Checks.squeezed(document.sections[2].paragraphs[1])))
  }
}
