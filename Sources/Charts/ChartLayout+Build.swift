import ChartModel
import Graphics
import TextRules

extension ChartLayout {
  /// Lays out `spec` in `frame`, measuring text with `measurer` (any canvas, or a typesetter).
  public init(
    spec: ChartSpec, frame: Rect, measurer: any TextMeasuring, theme: ChartTheme = .standard
  ) throws(ChartError) {
    try spec.validate()
    var builder = LayoutBuilder(spec: spec, frame: frame, measurer: measurer, theme: theme)
    self = builder.build()
  }
}

/// The layout pass. Works top-down: frame → header (title, subtitle, legend) and footer (source,
/// note) → body → axes and plot → marks → data labels, asking the measurer only for text sizes.
struct LayoutBuilder {
  let spec: ChartSpec
  let frame: Rect
  let measurer: any TextMeasuring
  let theme: ChartTheme
  var marks: [Mark] = []
  /// Text boxes of the header and footer, which data labels must avoid too.
  var fixedBoxes: [Rect] = []

  init(spec: ChartSpec, frame: Rect, measurer: any TextMeasuring, theme: ChartTheme) {
    self.spec = spec.withPrintableTexts()
    self.frame = frame
    self.measurer = measurer
    self.theme = theme
  }

  var inner: Rect { frame.insetBy(dx: theme.padding, dy: theme.padding) }

  // MARK: Text helpers

  func size(_ text: String, _ style: TextStyle) -> Size { measurer.measure(text, style: style) }

  func textMark(
    _ text: String, _ style: TextStyle, at point: Point, anchor: TextAnchor, rotation: Double = 0
  ) -> TextMark {
    TextMark(
      text: text, style: style,
      placement: TextPlacement(
        size: size(text, style), position: point, anchor: anchor, rotation: rotation))
  }

  mutating func add(_ role: MarkRole, _ text: TextMark) {
    marks.append(Mark(role, .text(text)))
  }

  /// Adds a data label, on a white box when it sits on a bar, a line or a reference line.
  mutating func addLabel(_ role: MarkRole, _ text: TextMark, knockout: Bool) {
    if knockout {
      let box = text.bounds.insetBy(dx: -1.5, dy: 0)
      marks.append(Mark(role, .fill(Path.rect(box), theme.background.withAlpha(0.9))))
    }
    add(role, text)
  }

  /// One line's height in `style`.
  func lineHeight(_ style: TextStyle) -> Double { size("国", style.wrapped(at: nil)).height }

  /// How many lines `text` takes in `style`.
  func lineCount(_ text: String, _ style: TextStyle) -> Int {
    Int((size(text, style).height / lineHeight(style)).rounded())
  }

  /// `text` wrapped into at most `maxLines` lines no wider than `maxWidth`, lines balanced
  /// (江川经济 / 技术开发区 rather than 江川经济技术开 / 发区). `nil` if it cannot fit.
  func balancedWrap(_ text: String, _ style: TextStyle, maxWidth: Double, maxLines: Int)
    -> TextStyle?
  {
    let single = size(text, style.wrapped(at: nil))
    if single.width <= maxWidth { return style.wrapped(at: nil) }
    let line = lineHeight(style)
    for lines in 2...max(2, maxLines) {
      var width = single.width / Double(lines)
      while width <= maxWidth + 0.01 {
        let wrapped = style.wrapped(at: width)
        let s = size(text, wrapped)
        let count = Int((s.height / line).rounded())
        if count <= lines && s.width <= maxWidth + 0.01 { return wrapped }
        if count <= lines { break }
        width += style.size / 8
      }
    }
    return nil
  }

