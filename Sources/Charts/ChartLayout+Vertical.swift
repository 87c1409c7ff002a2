import ChartModel
import Foundation
import Graphics

/// Category labels fitted under a plot: one line, balanced wraps, or rotated.
struct CategoryLabels {
  var mode: CategoryLabelMode
  /// The names as shown: whole, or (rotated ones too long for the chart) cut with an ellipsis.
  var texts: [String]
  var styles: [TextStyle]
  /// Height of the tallest label box.
  var height: Double
  /// How far the first label reaches left of the plot's left edge.
  var overhangLeft: Double

  /// Whether category `i` is named (all are, unless thinned).
  func shows(_ i: Int) -> Bool {
    if case .thinned(let every, _) = mode { return i % every == 0 }
    return true
  }

  /// Where label `i` goes under a plot whose bottom is `top - gap`.
  func mark(_ builder: LayoutBuilder, _ i: Int, centerX: Double, top: Double) -> TextMark {
    let text = texts[i]
    switch mode {
    case .horizontal, .wrapped:
      return builder.textMark(text, styles[i], at: Point(x: centerX, y: top), anchor: .top)
    case .rotated(let degrees), .thinned(_, let degrees):
      // The label ends at its category and hangs down to the left; shift so its box starts at `top`.
      let probe = builder.textMark(
        text, styles[i], at: Point(x: centerX, y: 0), anchor: .right, rotation: degrees)
      return builder.textMark(
        text, styles[i], at: Point(x: centerX + 3, y: top - probe.bounds.minY), anchor: .right,
        rotation: degrees)
    }
  }
}

/// The axes of a vertical chart once fitted: ticks on both sides, the plot, the category slots and
/// their labels.
struct VerticalAxes {
  var ticks: NiceTicks
  var secondaryTicks: NiceTicks?
  var plot: Rect
  var band: BandScale
  var labels: CategoryLabels

  /// The left axis, bottom to top of the plot.
  var scale: LinearScale { LinearScale(ticks: ticks, start: plot.maxY, end: plot.minY) }
  /// The right axis, when there is one.
  var secondaryScale: LinearScale? {
    secondaryTicks.map { LinearScale(ticks: $0, start: plot.maxY, end: plot.minY) }
  }
}

extension LayoutBuilder {
  /// Category names under the plot: on one line, wrapped (up to 3 balanced lines), or rotated
  /// (45°, 90°, or every k-th at 45°). A rotated name longer than its room (see `maxWidth`) is
  /// cut with an ellipsis; it never reaches left more than 35 % of `body`'s width.
  func arrangeCategoryLabels(_ band: BandScale, body: Rect) -> CategoryLabels {
    let style = theme.categoryLabel
    let available = band.bandwidth - 4
    let single = spec.categories.map { size($0, style) }
    let line = lineHeight(style)
    if single.map(\.width).max() ?? 0 <= band.bandwidth - 2 {
      return CategoryLabels(
        mode: .horizontal, texts: spec.categories, styles: spec.categories.map { _ in style },
        height: line, overhangLeft: 0)
    }
    var styles: [TextStyle] = []
    for category in spec.categories {
      guard let s = balancedWrap(category, style, maxWidth: available, maxLines: 3),
        s.wrapWidth == nil || category.count >= 2 * lineCount(category, s)
      else { break }  // no line of a single character ("10" / "月")
      styles.append(s)
    }
    if styles.count == spec.categories.count {
      let sizes = zip(spec.categories, styles).map { size($0, $1) }
      let height = sizes.map(\.height).max()!
      return CategoryLabels(
        mode: .wrapped(lines: Int((height / line).rounded())), texts: spec.categories, styles: styles,
        height: height, overhangLeft: 0)
    }
    // 45° reads best; neighbours stand `bandwidth × sin 45°` apart across the slant, so when that
    // is less than a line, turn the labels upright (90°); when even that is too tight, name only
    // every k-th category at 45°.
    let mode: CategoryLabelMode
    if band.bandwidth * 0.7071 >= line + 1 {
      mode = .rotated(degrees: 45)
    } else if band.bandwidth >= line + 1 {
      mode = .rotated(degrees: 90)
    } else {
      // A band of zero or less (a plot with no width) names only the first category.
      let every = band.bandwidth > 0 ? ((line + 1) / (band.bandwidth * 0.7071)).rounded(.up) : .infinity
      mode = .thinned(every: Int(min(every, Double(max(spec.categories.count, 1)))), degrees: 45)
    }
    // How long a rotated name may be when it hangs down `share` of the body's height.
    // (Never more than the body leaves under the axis captions, in a chart too small for its texts.)
    let free = body.height - lineHeight(theme.unit) - lineHeight(theme.tickLabel) / 2 - 10
    func bound(_ share: Double) -> Double {
      let height = min(body.height * share, free)
      if case .rotated(90) = mode { return height }
      return min(height / 0.7071 - line, body.width * 0.35 / 0.7071)
    }
    // A dozen characters (the longest usual district name) whenever 60 % of the height allows it,
    // a longer name only as far as 35 % of the height.
    let maxWidth = min(bound(0.6), max(bound(0.35), 12 * style.size))
    var labels = CategoryLabels(
      mode: mode, texts: spec.categories.map { fitted($0, style, maxWidth: max(maxWidth, line)).text },
      styles: spec.categories.map { _ in style }, height: 0, overhangLeft: 0)
    let boxes = spec.categories.indices.filter { labels.shows($0) }.map {
      labels.mark(self, $0, centerX: band.center($0), top: 0).bounds
    }
    labels.height = boxes.map(\.maxY).max() ?? 0
    labels.overhangLeft = max(0, boxes.map { band.start - $0.minX }.max() ?? 0)
    return labels
  }

