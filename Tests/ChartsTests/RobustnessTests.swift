import ChartModel
import Charts
import Foundation
import Graphics
import TestSupport
import Testing

/// Labels of any length, any number of categories and charts with no data: every chart kind lays
/// out without a trap, keeps its marks and its text inside the frame, and says "本期无数据" when
/// there is nothing to draw.
@Suite struct RobustnessTests {
  static let frames = [
    Rect(x: 0, y: 0, width: 576, height: 324),
    Rect(x: 0, y: 0, width: 300, height: 240),
    Rect(x: 40, y: 300, width: 515, height: 290),  // a region of an A4 page
  ]

  /// A name of `length` characters: Chinese, Latin words, or one Latin word with no break.
  static func name(_ length: Int, script: Int, seed: Int = 0) -> String {
    let alphabets = ["江川经济技术开发区高新产业园管理委员会", "Jiangchuan Economic Development Zone ", "Xinjiangchuanhighway"]
    let alphabet = Array(alphabets[script % alphabets.count])
    return String((0..<length).map { alphabet[($0 + seed) % alphabet.count] })
  }

  /// A valid spec of `kind` whose every text (categories, series names, title, captions, reference
  /// label, total) is `length` characters long.
  static func spec(_ kind: ChartKind, categories count: Int, length: Int, script: Int) -> ChartSpec {
    let long = { (seed: Int) in name(length, script: script, seed: seed) }
    let categories = (0..<count).map { long($0) }
    let values = (0..<count).map { Double(100 + ($0 * 37) % 900) }
    var spec = ChartSpec(
      id: "long-\(kind.rawValue)", kind: kind, title: long(1), subtitle: long(2), source: long(3),
      note: long(4), categories: categories, series: [Series(name: long(5), values: values)],
      valueAxis: ValueAxis(unit: long(6), title: long(7)))
    switch kind {
    case .line, .verticalBar, .combo:
      let growth = values.map { Optional(($0 - 500) / 10) }
      spec.series.append(Series(name: long(8), values: growth, axis: .secondary))
      spec.secondaryAxis = ValueAxis(unit: "%", title: long(9))
      spec.referenceLines = [ReferenceLine(value: 300, label: long(10))]
    case .horizontalBar:
      spec.referenceLines = [ReferenceLine(value: 300, label: long(10))]
    case .composition, .donut:
      spec.series[0].labels = values.map { "\(Int($0))（\(long(11))）" }
      spec.totalLabel = long(12)
    }
    return spec
  }

  /// Every coordinate of the layout and of what was drawn is a finite number.
  static func expectFinite(_ layout: ChartLayout, _ canvas: RecordingCanvas, _ what: String) {
    func finite(_ r: Rect) -> Bool {
      [r.minX, r.minY, r.width, r.height].allSatisfy(\.isFinite)
    }
    #expect(finite(layout.plot), "\(what): plot \(layout.plot)")
    for mark in layout.marks {
      switch mark.shape {
      case .fill(let path, _), .stroke(let path, _):
        #expect(path.elements.isEmpty || finite(path.controlBounds), "\(what): \(mark.role)")
      case .text(let t):
        #expect(finite(t.bounds), "\(what): \(mark.role) \(t.text)")
      }
    }
    for t in canvas.texts { #expect(finite(t.placement.bounds), "\(what): \(t.text)") }
  }

  /// Every present value of the layout's bar kinds keeps a bar of positive size inside the plot,
  /// every line value its marker, every positive donut value its wedge.
  static func expectMarks(_ spec: ChartSpec, _ layout: ChartLayout, _ what: String) {
    for (s, series) in spec.series.enumerated() {
      for (c, value) in series.values.enumerated() {
        guard let value else { continue }
        let isBar: Bool
        switch spec.kind {
        case .line: isBar = false
        case .verticalBar, .combo: isBar = series.axis == .primary
        case .horizontalBar, .composition: isBar = true
        case .donut:
          if value > 0 { #expect(!layout.marks(where: { $0 == .wedge(category: c) }).isEmpty, "\(what)") }
          continue
        }
        if isBar {
          let rect = layout.barRect(series: s, category: c)
          #expect(
            rect.map { $0.width > 0 && $0.height > 0 } == true,
            "\(what): bar \(s)/\(c) \(String(describing: rect))")
          if let rect {
            #expect(layout.plot.contains(rect, tolerance: 0.5), "\(what): bar \(s)/\(c) \(rect)")
          }
        } else {
          #expect(
            !layout.marks(where: { $0 == .marker(series: s, category: c) }).isEmpty, "\(what): \(s)/\(c)")
        }
      }
    }
  }

