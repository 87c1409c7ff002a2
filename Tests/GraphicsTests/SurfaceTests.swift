import Foundation
import Graphics
import TestSupport
import Testing

@Suite struct ImageSurfaceTests {
  @Test func pngHasItsPixelSizeAndDPI() throws {
    let image = try ImageSurface(widthPx: 1600, heightPx: 900, scale: 200.0 / 72)
    #expect(abs(image.size.width - 576) < 1e-9 && abs(image.size.height - 324) < 1e-9)
    let context = try image.makeContext()
    context.paint(.white)
    try context.checkStatus()
    let url = try temporaryFolder().appendingPathComponent("blank.png")
    try image.writePNG(to: url, dpi: 200)
    let info = try PNGInfo(contentsOf: url)
    #expect(info == PNGInfo(widthPx: 1600, heightPx: 900, dpi: 200))
  }

  @Test func pHYsChunkHasAValidCRC() throws {
    let image = try ImageSurface(widthPx: 4, heightPx: 4)
    let bytes = [UInt8](try image.pngData(dpi: 300))
    // Chunk after IHDR: length 9, "pHYs", 9 data bytes, CRC over type + data.
    #expect(Array(bytes[37..<41]) == Array("pHYs".utf8))
    let crc = bytes[50..<54].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
    #expect(crc == crc32(Array(bytes[37..<50])))
    #expect(try PNGInfo(data: Data(bytes)).dpi == 300)
  }

  @Test func drawingLandsWherePointsSay() throws {
    let image = try ImageSurface(widthPx: 200, heightPx: 100, scale: 2)
    let context = try image.makeContext()
    context.paint(.white)
    context.fill(Rect(x: 10, y: 10, width: 30, height: 20), color: Color(hex: 0x0072B2))
    try context.checkStatus()
    // Points 10...40 × 10...30 are pixels 20...80 × 20...60.
    #expect(image.pixel(x: 21, y: 21)!.distance(to: Color(hex: 0x0072B2)) <= 1)
    #expect(image.pixel(x: 79, y: 59)!.distance(to: Color(hex: 0x0072B2)) <= 1)
    #expect(image.pixel(x: 81, y: 30)!.distance(to: .white) <= 1)
    #expect(image.pixel(x: 30, y: 61)!.distance(to: .white) <= 1)
    #expect(image.pixel(x: 500, y: 0) == nil)
  }

  @Test func textInkStaysInItsMeasuredBox() throws {
    let image = try ImageSurface(widthPx: 400, heightPx: 200, scale: 2)
    let context = try image.makeContext()
    context.paint(.white)
    let style = TextStyle(size: 14, weight: .bold)
    let placement = context.placement(
      of: "信访总量 1,234件", at: Point(x: 100, y: 50), style: style, anchor: .center, rotation: 30)
    context.draw("信访总量 1,234件", at: Point(x: 100, y: 50), style: style, anchor: .center, rotation: 30)
    try context.checkStatus()
    var ink: [(Int, Int)] = []
    for y in 0..<200 {
      for x in 0..<400 where image.pixel(x: x, y: y)!.distance(to: .white) > 60 { ink.append((x, y)) }
    }
    #expect(ink.count > 200)
    let box = placement.bounds
    for (x, y) in ink {
      #expect(box.insetBy(dx: -1, dy: -1).contains(Point(x: Double(x) / 2, y: Double(y) / 2)))
    }
  }

  @Test func emptyImageIsRejected() {
    #expect(throws: GraphicsError.self) { try ImageSurface(widthPx: 0, heightPx: 10) }
  }

  @Test func cairoErrorsNameTheFunction() throws {
    let image = try ImageSurface(widthPx: 10, heightPx: 10)
    let context = try image.makeContext()
    context.scale(x: 0, y: 0)  // a singular matrix puts cairo into an error state
    context.fill(Rect(x: 0, y: 0, width: 1, height: 1), color: .black)
    #expect {
      try context.checkStatus()
    } throws: { error in
      guard case .cairo(let function, let status, _) = error as? GraphicsError else { return false }
      return function == "cairo_scale" && status.contains("matrix")
    }
  }
}