  /// Line charts, columns (single or grouped) and combos, in passes: plan the axes (which measures
  /// tick and category labels), draw them, place the marks (bars, reference lines, lines), then
  /// place the data labels around the marks.
  mutating func vertical(_ body: Rect) -> ChartLayout {
    let axes = planVerticalAxes(body)
    drawVerticalAxes(axes, body: body)
    var placer = LabelPlacer(bounds: axes.plot)
    for box in fixedBoxes { placer.block(box) }
    let bars = placeColumns(axes, placer: &placer)
    let zeroY = axes.scale.zeroPosition
    marks.append(
      Mark(
        .baseline,
        .stroke(
          .line(from: Point(x: axes.plot.minX, y: zeroY), to: Point(x: axes.plot.maxX, y: zeroY)),
          theme.axis)))
    placeHorizontalReferenceLines(axes, placer: &placer)
    let points = placeLines(axes, placer: &placer)
    placeColumnLabels(bars, placer: &placer)
    placePointLabels(points, placer: &placer)
    return ChartLayout(
      frame: frame, plot: axes.plot, marks: marks, valueScale: axes.scale,
      secondaryScale: axes.secondaryScale, categoryScale: axes.band, categoryLabelMode: axes.labels.mode)
  }

  /// Fits the axes: fewer ticks when the plot is short (at least 22 pt between grid lines), and
  /// one more step at the top when the highest data label would stick out; the plot leaves room
  /// for the tick labels on either side and the category labels below.
  func planVerticalAxes(_ body: Rect) -> VerticalAxes {
    let hasSecondary = spec.series.contains { $0.axis == .secondary }
    let primaryDomain = domain(.primary) ?? domain(.secondary) ?? (0, 1)
    let plotTop = body.minY + lineHeight(theme.unit) + lineHeight(theme.tickLabel) / 2 + 3
    var targetIntervals = 5
    var extraSteps = 0
    let integral = isIntegral(domain(.primary) == nil ? .secondary : .primary)
    let firstBand = BandScale(count: spec.categories.count, start: body.minX, end: body.maxX)
    var axes = VerticalAxes(
      ticks: NiceTicks(lower: primaryDomain.lower, upper: primaryDomain.upper, integral: integral),
      secondaryTicks: nil, plot: body, band: firstBand,
      labels: arrangeCategoryLabels(firstBand, body: body))
    for _ in 0..<8 {
      var ticks = NiceTicks(
        lower: primaryDomain.lower, upper: primaryDomain.upper, targetIntervals: targetIntervals,
        integral: integral)
      for _ in 0..<extraSteps { ticks = ticks.extendedUpward() }
      let secondaryTicks = hasSecondary ? secondaryFor(ticks) : nil
      let tickWidth = ticks.values.map { size(tickText($0, ticks), theme.tickLabel).width }.max() ?? 0
      let secondaryWidth =
        secondaryTicks.map { t in t.values.map { size(tickText($0, t), theme.tickLabel).width }.max() ?? 0 }
        ?? 0
      var minX = body.minX + tickWidth + 6
      let maxX = body.maxX - (hasSecondary ? secondaryWidth + 6 : 2)
      var band = BandScale(count: spec.categories.count, start: minX, end: max(maxX, minX + 1))
      var labels = arrangeCategoryLabels(band, body: body)
      // Narrower slots may turn the names further (90° → every k-th at 45°): check again.
      for _ in 0..<3 where labels.overhangLeft > minX - body.minX + 0.01 {
        minX = body.minX + labels.overhangLeft
        band = BandScale(count: spec.categories.count, start: minX, end: max(maxX, minX + 1))
        labels = arrangeCategoryLabels(band, body: body)
      }
      // Never a plot of no size (a frame too small for its texts): at least 1 pt each way.
      let plotBottom = max(body.maxY - labels.height - 5, plotTop + 1)
      let plot = Rect(x: minX, y: plotTop, width: max(maxX - minX, 1), height: plotBottom - plotTop)
      axes = VerticalAxes(
        ticks: ticks, secondaryTicks: secondaryTicks, plot: plot, band: band, labels: labels)
      if plot.height / Double(ticks.intervals) < 22 && targetIntervals > 2 {
        targetIntervals -= 1
        continue
      }
      if extraSteps < 2 && lacksHeadroom(plot: plot, scale: axes.scale, secondary: axes.secondaryScale) {
        extraSteps += 1
        continue
      }
      break
    }
    return axes
  }