  /// `text` as it fits in `maxLines` lines no wider than `maxWidth`: wrapped at `maxWidth` when
  /// more than one line is allowed, and cut with an ellipsis when even that is too long (the full
  /// text stays in the spec, and in the bulletin's tables). Returns the text and the style to set
  /// it in.
  func fitted(_ text: String, _ style: TextStyle, maxWidth: Double, maxLines: Int = 1)
    -> (text: String, style: TextStyle)
  {
    let fittedStyle = style.wrapped(at: maxLines > 1 ? max(maxWidth, 1) : nil)
    let maxHeight = lineHeight(style) * (Double(max(maxLines, 1)) + 0.5)
    func fits(_ candidate: String) -> Bool {
      let s = size(candidate, fittedStyle)
      return s.width <= maxWidth + 0.01 && s.height <= maxHeight
    }
    if fits(text) { return (text, fittedStyle) }
    // The longest beginning that fits with the ellipsis: a binary search over characters.
    let characters = Array(text)
    var low = 0
    var high = characters.count
    while low < high {
      let middle = (low + high + 1) / 2
      if fits(Self.shortened(characters, to: middle)) { low = middle } else { high = middle - 1 }
    }
    return (Self.shortened(characters, to: low), fittedStyle)
  }

  /// The first `count` characters (trailing spaces dropped) and an ellipsis.
  static func shortened(_ characters: [Character], to count: Int) -> String {
    var kept = characters[..<count]
    while kept.last?.isWhitespace == true { kept = kept.dropLast() }
    return String(kept) + "…"
  }

  /// `placement` moved (not resized) so that its box lies inside `rect` where it can.
  func within(_ placement: TextPlacement, _ rect: Rect) -> TextPlacement {
    var moved = placement
    let box = placement.bounds
    if box.maxX > rect.maxX { moved.position.x -= box.maxX - rect.maxX }
    if box.minX - (placement.position.x - moved.position.x) < rect.minX {
      moved.position.x = placement.position.x + rect.minX - box.minX
    }
    if box.maxY > rect.maxY { moved.position.y -= box.maxY - rect.maxY }
    if box.minY - (placement.position.y - moved.position.y) < rect.minY {
      moved.position.y = placement.position.y + rect.minY - box.minY
    }
    return moved
  }

  /// A text mark of `text` fitted to `maxWidth` (see ``fitted(_:_:maxWidth:maxLines:)``).
  func fittedMark(
    _ text: String, _ style: TextStyle, maxWidth: Double, maxLines: Int = 1, at point: Point,
    anchor: TextAnchor
  ) -> TextMark {
    let fit = fitted(text, style, maxWidth: maxWidth, maxLines: maxLines)
    return textMark(fit.text, fit.style, at: point, anchor: anchor)
  }

  // MARK: Values

  func axis(_ side: AxisSide) -> ValueAxis {
    side == .primary ? spec.valueAxis : (spec.secondaryAxis ?? spec.valueAxis)
  }

  /// Whether the axis counts whole things (件, 人): its ticks are whole numbers then.
  func isIntegral(_ side: AxisSide) -> Bool { decimals(for: side) == 0 }

  func decimals(for side: AxisSide) -> Int {
    let a = axis(side)
    if let d = a.decimals { return d }
    if a.isPercent { return 1 }
    let values = spec.series.filter { $0.axis == side }.flatMap { $0.values.compactMap { $0 } }
    return values.allSatisfy { $0 == $0.rounded() } ? 0 : 2
  }

  /// The data label of one value: the caller's text, or the value formatted for its axis.
  func label(series s: Int, category c: Int) -> String? {
    let series = spec.series[s]
    if let labels = series.labels, let text = labels[c] { return text }
    guard let v = series.values[c] else { return nil }
    let a = axis(series.axis)
    return DecimalText.format(v, decimals: decimals(for: series.axis)) + (a.isPercent ? "%" : "")
  }

  /// A tick's number; only a number wider than a fifth of the chart (a value near
  /// ``NiceTicks/limit``) is cut with an ellipsis.
  func tickText(_ value: Double, _ ticks: NiceTicks) -> String {
    let text = DecimalText.format(value, decimals: ticks.decimals)
    return fitted(text, theme.tickLabel, maxWidth: max(30, inner.width * 0.2)).text
  }

  func color(series s: Int, category c: Int) -> Color {
    spec.mutedCategories.contains(c) ? theme.muted : theme.color(series: s)
  }

