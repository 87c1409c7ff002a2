import ChartModel
import Foundation
import Graphics
import TextRules

extension LayoutBuilder {
  /// A ring of one series, slices clockwise from twelve o'clock in category order, with the total
  /// in the middle and a legend table (name, value, share) on the right. The shares and the total
  /// are the caller's texts (``ChartSpec/validate()`` requires them); the values only size the
  /// slices. Legend columns are cut with an ellipsis beyond a quarter (names) or a sixth (values,
  /// shares) of the width; rows that do not fit the height end in a row "…".
  mutating func donut(_ body: Rect) -> ChartLayout {
    let values = spec.series[0].values
    // Only the slices' angles: the total shown is the caller's. Summed as fractions of the
    // largest value, so that huge values do not overflow.
    let largest = values.compactMap { $0 }.max() ?? 0
    let sum = values.compactMap { $0 }.reduce(0) { $0 + (largest > 0 ? $1 / largest : 0) }
    let style = theme.legend
    let rowHeight = lineHeight(style) + 3
    let rows = min(spec.categories.count, max(1, Int(body.height / rowHeight)))
    let cut = rows < spec.categories.count
    // The legend's columns share what the smallest ring (40 pt), the gaps and swatch leave.
    let room = max(0, body.width - 40 - 36 - 41)
    func column(_ texts: [String], _ share: Double, last: String) -> [String] {
      texts.prefix(rows).enumerated().map { row, text in
        cut && row == rows - 1
          ? last : fitted(text, style, maxWidth: min(body.width, room * 1.7) * share).text
      }
    }
    let names = column(spec.categories, 0.25, last: "…")
    let valueTexts = column(
      values.map { v in v.map { DecimalText.format($0, decimals: decimals(for: .primary)) } ?? "—" }, 1 / 6,
      last: "")
    let shareTexts = column(
      spec.categories.indices.map { spec.series[0].labels?[$0] ?? "—" }, 1 / 6, last: "")
    func widest(_ texts: [String]) -> Double { texts.map { size($0, style).width }.max() ?? 0 }
    let nameWidth = widest(names)
    let valueWidth = widest(valueTexts)
    let shareWidth = widest(shareTexts)
    let legendWidth = 10 + 5 + nameWidth + 14 + valueWidth + 12 + shareWidth
    let diameter = max(40, min(body.height, body.width - legendWidth - 36))
    let totalWidth = diameter + 36 + legendWidth
    // Centred, but never starting left of the body (a legend too wide for the rest of the row).
    let left = max(body.minX, body.midX - totalWidth / 2)
    let center = Point(x: left + diameter / 2, y: body.midY)
    let outer = diameter / 2
    let innerRadius = outer * 0.58

    var angle = -Double.pi / 2
    for (c, v) in values.enumerated() {
      guard let v, v > 0, sum > 0 else { continue }
      let sweep = v / largest / sum * 2 * Double.pi
      var path = Path()
      path.move(to: Point(x: center.x + outer * cos(angle), y: center.y + outer * sin(angle)))
      path.arc(center: center, radius: outer, start: angle, end: angle + sweep)
      path.arcNegative(center: center, radius: innerRadius, start: angle + sweep, end: angle)
      path.close()
      let wedgeColor = spec.mutedCategories.contains(c) ? theme.muted : theme.color(series: c)
      marks.append(Mark(.wedge(category: c), .fill(path, wedgeColor)))
      marks.append(Mark(.wedge(category: c), .stroke(path, StrokeStyle(color: theme.background, width: 1))))
      angle += sweep
    }
    let totalText = spec.totalLabel ?? ""
    var totalStyle = theme.title
    totalStyle.size = 11
    add(
      .centerLabel, textMark("合计", theme.subtitle, at: Point(x: center.x, y: center.y - 1), anchor: .bottom))
    // The total fits the hole (at least 72 pt, a dozen digits), cut with an ellipsis beyond.
    add(
      .centerLabel,
      fittedMark(
        totalText, totalStyle, maxWidth: min(max(innerRadius * 1.9, 72), 2 * (center.x - inner.minX)),
        at: Point(x: center.x, y: center.y + 1),
        anchor: .top))

    let x0 = left + diameter + 36
    var y = body.midY - rowHeight * Double(names.count) / 2
    // The wedges keep every category's colour; the legend names the rows that fit.
    var rightStyle = style
    rightStyle.alignment = .right
    for c in names.indices {
      let mid = y + rowHeight / 2
      let swatch = spec.mutedCategories.contains(c) ? theme.muted : theme.color(series: c)
      if !(cut && c == rows - 1) {
        marks.append(
          Mark(
            .legendSwatch(series: c),
            .fill(Path.rect(Rect(x: x0, y: mid - 4.5, width: 10, height: 9)), swatch)))
      }
      add(.categoryLabel(c), textMark(names[c], style, at: Point(x: x0 + 15, y: mid), anchor: .left))
      let valueRight = x0 + 15 + nameWidth + 14 + valueWidth
      add(
        .dataLabel(series: 0, category: c),
        textMark(valueTexts[c], rightStyle, at: Point(x: valueRight, y: mid), anchor: .right))
      add(
        .dataLabel(series: 0, category: c),
        textMark(
          shareTexts[c], rightStyle, at: Point(x: valueRight + 12 + shareWidth, y: mid), anchor: .right))
      y += rowHeight
    }
    let plot = Rect(x: center.x - outer, y: center.y - outer, width: diameter, height: diameter)
    return ChartLayout(
      frame: frame, plot: plot, marks: marks, valueScale: nil, secondaryScale: nil, categoryScale: nil,
      categoryLabelMode: .horizontal)
  }
}
