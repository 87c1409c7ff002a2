import ChartModel
import Foundation
import Graphics
import TextRules

/// Lays out and paints charts onto any canvas, and writes them as PNG, SVG or PDF files.
/// Every output goes through the same layout and the same painter, so they show the same thing.
public enum ChartRenderer {
  /// Paints a laid-out chart. Drawing order is the order of `layout.marks`.
  public static func paint(_ layout: ChartLayout, on canvas: some Canvas) {
    for mark in layout.marks {
      switch mark.shape {
      case .fill(let path, let color): canvas.fill(path, color: color)
      case .stroke(let path, let style): canvas.stroke(path, style: style)
      case .text(let t):
        canvas.draw(
          t.text, at: t.placement.position, style: t.style, anchor: t.placement.anchor,
          rotation: t.placement.rotation)
      }
    }
  }

  /// Lays out `spec` in `rect` of the canvas (e.g. a region of a PDF page) and paints it; throws a
  /// ``ChartError`` for a bad spec or the canvas's drawing error.
  @discardableResult
  public static func draw(
    _ spec: ChartSpec, on canvas: some Canvas, in rect: Rect, theme: ChartTheme = .standard
  ) throws -> ChartLayout {
    let layout = try ChartLayout(spec: spec, frame: rect, measurer: canvas, theme: theme)
    canvas.clipped(to: rect) { paint(layout, on: canvas) }
    try canvas.checkStatus()
    return layout
  }

  /// A chart rendered in memory at `dpi` (the canvas is `widthPx`×`heightPx` pixels, laid out in
  /// points at 72 per inch): the image to write or sample, and the layout it shows.
  public static func renderImage(
    _ spec: ChartSpec, widthPx: Int = 1600, heightPx: Int = 900, dpi: Double = 200,
    theme: ChartTheme = .standard, typesetter: Typesetter? = nil
  ) throws -> (image: ImageSurface, layout: ChartLayout) {
    let scale = dpi / 72
    // Charts paint an opaque background, so the PNG needs no alpha channel.
    let image = try ImageSurface(
      widthPx: widthPx, heightPx: heightPx, scale: scale, opaque: theme.background.alpha == 1)
    let context = try image.makeContext(typesetter: typesetter)
    let layout = try draw(spec, on: context, in: Rect(origin: .zero, size: image.size), theme: theme)
    return (image, layout)
  }

  /// Writes a PNG of `widthPx`×`heightPx` pixels at `dpi` (default 1600×900 at 200 dpi: the
  /// 576×324 pt chart at 200/72 pixels per point), with `dpi` recorded in the file.
  @discardableResult
  public static func writePNG(
    _ spec: ChartSpec, to url: URL, widthPx: Int = 1600, heightPx: Int = 900, dpi: Double = 200,
    theme: ChartTheme = .standard, typesetter: Typesetter? = nil
  ) throws -> ChartLayout {
    let (image, layout) = try renderImage(
      spec, widthPx: widthPx, heightPx: heightPx, dpi: dpi, theme: theme, typesetter: typesetter)
    try image.writePNG(to: url, dpi: dpi)
    return layout
  }

  /// Writes an SVG in points (default 576×324 pt) with the chart's title in `<title>` and its
  /// text alternative (``ChartSpec/textAlternative``) in `<desc>`.
  @discardableResult
  public static func writeSVG(
    _ spec: ChartSpec, to url: URL, size: Size? = nil, theme: ChartTheme = .standard,
    typesetter: Typesetter? = nil
  ) throws -> ChartLayout {
    let size = size ?? theme.size
    let svg = try SVGSurface(size: size)
    let context = try svg.makeContext(typesetter: typesetter)
    let layout = try draw(spec, on: context, in: Rect(origin: .zero, size: size), theme: theme)
    try svg.write(to: url, title: spec.title, description: spec.textAlternative)
    return layout
  }

  /// Writes a one-page PDF of the chart (default 576×324 pt), fonts embedded and text searchable.
  @discardableResult
  public static func writePDF(
    _ spec: ChartSpec, to url: URL, size: Size? = nil, metadata: PDFMetadata? = nil,
    theme: ChartTheme = .standard, typesetter: Typesetter? = nil
  ) throws -> ChartLayout {
    let size = size ?? theme.size
    let pdf = try PDFSurface(url: url, pageSize: size)
    try pdf.setMetadata(metadata ?? PDFMetadata(title: spec.title, subject: spec.subtitle))
    let context = try pdf.makeContext(typesetter: typesetter)
    let layout = try draw(spec, on: context, in: Rect(origin: .zero, size: size), theme: theme)
    context.showPage()
    try context.checkStatus()
    try pdf.finish()
    return layout
  }
}

extension ChartSpec {
  /// What the chart shows, in words: title, subtitle, unit, every series' values by category,
  /// reference lines and source. Used as the SVG `<desc>` and as alt text in documents.
  public var textAlternative: String {
    var parts: [String] = [title]
    if let subtitle, !subtitle.isEmpty { parts.append(subtitle) }
    parts.append(valueAxis.caption)
    for s in series {
      let axis = s.axis == .secondary ? (secondaryAxis ?? valueAxis) : valueAxis
      let values = categories.indices.map { c -> String in
        let text: String
        if let labels = s.labels, let given = labels[c] {
          text = given
        } else if let v = s.values[c] {
          let decimals = axis.decimals ?? (axis.isPercent ? 1 : (v == v.rounded() ? 0 : 2))
          text = DecimalText.format(v, decimals: decimals) + (axis.isPercent ? "%" : "")
        } else {
          text = "—"
        }
        return "\(categories[c]) \(text)"
      }
      parts.append("\(s.name)：" + values.joined(separator: "，"))
    }
    for ref in referenceLines { parts.append("参考线：\(ref.label)") }
    if let note, !note.isEmpty { parts.append(note) }
    if let sourceLine { parts.append(sourceLine) }
    return parts.map { $0.hasSuffix("。") ? String($0.dropLast()) : $0 }.joined(separator: "。") + "。"
  }
}