  /// A shown category name is the whole name, or its beginning cut with an ellipsis.
  static func expectNamesOrTheirBeginnings(_ spec: ChartSpec, _ layout: ChartLayout, _ what: String) {
    for (role, t) in layout.texts {
      guard case .categoryLabel(let c) = role else { continue }
      let full = spec.categories[c]
      let shown = t.text
      #expect(
        shown == full || (shown.hasSuffix("…") && full.hasPrefix(shown.dropLast())), "\(what): \(shown)")
    }
  }

  @Test(arguments: ChartKind.allCases, [1, 12, 40, 100, 120, 300])
  func anyLabelLengthLaysOut(kind: ChartKind, length: Int) throws {
    let canvas = try RecordingCanvas()
    for script in 0..<3 {
      for count in [1, 3, 13] {
        let spec = Self.spec(kind, categories: count, length: length, script: script)
        for frame in Self.frames {
          let what = "\(kind) \(count)×\(length) script \(script) in \(frame.size)"
          let layout = try ChartRenderer.draw(spec, on: canvas, in: frame)
          #expect(layout.plot.width > 0 && layout.plot.height > 0, "\(what): plot \(layout.plot)")
          #expect(layout.textsOutsideFrame.isEmpty, "\(what): \(layout.textsOutsideFrame.map(\.text))")
          Self.expectFinite(layout, canvas, what)
          Self.expectMarks(spec, layout, what)
          Self.expectNamesOrTheirBeginnings(spec, layout, what)
        }
      }
    }
  }

  /// The district chart of the issue: 12 districts, one of them 100 or 120 characters long.
  @Test(arguments: [60, 100, 120, 200])
  func oneLongDistrictKeepsEveryBar(length: Int) throws {
    for script in 0..<3 {
      var spec = Fixtures.combo
      spec.categories[3] = Self.name(length, script: script)
      let layout = try ChartRenderer.draw(spec, on: RecordingCanvas(), in: Self.frames[0])
      Self.expectMarks(spec, layout, "\(length) script \(script)")
      let widths = spec.categories.indices.compactMap { layout.barRect(series: 0, category: $0)?.width }
      #expect(widths.count == 12 && widths.allSatisfy { $0 >= 5 }, "\(widths)")
      #expect(layout.textsOutsideFrame.isEmpty)
    }
  }

  @Test(arguments: [60, 150, 400])
  func manyCategoriesLayOut(count: Int) throws {
    let canvas = try RecordingCanvas()
    for kind in ChartKind.allCases {
      let spec = Self.spec(kind, categories: count, length: 14, script: count % 3)
      for frame in Self.frames {
        let what = "\(kind) \(count) in \(frame.size)"
        let layout = try ChartRenderer.draw(spec, on: canvas, in: frame)
        Self.expectFinite(layout, canvas, what)
        Self.expectMarks(spec, layout, what)
        #expect(layout.textsOutsideFrame.isEmpty, "\(what): \(layout.textsOutsideFrame.map(\.text))")
      }
    }
  }

  /// A chart with no data: no categories, no series, or every value absent.
  static func emptySpecs(_ kind: ChartKind) -> [ChartSpec] {
    let base = spec(kind, categories: 4, length: 4, script: 0)
    var noCategories = base
    noCategories.categories = []
    for s in noCategories.series.indices {
      noCategories.series[s].values = []
      noCategories.series[s].labels = noCategories.series[s].labels.map { _ in [] }
    }
    var allAbsent = base
    for s in allAbsent.series.indices {
      allAbsent.series[s].values = base.categories.map { _ in nil }
      allAbsent.series[s].labels = allAbsent.series[s].labels.map { $0.map { _ in nil } }
    }
    allAbsent.totalLabel = nil
    var noSeries = base
    noSeries.series = []
    return [noCategories, allAbsent, noSeries]
  }

  @Test(arguments: ChartKind.allCases)
  func aChartWithNoDataDrawsTheEmptyState(kind: ChartKind) throws {
    for (n, spec) in Self.emptySpecs(kind).enumerated() {
      try spec.validate()
      for frame in Self.frames {
        let canvas = try RecordingCanvas()
        let layout = try ChartRenderer.draw(spec, on: canvas, in: frame)
        let empty = layout.texts.filter { $0.role == .emptyState }.map(\.text.text)
        #expect(empty == ["本期无数据"], "\(kind) #\(n)")
        #expect(layout.texts.contains { $0.role == .title }, "\(kind) #\(n)")
        #expect(layout.texts.contains { $0.role == .source }, "\(kind) #\(n)")
        let drawn = layout.marks(where: {
          switch $0 {
          case .bar, .line, .marker, .wedge, .dataLabel, .absentLabel, .legendLabel: true
          default: false
          }
        })
        #expect(drawn.isEmpty, "\(kind) #\(n)")
        #expect(layout.textsOutsideFrame.isEmpty)
        Self.expectFinite(layout, canvas, "\(kind) #\(n)")
      }
    }
  }

  /// The empty state in pixels: grey text in the middle of the plot (look at it with
  /// `MINSHENG_CHART_GALLERY`), and as text in a PDF.
  @Test func theEmptyStateIsDrawnInPNGAndPDF() throws {
    let folder = try TemporaryDirectory()
    let typesetter = try Typesetter()
    let spec = Self.emptySpecs(.composition)[0]
    let (image, layout) = try ChartRenderer.renderImage(spec, typesetter: typesetter)
    let box = try #require(layout.texts.first { $0.role == .emptyState }?.text.bounds)
    #expect(abs(box.midX - layout.plot.midX) < 1 && abs(box.midY - layout.plot.midY) < 1)
    let scale = image.scale
    var inked = 0
    for x in stride(from: box.minX, to: box.maxX, by: 0.5) {
      for y in stride(from: box.minY, to: box.maxY, by: 0.5) {
        let pixel = image.pixel(x: Int(x * scale), y: Int(y * scale))
        if let pixel, pixel.red < 0.8 { inked += 1 }
      }
    }
    #expect(inked > 20)
    let url = folder.url.appendingPathComponent("empty.pdf")
    try ChartRenderer.writePDF(spec, to: url, typesetter: typesetter)
    let text = try run("pdftotext", [url.path, "-"])
    #expect(text.contains("本期无数据") && text.contains(spec.title.prefix(6)))
  }

  @Test func validationStillRejectsWhatCannotBeDrawn() {
    var refInfinite = Fixtures.ranking
    refInfinite.referenceLines[0].value = .infinity
    #expect(throws: ChartError.self) { try refInfinite.validate() }
    var twoSeriesDonut = Self.emptySpecs(.donut)[1]
    twoSeriesDonut.series.append(twoSeriesDonut.series[0])
    #expect(throws: ChartError.self) { try twoSeriesDonut.validate() }
    var missingTotal = Fixtures.donut
    missingTotal.totalLabel = nil
    #expect(throws: ChartError.self) { try missingTotal.validate() }
  }
}