  /// How series `s` is drawn in a chart of this kind.
  func drawsAsBars(_ s: Int) -> Bool {
    switch spec.kind {
    case .line: return false
    case .verticalBar, .combo: return spec.series[s].axis == .primary
    case .horizontalBar, .composition, .donut: return true
    }
  }

  // MARK: Build

  mutating func build() -> ChartLayout {
    marks.append(Mark(.background, .fill(Path.rect(frame), theme.background)))
    let body = headerAndFooter()
    guard spec.hasData else { return emptyState(body) }
    switch spec.kind {
    case .line, .verticalBar, .combo: return vertical(body)
    case .horizontalBar, .composition: return horizontal(body)
    case .donut: return donut(body)
    }
  }

  /// A chart with no data (``ChartSpec/hasData``): its title and footer, and "本期无数据" in the
  /// middle of a light frame where the plot would be.
  mutating func emptyState(_ body: Rect) -> ChartLayout {
    marks.append(Mark(.emptyState, .stroke(Path.rect(body), theme.grid)))
    add(
      .emptyState,
      fittedMark("本期无数据", theme.emptyState, maxWidth: inner.width, at: body.center, anchor: .center))
    return ChartLayout(
      frame: frame, plot: body, marks: marks, valueScale: nil, secondaryScale: nil, categoryScale: nil,
      categoryLabelMode: .horizontal)
  }

  /// Places title, subtitle, legend, source and note; returns the rectangle left for the body.
  /// Each text takes at most two lines (title, subtitle, source, note) and is
  /// cut with an ellipsis beyond them, so that any text leaves room for the plot.
  mutating func headerAndFooter() -> Rect {
    var top = inner.minY
    let title = fittedMark(
      spec.title, theme.title, maxWidth: inner.width, maxLines: 2, at: Point(x: inner.midX, y: top),
      anchor: .top)
    add(.title, title)
    top = title.bounds.maxY
    if let subtitle = spec.subtitle, !subtitle.isEmpty {
      let t = fittedMark(
        subtitle, theme.subtitle, maxWidth: inner.width, maxLines: 2,
        at: Point(x: inner.midX, y: top + 1), anchor: .top)
      add(.subtitle, t)
      top = t.bounds.maxY
    }
    if needsLegend {
      top = legend(top: top + 5)
    }
    fixedBoxes += marks.compactMap { if case .text(let t) = $0.shape { return t.bounds } else { return nil } }
    var bottom = inner.maxY
    // Bottom-up: the source line last on the canvas, a note above it.
    for (role, text) in [(MarkRole.source, spec.sourceLine), (.note, spec.note)].compactMap({
      r, t in t.map { (r, $0) }
    }) where !text.isEmpty {
      let t = fittedMark(
        text, theme.source, maxWidth: inner.width, maxLines: 2, at: Point(x: inner.minX, y: bottom),
        anchor: .bottomLeft)
      add(role, t)
      fixedBoxes.append(t.bounds)
      bottom = t.bounds.minY - 1
    }
    return Rect(x: inner.minX, y: top + 8, width: inner.width, height: max(0, bottom - 6 - (top + 8)))
  }

  var needsLegend: Bool {
    spec.kind != .donut && spec.kind != .composition && spec.series.count > 1 && spec.hasData
  }