  /// Grid lines, tick labels on both sides, the axis captions and the category labels.
  mutating func drawVerticalAxes(_ axes: VerticalAxes, body: Rect) {
    let plot = axes.plot
    for (i, v) in axes.ticks.values.enumerated() {
      let y = axes.scale.position(of: v)
      if v != 0 && i != 0 {
        marks.append(
          Mark(
            .gridLine(index: i),
            .stroke(.line(from: Point(x: plot.minX, y: y), to: Point(x: plot.maxX, y: y)), theme.grid)))
      }
      add(
        .tickLabel(.primary, index: i),
        textMark(
          tickText(v, axes.ticks), theme.tickLabel, at: Point(x: plot.minX - 5, y: y), anchor: .right))
    }
    if let secondaryTicks = axes.secondaryTicks, let secondaryScale = axes.secondaryScale {
      for (i, v) in secondaryTicks.values.enumerated() {
        add(
          .tickLabel(.secondary, index: i),
          textMark(
            tickText(v, secondaryTicks), theme.tickLabel,
            at: Point(x: plot.maxX + 5, y: secondaryScale.position(of: v)), anchor: .left))
      }
    }
    let captionY = plot.minY - lineHeight(theme.tickLabel) / 2 - 2
    let hasSecondary = spec.series.contains(where: { $0.axis == .secondary })
    let captionWidth = hasSecondary ? body.width * 0.48 : body.width
    add(
      .unitLabel(.primary),
      fittedMark(
        spec.valueAxis.caption, theme.unit, maxWidth: captionWidth, at: Point(x: body.minX, y: captionY),
        anchor: .bottomLeft))
    if hasSecondary, let secondaryAxis = spec.secondaryAxis {
      add(
        .unitLabel(.secondary),
        fittedMark(
          secondaryAxis.caption, theme.unit, maxWidth: captionWidth, at: Point(x: body.maxX, y: captionY),
          anchor: .bottomRight))
    }
    for i in spec.categories.indices where axes.labels.shows(i) {
      add(.categoryLabel(i), axes.labels.mark(self, i, centerX: axes.band.center(i), top: plot.maxY + 5))
    }
  }