@Suite struct SVGSurfaceTests {
  @Test func svgIsInPointsWithTitleAndDescription() throws {
    let svg = try SVGSurface(size: Size(width: 576, height: 324))
    let context = try svg.makeContext()
    context.draw("信访总量", at: Point(x: 10, y: 10), style: TextStyle(size: 12))
    try context.checkStatus()
    let data = try svg.finish(title: "全市信访总量 <月度>", description: "西湖区 1,234 & 东湖区 567")
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("width=\"576pt\""))
    #expect(text.contains("height=\"324pt\""))
    #expect(text.contains("role=\"img\""))
    #expect(text.contains("<title id=\"chart-title\">全市信访总量 &lt;月度&gt;</title>"))
    #expect(text.contains("<desc id=\"chart-desc\">西湖区 1,234 &amp; 东湖区 567</desc>"))
    // cairo writes the glyphs as outlines.
    #expect(text.contains("<symbol") || text.contains("<path"))
    #expect(throws: GraphicsError.self) { try svg.finish() }
  }
}

@Suite struct PDFSurfaceTests {
  @Test func multiPagePDFWithMetadataAndSearchableEmbeddedChinese() throws {
    let url = try temporaryFolder().appendingPathComponent("two-pages.pdf")
    let pdf = try PDFSurface(url: url, pageSize: Size(width: 595.28, height: 841.89))
    try pdf.setMetadata(
      PDFMetadata(
        title: "民生统计月报", author: "市统计局", subject: "2024年10月", creator: "minsheng",
        creationDate: Date(timeIntervalSince1970: 1_730_419_200)))
    let context = try pdf.makeContext()
    context.draw("第一页 信访总量 1,234件", at: Point(x: 72, y: 72), style: TextStyle(size: 12, weight: .bold))
    context.showPage()
    context.draw("第二页 城镇新增就业4.35万人", at: Point(x: 72, y: 72), style: TextStyle(size: 10))
    context.showPage()
    try context.checkStatus()
    try pdf.finish()

    let info = try run("pdfinfo", [url.path])
    #expect(info.contains("民生统计月报"))
    #expect(info.contains("市统计局"))
    #expect(info.contains("minsheng"))
    #expect(info.range(of: #"Pages:\s+2"#, options: .regularExpression) != nil)
    #expect(info.contains("2024"))  // creation date 2024-11-01

    let page2 = try run("pdftotext", ["-f", "2", "-l", "2", url.path, "-"])
    #expect(page2.contains("第二页 城镇新增就业4.35万人"))

    let fonts = try run("pdffonts", [url.path]).split(separator: "\n").dropFirst(2)
    #expect(!fonts.isEmpty)
    for line in fonts {
      let columns = line.split(separator: " ", omittingEmptySubsequences: true)
      #expect(line.contains("NotoSansCJK"))
      // name type encoding emb sub uni object ID: the three yes/no columns before the last two.
      #expect(columns.suffix(5).prefix(3) == ["yes", "yes", "yes"], "\(line)")
    }
  }

  @Test func unwritablePathNamesTheFunction() {
    let url = URL(fileURLWithPath: "/nonexistent-folder/x.pdf")
    #expect {
      _ = try PDFSurface(url: url, pageSize: Size(width: 100, height: 100))
    } throws: { error in
      guard case .cairo(let function, _, _) = error as? GraphicsError else { return false }
      return function == "cairo_pdf_surface_create"
    }
  }
}

/// An independent CRC-32 (bitwise, no table) to check the PNG writer's.
func crc32(_ bytes: [UInt8]) -> UInt32 {
  var crc: UInt32 = 0xFFFF_FFFF
  for b in bytes {
    crc ^= UInt32(b)
    for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
  }
  return ~crc
}

@Suite struct SVGSurfaceNumberingTests {
  @Test func cairosSurfaceIdsAreNumberedFromOneInEveryFile() throws {
    func svg() throws -> String {
      let svg = try SVGSurface(size: Size(width: 100, height: 50))
      let context = try svg.makeContext()
      context.fill(Rect(x: 10, y: 10, width: 20, height: 20), color: .black)
      try context.checkStatus()
      return String(decoding: try svg.finish(), as: UTF8.self)
    }
    let first = try svg()
    // Surfaces made in between move cairo's process-wide counter on.
    for _ in 0..<3 { _ = try ImageSurface(widthPx: 4, heightPx: 4) }
    let second = try svg()
    #expect(first == second)
    #expect(first.contains("id=\"surface1\""))
  }
}
