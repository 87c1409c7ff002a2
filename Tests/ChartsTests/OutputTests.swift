import ChartModel
import Charts
import Foundation
import Graphics
import TestSupport
import Testing

/// The files a person opens: PDF text and fonts, SVG text alternative, and the same drawing in all.
@Suite struct OutputTests {
  let typesetter: Typesetter

  init() throws { typesetter = try Typesetter() }

  @Test func allBackendsLayOutAlike() throws {
    let folder = try temporaryFolder()
    for spec in Fixtures.all {
      let recorded = try ChartRenderer.draw(
        spec, on: RecordingCanvas(typesetter: typesetter), in: Rect(x: 0, y: 0, width: 576, height: 324))
      let png = try ChartRenderer.renderImage(spec, typesetter: typesetter).layout
      let svg = try ChartRenderer.writeSVG(
        spec, to: folder.appendingPathComponent("\(spec.id).svg"), typesetter: typesetter)
      let pdf = try ChartRenderer.writePDF(
        spec, to: folder.appendingPathComponent("\(spec.id).pdf"), typesetter: typesetter)
      #expect(png == recorded, "\(spec.id)")
      #expect(svg == recorded, "\(spec.id)")
      #expect(pdf == recorded, "\(spec.id)")
    }
  }

  @Test func svgCarriesTheTitleAndATextAlternative() throws {
    let url = try temporaryFolder().appendingPathComponent("trend.svg")
    try ChartRenderer.writeSVG(Fixtures.trend, to: url, typesetter: typesetter)
    let svg = try String(contentsOf: url, encoding: .utf8)
    #expect(svg.contains("width=\"576pt\"") && svg.contains("height=\"324pt\""))
    #expect(svg.contains("<title id=\"chart-title\">全市信访总量月度走势</title>"))
    let desc = try #require(svg.range(of: "<desc id=\"chart-desc\">").map { svg[$0.upperBound...] })
    #expect(desc.hasPrefix("全市信访总量月度走势。2024年1—10月，与上年同期对比。单位：件。2024年：1月 856，"))
    #expect(desc.contains("7月 —"))  // absent, not 0
    #expect(desc.contains("资料来源：市信访局、市人力资源和社会保障局。"))
  }

  /// The bulletin's use: several charts drawn into regions of A4 pages of one PDF.
  @Test func chartsOnPDFPagesAreSearchableWithEmbeddedSubsetFonts() throws {
    let url = try temporaryFolder().appendingPathComponent("bulletin.pdf")
    let pdf = try PDFSurface(url: url, pageSize: Size(width: 595.28, height: 841.89))
    try pdf.setMetadata(PDFMetadata(title: "民生统计月报", author: "市统计局", creator: "minsheng"))
    let context = try pdf.makeContext(typesetter: typesetter)
    let specs = [Fixtures.trend, Fixtures.ranking, Fixtures.combo, Fixtures.composition, Fixtures.insurance]
    for (i, spec) in specs.enumerated() {
      let region = Rect(x: 40, y: i % 2 == 0 ? 60 : 440, width: 515, height: 330)
      let layout = try ChartRenderer.draw(spec, on: context, in: region)
      #expect(layout.frame == region)
      #expect(layout.textsOutsideFrame.isEmpty)
      if i % 2 == 1 || i == specs.count - 1 { context.showPage() }
    }
    try context.checkStatus()
    try pdf.finish()

    let text = try run("pdftotext", ["-layout", url.path, "-"])
    for spec in specs {
      #expect(text.contains(spec.title), "\(spec.id) title")
      #expect(text.contains(spec.sourceLine!), "\(spec.id) source")
    }
    for expected in ["江川经济技术开发区", "序时进度 83.3%", "单位：件", "1,000", "1,862（23.3%）", "2024年10月末", "12月"] {
      #expect(text.contains(expected), "\(expected)")
    }
    let info = try run("pdfinfo", [url.path])
    #expect(info.range(of: #"Pages:\s+3"#, options: .regularExpression) != nil)

    let fonts = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
    #expect(!fonts.isEmpty)
    for line in fonts {
      #expect(line.contains("NotoSansCJKsc"), "\(line)")
      let columns = line.split(separator: " ", omittingEmptySubsequences: true)
      #expect(columns.suffix(5).prefix(3) == ["yes", "yes", "yes"], "emb sub uni: \(line)")
    }
  }
}