  /// The columns of the bar series side by side in each category, and a dash on the baseline
  /// for an absent value (never a zero-height bar). Returns each drawn column's rectangle.
  mutating func placeColumns(_ axes: VerticalAxes, placer: inout LabelPlacer) -> [Int: [Int: Rect]] {
    let barSeries = spec.series.indices.filter { drawsAsBars($0) }
    guard !barSeries.isEmpty else { return [:] }
    let zeroY = axes.scale.zeroPosition
    var barRects: [Int: [Int: Rect]] = [:]
    let k = Double(barSeries.count)
    let group = axes.band.bandwidth * (barSeries.count == 1 ? 0.6 : 0.74)
    // 1.5 pt between grouped bars, less in slots so narrow that the gaps would eat the bars.
    let gap = min(1.5, group / (4 * k))
    let barWidth = min((group - gap * (k - 1)) / k, 36)
    let groupWidth = barWidth * k + gap * (k - 1)
    for c in spec.categories.indices {
      for (j, s) in barSeries.enumerated() {
        let x = axes.band.center(c) - groupWidth / 2 + Double(j) * (barWidth + gap)
        guard let v = spec.series[s].values[c] else { continue }
        let y = axes.scale.position(of: v)
        let rect = Rect(x: x, y: min(y, zeroY), width: barWidth, height: abs(zeroY - y))
        barRects[s, default: [:]][c] = rect
        marks.append(
          Mark(.bar(series: s, category: c), .fill(Path.rect(rect), color(series: s, category: c))))
        let edgeY = v >= 0 ? rect.minY : rect.maxY
        let edge = Rect(x: rect.minX, y: v >= 0 ? edgeY - 1 : edgeY - 7, width: rect.width, height: 8)
        placer.blockBar(rect, valueEdge: edge)
      }
    }
    for c in spec.categories.indices {
      for (j, s) in barSeries.enumerated() where spec.series[s].values[c] == nil {
        let x = axes.band.center(c) - groupWidth / 2 + Double(j) * (barWidth + gap) + barWidth / 2
        let dash = textMark("—", theme.dataLabel, at: Point(x: x, y: zeroY - 2), anchor: .bottom)
        if placer.fits(dash.placement) {
          placer.block(dash.bounds)
          add(.absentLabel(series: s, category: c), dash)
        }
      }
    }
    return barRects
  }

  /// Reference lines across the plot, each labelled at the first free corner along it.
  mutating func placeHorizontalReferenceLines(_ axes: VerticalAxes, placer: inout LabelPlacer) {
    let plot = axes.plot
    for (i, ref) in spec.referenceLines.enumerated() {
      let refScale = ref.axis == .secondary ? (axes.secondaryScale ?? axes.scale) : axes.scale
      let y = refScale.position(of: ref.value)
      let text = fitted(ref.label, theme.referenceLabel, maxWidth: plot.width - 4).text
      marks.append(
        Mark(
          .referenceLine(i),
          .stroke(.line(from: Point(x: plot.minX, y: y), to: Point(x: plot.maxX, y: y)), theme.reference)))
      let candidates = [
        (Point(x: plot.maxX - 2, y: y - 2), TextAnchor.bottomRight),
        (Point(x: plot.maxX - 2, y: y + 2), .topRight), (Point(x: plot.minX + 2, y: y - 2), .bottomLeft),
        (Point(x: plot.minX + 2, y: y + 2), .topLeft),
      ].map { textMark(text, theme.referenceLabel, at: $0.0, anchor: $0.1).placement }
      let placed = placer.place(candidates) ?? (within(candidates[0], inner), true)
      addLabel(
        .referenceLabel(i),
        TextMark(text: text, style: theme.referenceLabel, placement: placed.placement),
        knockout: placed.knockout)
      placer.blockSoftly(Rect(x: plot.minX, y: y - 1, width: plot.width, height: 2))
    }
  }

  /// The line series (broken where a value is absent), then their markers. Returns each drawn
  /// point.
  mutating func placeLines(_ axes: VerticalAxes, placer: inout LabelPlacer) -> [Int: [Int: Point]] {
    var points: [Int: [Int: Point]] = [:]
    for s in spec.series.indices where !drawsAsBars(s) {
      let lineScale = spec.series[s].axis == .secondary ? (axes.secondaryScale ?? axes.scale) : axes.scale
      var segment: [Point] = []
      var segments: [[Point]] = []
      for c in spec.categories.indices {
        if let v = spec.series[s].values[c] {
          let p = Point(x: axes.band.center(c), y: lineScale.position(of: v))
          points[s, default: [:]][c] = p
          segment.append(p)
        } else if !segment.isEmpty {
          segments.append(segment)
          segment = []
        }
      }
      if !segment.isEmpty { segments.append(segment) }
      let stroke = StrokeStyle(
        color: theme.color(series: s), width: theme.lineWidth, dash: theme.dash(series: s), cap: .butt,
        join: .round)
      for (n, segment) in segments.enumerated() where segment.count > 1 {
        marks.append(Mark(.line(series: s, segment: n), .stroke(.polyline(segment), stroke)))
        placer.blockSoftly(polyline: segment, width: theme.lineWidth)
      }
    }
    for (s, byCategory) in points.sorted(by: { $0.key < $1.key }) {
      for (c, p) in byCategory.sorted(by: { $0.key < $1.key }) {
        marks += markerMarks(series: s, category: c, at: p)
        let r = theme.markerRadius + 1
        placer.block(Rect(x: p.x - r, y: p.y - r, width: 2 * r, height: 2 * r))
      }
    }
    return points
  }

