import ChartModel
import Graphics

/// What a horizontal chart's layout measures first: the category slots, the styles that fit
/// them, and the data label texts with their widths.
struct HorizontalLabels {
  var band: BandScale
  /// The names as shown: whole, or cut with an ellipsis when two lines cannot hold them.
  var categoryTexts: [String]
  var categoryStyles: [TextStyle]
  /// Only every `every`-th category is named (from the first) when the slots are lower than a
  /// line at the smallest size: hundreds of categories.
  var every: Int
  var dataStyle: TextStyle
  /// Room left of the plot for the category names (and the caption under them).
  var leftWidth: Double
  /// Data label texts by series and category.
  var texts: [[String?]]
  var widths: [[Double]]
}

extension LayoutBuilder {
  /// Ranked bars and compositions: categories down the left, values along the bottom. In passes:
  /// measure the labels, plan the value axis, draw the axes, place the bars and reference lines,
  /// then the data labels.
  mutating func horizontal(_ body: Rect) -> ChartLayout {
    let isComposition = spec.kind == .composition
    var plotTop = body.minY
    if !spec.referenceLines.isEmpty { plotTop += lineHeight(theme.referenceLabel) + 5 }
    if isComposition { plotTop += lineHeight(theme.unit) + 4 }
    let plotBottom = body.maxY - (isComposition ? 0 : lineHeight(theme.tickLabel) + 5)
    let labels = measureHorizontalLabels(
      BandScale(count: spec.categories.count, start: plotTop, end: plotBottom))
    let (ticks, scale, plot) = planHorizontalAxis(
      body, labels: labels, plotTop: plotTop, plotBottom: plotBottom)
    drawHorizontalAxis(ticks: ticks, scale: scale, plot: plot, labels: labels)
    var placer = LabelPlacer(bounds: plot)
    placer.verticalBars = false
    // Value labels of neighbouring bars stand one slot apart: keep up to 1 pt between them, less
    // when the slots are tight (line boxes carry the font's generous ascent and descent).
    placer.margin = max(0, min(1, (labels.band.bandwidth - lineHeight(labels.dataStyle)) / 2 - 0.05))
    let rects = placeHorizontalBars(scale: scale, labels: labels, placer: &placer)
    let zeroX = scale.zeroPosition
    marks.append(
      Mark(
        .baseline,
        .stroke(.line(from: Point(x: zeroX, y: plot.minY), to: Point(x: zeroX, y: plot.maxY)), theme.axis)))
    placeVerticalReferenceLines(scale: scale, plot: plot, placer: &placer)
    for (s, c, rect, negative) in rects where spec.series[s].showsDataLabels {
      guard let text = labels.texts[s][c] else { continue }
      let outside = textMark(
        text, labels.dataStyle, at: Point(x: negative ? rect.minX - 3 : rect.maxX + 3, y: rect.midY),
        anchor: negative ? .right : .left)
      // Clear of the reference line if possible, else across it on a knockout box.
      if let placed = placer.place([outside.placement]) {
        addLabel(.dataLabel(series: s, category: c), outside, knockout: placed.knockout)
      }
    }
    return ChartLayout(
      frame: frame, plot: plot, marks: marks, valueScale: scale, secondaryScale: nil,
      categoryScale: labels.band, categoryLabelMode: .horizontal)
  }

