import ChartModel
import Charts
import Graphics
import TestSupport
import Testing

/// Layout checked without pixels: each chart drawn onto a recording canvas, which keeps every text
/// with the box it takes.
@Suite struct LayoutTests {
  static let frames = [
    Rect(x: 0, y: 0, width: 576, height: 324),
    Rect(x: 0, y: 0, width: 360, height: 260),
    Rect(x: 40, y: 300, width: 515, height: 300),  // a region of an A4 page
  ]

  static var cases: [(ChartSpec, Rect)] {
    (Fixtures.all + Fixtures.edgeCases).flatMap { spec in frames.map { (spec, $0) } }
  }

  func record(_ spec: ChartSpec, _ frame: Rect) throws -> (RecordingCanvas, ChartLayout) {
    let canvas = try RecordingCanvas()
    let layout = try ChartRenderer.draw(spec, on: canvas, in: frame)
    return (canvas, layout)
  }

  @Test(arguments: cases)
  func noTextLeavesTheCanvas(spec: ChartSpec, frame: Rect) throws {
    let (canvas, _) = try record(spec, frame)
    #expect(canvas.texts.count > (spec.hasData ? 10 : 2))
    for t in canvas.texts {
      #expect(
        frame.contains(t.placement.bounds, tolerance: 0.01), "\(spec.id): \(t.text) at \(t.placement.bounds)")
    }
  }

  @Test(arguments: cases)
  func noTwoTextsOverlap(spec: ChartSpec, frame: Rect) throws {
    let (canvas, _) = try record(spec, frame)
    let texts = canvas.texts
    for i in texts.indices {
      for j in texts.indices where j > i {
        let overlap = texts[i].placement.overlaps(texts[j].placement, tolerance: 0.25)
        #expect(!overlap, "\(spec.id) in \(frame.size): “\(texts[i].text)” overlaps “\(texts[j].text)”")
      }
    }
  }

  @Test(arguments: Fixtures.all)
  func typographyFollowsTheHouseStyle(spec: ChartSpec) throws {
    let (_, layout) = try record(spec, Rect(x: 0, y: 0, width: 576, height: 324))
    let title = try #require(layout.texts.first { $0.role == .title }?.text)
    #expect(title.text == spec.title)
    #expect((12...14).contains(title.style.size) && title.style.weight == .bold)
    for (role, t) in layout.texts where role != .title && role != .centerLabel {
      #expect((8...9).contains(t.style.size), "\(role) is \(t.style.size) pt")
    }
    // The source line sits at the bottom-left.
    let source = try #require(layout.texts.first { $0.role == .source }?.text)
    #expect(source.text.hasPrefix("资料来源："))
    #expect(abs(source.bounds.minX - 12) < 0.01)
    #expect(abs(source.bounds.maxY - (324 - 12)) < 0.01)
    // Every category is named.
    let categoryLabels = texts(layout) { if case .categoryLabel = $0 { true } else { false } }
    #expect(categoryLabels == spec.categories)
  }

  @Test(arguments: Fixtures.all)
  func legendOnlyWithSeveralSeries(spec: ChartSpec) throws {
    let (_, layout) = try record(spec, Rect(x: 0, y: 0, width: 576, height: 324))
    let legend = texts(layout) { if case .legendLabel = $0 { true } else { false } }
    if spec.series.count > 1 {
      #expect(legend == spec.series.map(\.name))
    } else {
      #expect(legend.isEmpty)
    }
  }

  @Test func unitsAreShownOnTheAxes() throws {
    let (_, combo) = try record(Fixtures.combo, Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(combo.texts.first { $0.role == .unitLabel(.primary) }?.text.text == "单位：件")
    #expect(combo.texts.first { $0.role == .unitLabel(.secondary) }?.text.text == "同比（%）")
    let (_, insurance) = try record(Fixtures.insurance, Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(insurance.texts.first { $0.role == .unitLabel(.primary) }?.text.text == "单位：万人")
  }

  @Test func tickLabelsHaveThousandsSeparators() throws {
    let (_, layout) = try record(Fixtures.combo, Rect(x: 0, y: 0, width: 576, height: 324))
    let ticks = texts(layout) { if case .tickLabel(.primary, _) = $0 { true } else { false } }
    #expect(ticks == ["0", "500", "1,000", "1,500", "2,000", "2,500"])
  }

  @Test func barHeightsAreProportionalToValues() throws {
    let (_, layout) = try record(Fixtures.insurance, Rect(x: 0, y: 0, width: 576, height: 324))
    let scale = try #require(layout.valueScale)
    for (s, series) in Fixtures.insurance.series.enumerated() {
      for (c, value) in series.values.enumerated() {
        let rect = try #require(layout.barRect(series: s, category: c))
        #expect(abs(rect.maxY - scale.zeroPosition) < 1e-9)
        let perUnit = layout.plot.height / (scale.ticks.upper - scale.ticks.lower)
        #expect(abs(rect.height - value! * perUnit) < 1e-6)
      }
    }
  }

  @Test func absentMonthsLeaveAGapInTheLine() throws {
    let (_, layout) = try record(Fixtures.trend, Rect(x: 0, y: 0, width: 576, height: 324))
    let segments = layout.marks(where: { if case .line(series: 0, _) = $0 { true } else { false } })
    #expect(segments.count == 2)  // 1–6月 and 8–10月
    let markers = Set(
      layout.marks.compactMap { m -> Int? in
        if case .marker(series: 0, let c) = m.role { return c } else { return nil }
      })
    #expect(markers == [0, 1, 2, 3, 4, 5, 7, 8, 9])
    // Every point of the drawn lines is a real value: nothing at the baseline.
    let zero = try #require(layout.valueScale).zeroPosition
    for m in segments {
      guard case .stroke(let path, _) = m.shape else { continue }
      #expect(path.controlBounds.maxY < zero - 10)
    }
  }

  @Test func absentBarIsADashNotAZeroBar() throws {
    let (_, layout) = try record(Fixtures.ranking, Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(layout.barRect(series: 0, category: 12) == nil)
    let dash = layout.texts.first { $0.role == .absentLabel(series: 0, category: 12) }
    #expect(dash?.text.text == "—")
  }

  @Test func negativeColumnsHangBelowZero() throws {
    let spec = Fixtures.edgeCases[1]
    let (_, layout) = try record(spec, Rect(x: 0, y: 0, width: 576, height: 324))
    let zero = try #require(layout.valueScale).zeroPosition
    let fall = try #require(layout.barRect(series: 0, category: 0))
    #expect(abs(fall.minY - zero) < 1e-9 && fall.maxY > zero)
    let rise = try #require(layout.barRect(series: 0, category: 1))
    #expect(abs(rise.maxY - zero) < 1e-9)
    #expect(texts(layout) { $0 == .dataLabel(series: 0, category: 4) } == ["-25.0%"])
  }

  @Test func aSeriesWithNothingReportedDrawsTheEmptyState() throws {
    let (_, layout) = try record(Fixtures.edgeCases[0], Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(layout.marks(where: { if case .bar = $0 { true } else { false } }).isEmpty)
    #expect(texts(layout) { $0 == .emptyState } == ["本期无数据"])
    #expect(texts(layout) { if case .categoryLabel = $0 { true } else { false } }.isEmpty)
  }

  @Test func referenceLineIsLabelled() throws {
    let (_, layout) = try record(Fixtures.ranking, Rect(x: 0, y: 0, width: 576, height: 324))
    let line = try #require(layout.marks(where: { $0 == .referenceLine(0) }).first)
    guard case .stroke(let path, let style) = line.shape else {
      Issue.record("reference line is not a stroke")
      return
    }
    #expect(!style.dash.isEmpty)
    let x = try #require(layout.valueScale).position(of: 83.3)
    #expect(abs(path.controlBounds.midX - x) < 1e-9)
    #expect(layout.texts.first { $0.role == .referenceLabel(0) }?.text.text == "序时进度 83.3%")
  }

  @Test func everyRankingValueIsLabelled() throws {
    let (_, layout) = try record(Fixtures.ranking, Rect(x: 0, y: 0, width: 576, height: 324))
    let labels = texts(layout) { if case .dataLabel = $0 { true } else { false } }
    #expect(labels.count == 12)
    #expect(labels.contains("81.2%"))
  }

  @Test func compositionShowsTheCallersLabels() throws {
    let (_, layout) = try record(Fixtures.composition, Rect(x: 0, y: 0, width: 576, height: 324))
    let labels = texts(layout) { if case .dataLabel = $0 { true } else { false } }
    #expect(labels.first == "1,862（23.3%）")
    let shares = labels.compactMap { label -> Double? in
      guard let open = label.firstIndex(of: "（"), let percent = label.firstIndex(of: "%") else { return nil }
      return Double(label[label.index(after: open)..<percent])
    }
    #expect(shares.count == 9)
    #expect(abs(shares.reduce(0, +) - 100) < 0.3)
    // 其他 is drawn in the muted grey.
    let other = try #require(layout.marks(where: { $0 == .bar(series: 0, category: 8) }).first)
    #expect(
      other.shape == .fill(Path.rect(layout.barRect(series: 0, category: 8)!), ChartTheme.standard.muted))
  }

  @Test func longNamesWrapThenRotate() throws {
    let (_, wide) = try record(Fixtures.combo, Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(wide.categoryLabelMode == .wrapped(lines: 3))
    let (canvas, narrow) = try record(Fixtures.combo, Rect(x: 0, y: 0, width: 300, height: 260))
    #expect(narrow.categoryLabelMode == .rotated(degrees: 45))
    let labels = canvas.texts.filter { Fixtures.combo.categories.contains($0.text) }
    #expect(labels.count == 12)
    for (a, b) in zip(labels, labels.dropFirst()) {
      #expect(!a.placement.overlaps(b.placement))
    }
  }

  @Test func callerLabelsAreShownAsGiven() throws {
    var spec = Fixtures.insurance
    spec.series = [
      Series(
        name: "参保人数", values: [312.45, 268.12, 285.60, 402.37, 156.08, 171.92],
        labels: ["312.5", "268.1", "285.6", "402.4", "156.1", "171.9"])
    ]
    let (_, layout) = try record(spec, Rect(x: 0, y: 0, width: 576, height: 324))
    #expect(layout.texts.first { $0.role == .dataLabel(series: 0, category: 0) }?.text.text == "312.5")
  }

  @Test func invalidSpecsAreRejected() throws {
    var short = Fixtures.trend
    short.series[0].values.removeLast()
    #expect(throws: ChartError.self) { try record(short, Rect(x: 0, y: 0, width: 576, height: 324)) }
    var donut = Fixtures.donut
    donut.series.append(donut.series[0])
    #expect(throws: ChartError.self) { try donut.validate() }
    var noAxis = Fixtures.combo
    noAxis.secondaryAxis = nil
    #expect(throws: ChartError.self) { try noAxis.validate() }
    var infinite = Fixtures.insurance
    infinite.series[0].values[0] = .infinity
    #expect(throws: ChartError.self) { try infinite.validate() }
  }

  /// A chart computes no statistic: compositions and donuts come with their shares and total.
  @Test func sharesAndTotalsComeFromTheCaller() throws {
    try Fixtures.composition.validate()
    try Fixtures.donut.validate()
    var unlabelled = Fixtures.composition
    unlabelled.series[0].labels = nil
    #expect(
      throws: ChartError.invalidSpec(
        id: unlabelled.id, "a composition chart needs the caller's labels (value shares)")
    ) {
      try unlabelled.validate()
    }
    var oneMissing = Fixtures.donut
    oneMissing.series[0].labels?[2] = nil
    #expect(throws: ChartError.invalidSpec(id: oneMissing.id, "series 信访事项 has no label for 自然资源")) {
      try oneMissing.validate()
    }
    // An absent value needs no label.
    var absent = Fixtures.donut
    absent.series[0].values[2] = nil
    absent.series[0].labels?[2] = nil
    try absent.validate()
    var noTotal = Fixtures.donut
    noTotal.totalLabel = nil
    #expect(throws: ChartError.invalidSpec(id: noTotal.id, "a donut chart needs a total label")) {
      try noTotal.validate()
    }
  }

  @Test func donutShowsTheCallersSharesAndTotal() throws {
    var spec = Fixtures.donut
    spec.totalLabel = "合共8千件"
    spec.series[0].labels?[0] = "约四分之一"
    let (_, layout) = try record(spec, Rect(x: 0, y: 0, width: 576, height: 324))
    let center = texts(layout) { $0 == .centerLabel }
    #expect(center == ["合计", "合共8千件"])
    let first = texts(layout) { $0 == .dataLabel(series: 0, category: 0) }
    #expect(first == ["1,862", "约四分之一"])
  }
}

/// The texts of the marks whose role matches, in drawing order.
func texts(_ layout: ChartLayout, where matches: (MarkRole) -> Bool) -> [String] {
  layout.texts.compactMap { matches($0.role) ? $0.text.text : nil }
}

@Suite struct PaletteTests {
  @Test func firstTwoSeriesStayApartInGreyScale() {
    let theme = ChartTheme.standard
    let l0 = theme.color(series: 0).luminance
    let l1 = theme.color(series: 1).luminance
    #expect(abs(l0 - l1) > 0.25)
    // Both distinct from the muted grey of 其他 / the report region and from the white background.
    #expect(theme.palette.allSatisfy { $0 != theme.muted && $0.luminance < 0.9 })
  }

  @Test func lineSeriesDifferByDashAndMarker() {
    let theme = ChartTheme.standard
    #expect(theme.dash(series: 0) != theme.dash(series: 1))
    #expect(MarkerShape.forSeries(0) != MarkerShape.forSeries(1))
    #expect(MarkerShape.forSeries(0).isHollow != MarkerShape.forSeries(1).isHollow)
  }
}