  /// Column labels: above the column (below a negative one), else inside it in white, else
  /// above on a knockout box; a label that fits nowhere is left out.
  mutating func placeColumnLabels(_ barRects: [Int: [Int: Rect]], placer: inout LabelPlacer) {
    for s in spec.series.indices where drawsAsBars(s) && spec.series[s].showsDataLabels {
      for (c, rect) in (barRects[s] ?? [:]).sorted(by: { $0.key < $1.key }) {
        guard let text = label(series: s, category: c) else { continue }
        let negative = (spec.series[s].values[c] ?? 0) < 0
        let outside =
          negative
          ? textMark(text, theme.dataLabel, at: Point(x: rect.midX, y: rect.maxY + 2), anchor: .top)
          : textMark(text, theme.dataLabel, at: Point(x: rect.midX, y: rect.minY - 2), anchor: .bottom)
        var insideStyle = theme.dataLabel
        insideStyle.color = theme.background
        let inside =
          negative
          ? textMark(text, insideStyle, at: Point(x: rect.midX, y: rect.maxY - 8), anchor: .bottom)
          : textMark(text, insideStyle, at: Point(x: rect.midX, y: rect.minY + 8), anchor: .top)
        if placer.fits(outside.placement) {
          placer.block(outside.bounds)
          add(.dataLabel(series: s, category: c), outside)
        } else if rect.contains(inside.bounds), placer.fits(inside.placement, ignoring: rect) {
          placer.block(inside.bounds)
          add(.dataLabel(series: s, category: c), inside)
        } else if let placed = placer.place([outside.placement]) {
          addLabel(.dataLabel(series: s, category: c), outside, knockout: placed.knockout)
        }
      }
    }
  }

  /// Point labels of the line series: above, below, right or left of the marker, whichever is
  /// free first; a label that fits nowhere is left out.
  mutating func placePointLabels(_ points: [Int: [Int: Point]], placer: inout LabelPlacer) {
    for s in spec.series.indices where !drawsAsBars(s) && spec.series[s].showsDataLabels {
      let gap = theme.markerRadius + 2
      for (c, p) in (points[s] ?? [:]).sorted(by: { $0.key < $1.key }) {
        guard let text = label(series: s, category: c) else { continue }
        let candidates = [
          (Point(x: p.x, y: p.y - gap), TextAnchor.bottom), (Point(x: p.x, y: p.y + gap), .top),
          (Point(x: p.x + gap, y: p.y), .left), (Point(x: p.x - gap, y: p.y), .right),
        ].map { textMark(text, theme.dataLabel, at: $0.0, anchor: $0.1).placement }
        if let placed = placer.place(candidates) {
          addLabel(
            .dataLabel(series: s, category: c),
            TextMark(text: text, style: theme.dataLabel, placement: placed.placement),
            knockout: placed.knockout)
        }
      }
    }
  }

  func secondaryFor(_ ticks: NiceTicks) -> NiceTicks? {
    guard let d = domain(.secondary) else { return nil }
    return NiceTicks(matching: ticks.intervals, lower: d.lower, upper: d.upper)
  }

  /// Whether the label over the highest value of some series would stick out of the plot's top.
  func lacksHeadroom(plot: Rect, scale: LinearScale, secondary: LinearScale?) -> Bool {
    let labelHeight = lineHeight(theme.dataLabel)
    for (s, series) in spec.series.enumerated() where series.showsDataLabels {
      guard let top = series.values.compactMap({ $0 }).max(), top > 0 else { continue }
      let sc = series.axis == .secondary ? (secondary ?? scale) : scale
      let gap = drawsAsBars(s) ? 2 : theme.markerRadius + 2
      if sc.position(of: top) - gap - labelHeight < plot.minY - 0.01 { return true }
    }
    return false
  }
}