  /// Many categories in a short chart: shrink names and values to the slot height (the house
  /// sizes hold at the default size; never below 6 pt; below that, name every k-th), and wrap
  /// names only if two lines fit; a name longer than its room is cut with an ellipsis.
  func measureHorizontalLabels(_ band: BandScale) -> HorizontalLabels {
    var categoryStyle = theme.categoryLabel
    categoryStyle.alignment = .right
    let fit = min(1, (band.bandwidth - 0.5) / lineHeight(categoryStyle))
    categoryStyle.size = max(6, (categoryStyle.size * fit * 4).rounded(.down) / 4)
    var dataStyle = theme.dataLabel
    dataStyle.size = min(dataStyle.size, categoryStyle.size)
    let maxLabelWidth = inner.width * 0.28
    let maxLines = band.bandwidth >= 2 * lineHeight(categoryStyle) + 1 ? 2 : 1
    let categories = spec.categories.map { name -> (text: String, style: TextStyle) in
      if let style = balancedWrap(name, categoryStyle, maxWidth: maxLabelWidth, maxLines: maxLines) {
        return (name, style)
      }
      return fitted(name, categoryStyle, maxWidth: maxLabelWidth, maxLines: maxLines)
    }
    let categorySizes = categories.map { size($0.text, $0.style) }
    let caption = fittedMark(
      spec.valueAxis.caption, theme.unit, maxWidth: maxLabelWidth, at: .zero, anchor: .topLeft)
    let showTicks = spec.kind != .composition
    let leftWidth = max(categorySizes.map(\.width).max() ?? 0, showTicks ? caption.bounds.width : 0) + 8
    let slot = lineHeight(categoryStyle)
    let every = band.bandwidth >= slot ? 1 : Int(min((slot / max(band.bandwidth, 0.01)).rounded(.up), 1e6))
    let texts: [[String?]] = spec.series.indices.map { s in
      spec.categories.indices.map { label(series: s, category: $0) }
    }
    return HorizontalLabels(
      band: band, categoryTexts: categories.map(\.text), categoryStyles: categories.map(\.style),
      every: every, dataStyle: dataStyle, leftWidth: leftWidth, texts: texts,
      widths: texts.map { $0.map { $0.map { size($0, dataStyle).width } ?? 0 } })
  }

  /// The value axis: ticks extended until every data label fits right of its bar; a composition
  /// has no axis drawn, so its longest bar is scaled to leave exactly room for its label.
  func planHorizontalAxis(
    _ body: Rect, labels: HorizontalLabels, plotTop: Double, plotBottom: Double
  ) -> (NiceTicks, LinearScale, Rect) {
    let isComposition = spec.kind == .composition
    let d = domain(.primary) ?? (0, 1)
    var ticks = NiceTicks(lower: d.lower, upper: d.upper, integral: isIntegral(.primary))
    var plot = body
    var scale = LinearScale(ticks: ticks, start: 0, end: 1)
    for attempt in 0..<4 {
      let lastTick = size(tickText(ticks.upper, ticks), theme.tickLabel).width
      let maxX = body.maxX - (isComposition ? 2 : lastTick / 2 + 1)
      plot = Rect(
        x: body.minX + labels.leftWidth, y: plotTop, width: maxX - body.minX - labels.leftWidth,
        height: plotBottom - plotTop)
      if isComposition {
        var upper = d.upper > 0 ? d.upper : 1
        for (c, v) in spec.series[0].values.enumerated() {
          guard let v, v > 0 else { continue }
          let room = plot.width - 4 - labels.widths[0][c]
          if room > 0 { upper = min(max(upper, v * (plot.width / room)), NiceTicks.limit) }
        }
        ticks = NiceTicks(start: 0, step: upper, intervals: 1)
        scale = LinearScale(ticks: ticks, start: plot.minX, end: plot.maxX)
        break
      }
      scale = LinearScale(ticks: ticks, start: plot.minX, end: plot.maxX)
      let overflows = spec.series.indices.contains { s in
        spec.series[s].showsDataLabels
          && spec.series[s].values.enumerated().contains { c, v in
            guard let v, v > 0 else { return false }
            return scale.position(of: v) + 3 + labels.widths[s][c] > plot.maxX
          }
      }
      if attempt < 3 && overflows {
        ticks = ticks.extendedUpward()
        continue
      }
      break
    }
    return (ticks, scale, plot)
  }

