import ChartModel
import Charts
import Graphics
import TestSupport
import Testing

/// What the PNG shows, checked by sampling pixels at positions taken from the layout.
@Suite struct PixelTests {
  let typesetter: Typesetter

  init() throws { typesetter = try Typesetter() }

  func isColor(_ pixel: Color?, _ color: Color, tolerance: Int = 12) -> Bool {
    guard let pixel else { return false }
    return pixel.distance(to: color) <= tolerance
  }

  @Test func pngIs1600By900At200DPI() throws {
    let url = try temporaryFolder().appendingPathComponent("trend.png")
    try ChartRenderer.writePNG(Fixtures.trend, to: url, typesetter: typesetter)
    let info = try PNGInfo(contentsOf: url)
    #expect(info == PNGInfo(widthPx: 1600, heightPx: 900, dpi: 200))
  }

  @Test func columnTopsAreWhereTheValuesSay() throws {
    let (image, layout) = try ChartRenderer.renderImage(Fixtures.insurance, typesetter: typesetter)
    let scale = image.scale
    let valueScale = try #require(layout.valueScale)
    let zeroPx = valueScale.zeroPosition * scale
    var pixelsPerUnit: [Double] = []
    for (s, series) in Fixtures.insurance.series.enumerated() {
      let color = ChartTheme.standard.color(series: s)
      for (c, value) in series.values.enumerated() {
        let rect = try #require(layout.barRect(series: s, category: c))
        let x = Int(rect.midX * scale)
        let expectedTop = valueScale.position(of: value!) * scale
        // Just inside the top is the bar's colour, just above it is not.
        #expect(isColor(image.pixel(x: x, y: Int(expectedTop + 2)), color))
        #expect(!isColor(image.pixel(x: x, y: Int(expectedTop - 2)), color, tolerance: 60))
        // Find the drawn top by scanning down from well above it.
        var y = Int(expectedTop) - 20
        while y < Int(zeroPx), !isColor(image.pixel(x: x, y: y), color) { y += 1 }
        #expect(abs(Double(y) - expectedTop) <= 1.5, "\(series.name) \(Fixtures.insurance.categories[c])")
        pixelsPerUnit.append((zeroPx - Double(y)) / value!)
      }
    }
    // Heights in pixels are proportional to the values.
    let mean = pixelsPerUnit.reduce(0, +) / Double(pixelsPerUnit.count)
    for p in pixelsPerUnit { #expect(abs(p - mean) / mean < 0.02) }
  }

  @Test func rankedBarLengthsAreWhereTheValuesSay() throws {
    let (image, layout) = try ChartRenderer.renderImage(Fixtures.ranking, typesetter: typesetter)
    let scale = image.scale
    let valueScale = try #require(layout.valueScale)
    for (c, value) in Fixtures.ranking.series[0].values.enumerated() {
      guard let value else { continue }
      let rect = try #require(layout.barRect(series: 0, category: c))
      let color = c == 0 ? ChartTheme.standard.muted : ChartTheme.standard.color(series: 0)
      let y = Int(rect.midY * scale)
      let expectedEnd = valueScale.position(of: value) * scale
      #expect(isColor(image.pixel(x: Int(expectedEnd - 2), y: y), color))
      #expect(!isColor(image.pixel(x: Int(expectedEnd + 2), y: y), color, tolerance: 60))
    }
  }

  @Test func anAbsentMonthLeavesAGapNotADropToZero() throws {
    let (image, layout) = try ChartRenderer.renderImage(Fixtures.trend, typesetter: typesetter)
    let scale = image.scale
    let band = try #require(layout.categoryScale)
    let blue = ChartTheme.standard.color(series: 0)
    func bluePixels(inColumn x: Double) -> Int {
      let px = Int(x * scale)
      return (Int(layout.plot.minY * scale)...Int(layout.plot.maxY * scale)).filter {
        isColor(image.pixel(x: px, y: $0), blue, tolerance: 40)
      }.count
    }
    // June (present) is drawn; July (absent) has nothing of this year's colour, not even at zero.
    #expect(bluePixels(inColumn: band.center(5)) > 5)
    #expect(bluePixels(inColumn: band.center(6)) == 0)
    #expect(bluePixels(inColumn: (band.center(5) + band.center(6)) / 2 + 3) == 0)
    // November and December are still to come: nothing drawn there either.
    #expect(bluePixels(inColumn: band.center(10)) == 0)
    // Last year's line does run through July.
    let orange = ChartTheme.standard.color(series: 1)
    let x = Int(band.center(6) * scale)
    let orangeRows = (Int(layout.plot.minY * scale)...Int(layout.plot.maxY * scale)).filter {
      isColor(image.pixel(x: x, y: $0), orange, tolerance: 40)
    }
    #expect(!orangeRows.isEmpty)
  }

  @Test func chartIsOpaqueWhiteBehind() throws {
    let (image, _) = try ChartRenderer.renderImage(Fixtures.donut, typesetter: typesetter)
    #expect(isColor(image.pixel(x: 2, y: 2), .white, tolerance: 0))
    #expect(image.pixel(x: 1599, y: 899)?.alpha == 1)
  }
}