  /// A centred row (or rows) of swatches and series names; returns the y below it.
  mutating func legend(top: Double) -> Double {
    let style = theme.legend
    let line = lineHeight(style)
    let gap = 16.0
    struct Item {
      var index: Int
      var swatchWidth: Double
      var textWidth: Double
      var width: Double { swatchWidth + 4 + textWidth }
    }
    // A name takes at most half a row, so that two items share a row.
    let names = spec.series.indices.map { i in
      fitted(spec.series[i].name, style, maxWidth: max(20, inner.width / 2 - gap - 28)).text
    }
    let items = spec.series.indices.map { i in
      Item(index: i, swatchWidth: drawsAsBars(i) ? 10 : 24, textWidth: size(names[i], style).width)
    }
    var rows: [[Item]] = [[]]
    var rowWidth = 0.0
    for item in items {
      let extra = rows[rows.count - 1].isEmpty ? item.width : gap + item.width
      if rowWidth + extra > inner.width && !rows[rows.count - 1].isEmpty {
        rows.append([item])
        rowWidth = item.width
      } else {
        rows[rows.count - 1].append(item)
        rowWidth += extra
      }
    }
    var y = top
    for row in rows {
      let width = row.map(\.width).reduce(0, +) + gap * Double(row.count - 1)
      var x = inner.midX - width / 2
      let mid = y + line / 2
      for item in row {
        let i = item.index
        let color = theme.color(series: i)
        if drawsAsBars(i) {
          marks.append(
            Mark(
              .legendSwatch(series: i),
              .fill(Path.rect(Rect(x: x, y: mid - 4.5, width: 10, height: 9)), color)))
        } else {
          let stroke = StrokeStyle(
            color: color, width: theme.lineWidth, dash: theme.dash(series: i), cap: .butt)
          marks.append(
            Mark(
              .legendSwatch(series: i),
              .stroke(.line(from: Point(x: x, y: mid), to: Point(x: x + 24, y: mid)), stroke)))
          marks += markerMarks(series: i, category: -1, at: Point(x: x + 12, y: mid)).map {
            Mark(.legendSwatch(series: i), $0.shape)
          }
        }
        add(
          .legendLabel(series: i),
          textMark(names[i], style, at: Point(x: x + item.swatchWidth + 4, y: mid), anchor: .left))
        x += item.width + gap
      }
      y += line + 2
    }
    return y - 2
  }

  func markerMarks(series s: Int, category c: Int, at p: Point) -> [Mark] {
    let shape = MarkerShape.forSeries(s)
    let path = shape.path(center: p, radius: theme.markerRadius)
    let color = theme.color(series: s)
    let role = MarkRole.marker(series: s, category: c)
    if shape.isHollow {
      return [
        Mark(role, .fill(path, theme.background)),
        Mark(role, .stroke(path, StrokeStyle(color: color, width: 1.2))),
      ]
    }
    return [
      Mark(role, .fill(path, color)),
      Mark(role, .stroke(path, StrokeStyle(color: theme.background, width: 0.6))),
    ]
  }

  // MARK: Value domain

  func domain(_ side: AxisSide) -> (lower: Double, upper: Double)? {
    var values = spec.series.filter { $0.axis == side }.flatMap { $0.values.compactMap { $0 } }
    values += spec.referenceLines.filter { $0.axis == side }.map(\.value)
    guard !values.isEmpty else { return nil }
    let hasBars = spec.series.indices.contains { spec.series[$0].axis == side && drawsAsBars($0) }
    if axis(side).includesZero || hasBars { values.append(0) }
    return (values.min()!, values.max()!)
  }
}

extension ChartSpec {
  /// The spec with every control character of its texts (a line break or tab inside a name, as
  /// Excel's Alt+Enter leaves) shown as a space: a chart sets each text on the lines it decides.
  func withPrintableTexts() -> ChartSpec {
    func printable(_ text: String) -> String {
      guard text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
        return text
      }
      return String(
        String.UnicodeScalarView(
          text.unicodeScalars.map { $0.properties.generalCategory == .control ? " " : $0 }))
    }
    var copy = self
    copy.title = printable(title)
    copy.subtitle = subtitle.map(printable)
    copy.source = source.map(printable)
    copy.note = note.map(printable)
    copy.categories = categories.map(printable)
    copy.totalLabel = totalLabel.map(printable)
    for s in copy.series.indices {
      copy.series[s].name = printable(series[s].name)
      copy.series[s].labels = series[s].labels.map { $0.map { $0.map(printable) } }
    }
    copy.valueAxis.unit = printable(valueAxis.unit)
    copy.valueAxis.title = valueAxis.title.map(printable)
    copy.secondaryAxis?.unit = printable(secondaryAxis?.unit ?? "")
    copy.secondaryAxis?.title = secondaryAxis?.title.map(printable)
    for r in copy.referenceLines.indices { copy.referenceLines[r].label = printable(referenceLines[r].label) }
    return copy
  }
}