  /// Grid lines and tick labels along the bottom (none for a composition), the caption, and the
  /// category names down the left.
  mutating func drawHorizontalAxis(ticks: NiceTicks, scale: LinearScale, plot: Rect, labels: HorizontalLabels)
  {
    if spec.kind != .composition {
      for (i, v) in ticks.values.enumerated() {
        let x = scale.position(of: v)
        if v != 0 && i != 0 {
          marks.append(
            Mark(
              .gridLine(index: i),
              .stroke(.line(from: Point(x: x, y: plot.minY), to: Point(x: x, y: plot.maxY)), theme.grid)))
        }
        // Centred on its tick, moved inward only if it would leave the chart (a huge number).
        var tick = textMark(
          tickText(v, ticks), theme.tickLabel, at: Point(x: x, y: plot.maxY + 4), anchor: .top)
        tick.placement = within(tick.placement, inner)
        add(.tickLabel(.primary, index: i), tick)
      }
      add(
        .unitLabel(.primary),
        fittedMark(
          spec.valueAxis.caption, theme.unit, maxWidth: labels.leftWidth - 8,
          at: Point(x: plot.minX - 8, y: plot.maxY + 4), anchor: .topRight))
    } else {
      add(
        .unitLabel(.primary),
        fittedMark(
          spec.valueAxis.caption, theme.unit, maxWidth: plot.width * 0.6,
          at: Point(x: plot.maxX, y: plot.minY - 4), anchor: .bottomRight))
    }
    for i in spec.categories.indices where i % labels.every == 0 {
      add(
        .categoryLabel(i),
        textMark(
          labels.categoryTexts[i], labels.categoryStyles[i],
          at: Point(x: plot.minX - 6, y: labels.band.center(i)), anchor: .right))
    }
  }

  /// The bars of every series stacked in each category's slot, and a dash for an absent value.
  /// Returns each drawn bar with whether it points left.
  mutating func placeHorizontalBars(
    scale: LinearScale, labels: HorizontalLabels, placer: inout LabelPlacer
  ) -> [(s: Int, c: Int, rect: Rect, negative: Bool)] {
    let barSeries = Array(spec.series.indices)
    let k = Double(barSeries.count)
    let thickness = min(labels.band.bandwidth * (barSeries.count == 1 ? 0.62 : 0.78), 22 * k)
    // 1.5 pt between a slot's bars, less in slots so low that the gaps would eat the bars.
    let gap = min(1.5, thickness / (4 * k))
    let barHeight = (thickness - gap * (k - 1)) / k
    let zeroX = scale.zeroPosition
    var rects: [(s: Int, c: Int, rect: Rect, negative: Bool)] = []
    for c in spec.categories.indices {
      for (j, s) in barSeries.enumerated() {
        let y = labels.band.center(c) - thickness / 2 + Double(j) * (barHeight + gap)
        guard let v = spec.series[s].values[c] else {
          let dash = textMark(
            "—", labels.dataStyle, at: Point(x: zeroX + 3, y: y + barHeight / 2), anchor: .left)
          if placer.fits(dash.placement, tolerance: .anySoft) {
            add(.absentLabel(series: s, category: c), dash)
            placer.block(dash.bounds)
          }
          continue
        }
        let x = scale.position(of: v)
        let rect = Rect(x: min(x, zeroX), y: y, width: abs(x - zeroX), height: barHeight)
        marks.append(
          Mark(.bar(series: s, category: c), .fill(Path.rect(rect), color(series: s, category: c))))
        let edgeX = v >= 0 ? rect.maxX : rect.minX
        let edge = Rect(x: v >= 0 ? edgeX - 7 : edgeX - 1, y: rect.minY, width: 8, height: rect.height)
        placer.blockBar(rect, valueEdge: edge)
        rects.append((s, c, rect, v < 0))
      }
    }
    return rects
  }

  /// Reference lines down the plot, labelled above it (kept inside the frame).
  mutating func placeVerticalReferenceLines(scale: LinearScale, plot: Rect, placer: inout LabelPlacer) {
    for (i, ref) in spec.referenceLines.enumerated() {
      let x = scale.position(of: ref.value)
      marks.append(
        Mark(
          .referenceLine(i),
          .stroke(.line(from: Point(x: x, y: plot.minY - 2), to: Point(x: x, y: plot.maxY)), theme.reference))
      )
      var label = fittedMark(
        ref.label, theme.referenceLabel, maxWidth: inner.width, at: Point(x: x, y: plot.minY - 3),
        anchor: .bottom)
      let box = label.bounds
      if box.maxX > inner.maxX { label.placement.position.x -= box.maxX - inner.maxX }
      if box.minX < inner.minX { label.placement.position.x += inner.minX - box.minX }
      add(.referenceLabel(i), label)
      placer.blockSoftly(Rect(x: x - 1, y: plot.minY, width: 2, height: plot.height))
    }
  }
}
