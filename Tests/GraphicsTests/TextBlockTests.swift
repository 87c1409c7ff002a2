import Foundation
import Graphics
import TestSupport
import Testing

@Suite struct TextBlockTests {
  let typesetter: Typesetter
  let text =
    "1-10月，全市城镇新增就业4.35万人，同比增长3.2%，完成年度目标的87.0%，超序时进度3.7个百分点。"
    + "全市信访总量1,234件，同比下降2.1%。其中，来信（来访）数量为456件，「网上」信访占比达到五成以上。"

  init() throws { typesetter = try Typesetter() }

  @Test func justifiedLinesFillTheWidthAfterAnIndent() {
    let block = TextBlock(
      text, style: TextStyle(size: 10, wrapWidth: 200, lineSpacing: 1.3), isJustified: true,
      firstLineIndent: 20)
    let lines = typesetter.lines(of: block)
    #expect(lines.count >= 4)
    #expect(lines.map(\.text).joined() == text)
    #expect(abs(lines[0].frame.minX - 20) < 0.01)
    for line in lines.dropFirst() { #expect(line.frame.minX == 0) }
    for line in lines.dropLast() { #expect(abs(line.frame.maxX - 200) < 0.1, "\(line.text)") }
    #expect(lines.last!.frame.maxX < 199)
    // Baselines 1.3 font heights apart, top to bottom.
    let steps = zip(lines, lines.dropFirst()).map { $1.baseline - $0.baseline }
    #expect(steps.allSatisfy { abs($0 - steps[0]) < 0.01 && $0 > 1.3 * 10 })
    let size = typesetter.measure(block)
    #expect(abs(size.height - (lines.last!.frame.maxY - lines[0].frame.minY)) < 0.5)
  }

  @Test func noLineStartsWithClosingPunctuationAtAnyWidth() {
    let closing: Set<Character> = ["，", "。", "、", "；", "：", "）", "》", "」", "』", "？", "！", "%"]
    for width in stride(from: 60.0, through: 240, by: 7) {
      let lines = typesetter.lines(of: TextBlock(text, style: TextStyle(size: 10, wrapWidth: width)))
      for line in lines.dropFirst() {
        #expect(!closing.contains(line.text.first!), "width \(width): \(line.text)")
      }
    }
  }

  @Test func hangingIndentAndSpans() {
    let hang = TextBlock(
      [TextSpan("[注1] ", weight: .bold), TextSpan(text)], style: TextStyle(size: 9, wrapWidth: 180),
      firstLineIndent: -24)
    let lines = typesetter.lines(of: hang)
    #expect(lines[0].frame.minX == 0)
    #expect(lines.dropFirst().allSatisfy { abs($0.frame.minX - 24) < 0.01 })

    let plain = typesetter.measure(TextBlock("4.35 万人", style: TextStyle(size: 9)))
    let figure = typesetter.measure(
      TextBlock([TextSpan("4.35", size: 20, weight: .bold), TextSpan(" 万人")], style: TextStyle(size: 9)))
    #expect(figure.width > plain.width * 1.5)
    #expect(figure.height > plain.height * 1.8)
    let raised = typesetter.lines(
      of: TextBlock([TextSpan("—"), TextSpan("[注1]", rise: 3)], style: TextStyle(size: 9)))
    #expect(raised.count == 1)
  }

  @Test func aFamilyOverridePicksTheSerif() throws {
    let url = try temporaryFolder().appendingPathComponent("serif.pdf")
    let pdf = try PDFSurface(url: url, pageSize: Size(width: 300, height: 200))
    let context = try pdf.makeContext()
    context.draw(
      TextBlock("宋体正文 1,234", style: TextStyle(size: 12), family: "Noto Serif CJK SC"),
      at: Point(x: 10, y: 10))
    context.draw(
      TextBlock([TextSpan("黑体"), TextSpan("宋体", family: "Noto Serif CJK SC")], style: TextStyle(size: 12)),
      at: Point(x: 10, y: 50))
    context.showPage()
    try context.checkStatus()
    try pdf.finish()
    let fonts = try run("pdffonts", [url.path])
    #expect(fonts.contains("NotoSerifCJK"))
    #expect(fonts.contains("NotoSansCJK"))
    #expect(try run("pdftotext", [url.path, "-"]).contains("宋体正文 1,234"))
  }

  @Test func drawingARangeOfLinesWritesOnlyThoseLines() throws {
    let block = TextBlock(text, style: TextStyle(size: 10, wrapWidth: 150))
    let lines = typesetter.lines(of: block)
    #expect(lines.count >= 5)
    let url = try temporaryFolder().appendingPathComponent("range.pdf")
    let pdf = try PDFSurface(url: url, pageSize: Size(width: 300, height: 300))
    let context = try pdf.makeContext()
    context.draw(block, at: Point(x: 20, y: 20), lines: 1..<3)
    context.showPage()
    try context.checkStatus()
    try pdf.finish()
    let extracted = try run("pdftotext", [url.path, "-"])
    let squeezed = extracted.filter { !$0.isWhitespace }
    #expect(squeezed == lines[1].text + lines[2].text)
    // The first drawn line's top sits at the origin: its text starts near y = 20, not further down.
    let bbox = try run("pdftotext", ["-bbox", url.path, "-"])
    let yMin = bbox.split(separator: "\n").first { $0.contains("<word") }.flatMap { line in
      line.split(separator: " ").first { $0.hasPrefix("yMin=") }
    }.map { Double($0.dropFirst(6).dropLast())! }
    #expect(yMin != nil && yMin! >= 20 && yMin! < 25, "\(String(describing: yMin))")
  }

  @Test func outlineEntriesReachThePDF() throws {
    let url = try temporaryFolder().appendingPathComponent("outline.pdf")
    let pdf = try PDFSurface(url: url, pageSize: Size(width: 200, height: 200))
    let context = try pdf.makeContext()
    for page in 1...2 {
      context.draw("第\(page)页", at: Point(x: 10, y: 10), style: TextStyle(size: 10))
      context.showPage()
    }
    let section = try pdf.addOutline("一、信访工作", page: 1)
    try pdf.addOutline("表1 信访总量", page: 2, y: 40, parent: section)
    #expect(throws: GraphicsError.self) { try pdf.addOutline("无页", page: 0) }
    try context.checkStatus()
    try pdf.finish()
    let xml = try run("pdftohtml", ["-stdout", "-xml", "-i", "-q", url.path])
    #expect(xml.contains("<item page=\"1\">一、信访工作</item>"))
    #expect(xml.contains("<item page=\"2\">表1 信访总量</item>"))
  }
}
