import CCairoPango

/// Shapes and measures text with pango. Owns a pango font map and two pango contexts (one for
/// measuring, one for drawing) and the font descriptions it made; frees them in `deinit`.
///
/// Metrics are device-independent (no metric hinting, no glyph-position rounding), so a layout
/// measured here is the same in PNG at any scale, in SVG and in PDF. Not thread-safe: use one
/// typesetter per thread (each has its own font map).
public final class Typesetter: TextMeasuring {
  /// The font family list every text uses, in fallback order.
  public let families: [String]
  private let fontMap: UnsafeMutablePointer<PangoFontMap>
  let measuringContext: OpaquePointer
  let drawingContext: OpaquePointer
  private var descriptions: [DescriptionKey: OpaquePointer] = [:]
  private var cache: [MeasureKey: Size] = [:]
  /// Lines of blocks already broken (page layout asks for the same cells and headings again and
  /// again while it fits tables and keeps headings with what follows).
  var blockLines: [TextBlock: [TextLine]] = [:]
  var blockSizes: [TextBlock: Size] = [:]
  /// Layouts of blocks in the measuring context (see ``measuredLayout(_:)``), freed in `deinit`.
  var measuredLayouts: [TextBlock: OpaquePointer] = [:]
  private var measuredTextLayouts: [MeasureKey: OpaquePointer] = [:]

  private struct DescriptionKey: Hashable {
    var size: Double
    var weight: FontWeight
    var family: String?
  }

  private struct MeasureKey: Hashable {
    var text: String
    var style: TextStyle
  }

  /// A typesetter over the machine's CJK families (see ``FontCatalog/cjkFamilies()``), or over the
  /// given families.
  public init(families: [String]? = nil) throws(GraphicsError) {
    let chosen: [String]
    if let families { chosen = families } else { chosen = try FontCatalog.cjkFamilies() }
    guard let map = pango_cairo_font_map_new() else {
      throw .invalidArgument("pango_cairo_font_map_new returned NULL")
    }
    guard let measuring = pango_font_map_create_context(map),
      let drawing = pango_font_map_create_context(map)
    else {
      g_object_unref(map)
      throw .invalidArgument("pango_font_map_create_context returned NULL")
    }
    self.families = chosen
    self.fontMap = map
    self.measuringContext = measuring
    self.drawingContext = drawing
    let options = cairo_font_options_create()
    cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF)
    cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE)
    for context in [measuring, drawing] {
      pango_cairo_context_set_font_options(context, options)
      pango_cairo_context_set_resolution(context, 72)
      pango_context_set_round_glyph_positions(context, 0)
      pango_context_set_language(context, pango_language_from_string("zh-cn"))
    }
    cairo_font_options_destroy(options)
  }

  deinit {
    for description in descriptions.values { pango_font_description_free(description) }
    for layout in measuredLayouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
    for layout in measuredTextLayouts.values { g_object_unref(UnsafeMutableRawPointer(layout)) }
    g_object_unref(UnsafeMutableRawPointer(measuringContext))
    g_object_unref(UnsafeMutableRawPointer(drawingContext))
    g_object_unref(fontMap)
  }

  public func measure(_ text: String, style: TextStyle) -> Size {
    let key = MeasureKey(text: text, style: style)
    if let size = cache[key] { return size }
    let size = Self.logicalRect(of: measuredLayout(text, style: style)).size
    cache[key] = size
    return size
  }

  /// The text's layout in the measuring context, made once and kept (see
  /// ``measuredLayout(_:)``).
  func measuredLayout(_ text: String, style: TextStyle) -> OpaquePointer {
    let key = MeasureKey(text: text, style: style)
    if let layout = measuredTextLayouts[key] { return layout }
    let layout = makeLayout(text, style: style, context: measuringContext)
    measuredTextLayouts[key] = layout
    return layout
  }

  /// Loads the fonts text will need before it is needed: fontconfig's matching, the font files
  /// and their shaping tables for the typesetter's families and `families`, in regular and bold.
  /// Results are unchanged; only the first real measurement gets faster, so a caller can do this
  /// on an idle core while data is still being read.
  public func warmUp(families extra: [String] = []) {
    let sample = "民生统计月报第一二三四五六七八九十期年月日，。、（）％0123456789.,%—"
    for family in [nil] + extra.map(Optional.some) {
      for weight in [FontWeight.regular, .bold] {
        let layout = makeLayout(
          sample, style: TextStyle(size: 10, weight: weight), context: measuringContext, family: family)
        _ = Self.logicalRect(of: layout)
        g_object_unref(UnsafeMutableRawPointer(layout))
      }
    }
  }

  /// The number of lines the text takes in this style (after wrapping).
  public func lineCount(_ text: String, style: TextStyle) -> Int {
    let layout = makeLayout(text, style: style, context: measuringContext)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    return Int(pango_layout_get_line_count(layout))
  }

  /// A new pango layout (caller unrefs it) holding plain text, never markup; `family`, when given,
  /// is tried before ``families``.
  func makeLayout(
    _ text: String, style: TextStyle, context: OpaquePointer, family: String? = nil
  ) -> OpaquePointer {
    let layout = pango_layout_new(context)!
    pango_layout_set_font_description(
      layout, description(size: style.size, weight: style.weight, family: family))
    text.withCString { pango_layout_set_text(layout, $0, -1) }
    if let width = style.wrapWidth {
      pango_layout_set_width(layout, Int32((width * Double(PANGO_SCALE)).rounded(.up)))
      pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
    }
    switch style.alignment {
    case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
    case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
    case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
    }
    if style.lineSpacing != 1 {
      pango_layout_set_line_spacing(layout, Float(style.lineSpacing))
    }
    return layout
  }

  /// The layout's logical rectangle in points. With a wrap width and centred or right alignment
  /// the box starts right of the layout origin, so drawing shifts by `origin`.
  static func logicalRect(of layout: OpaquePointer) -> Rect {
    var logical = PangoRectangle()
    pango_layout_get_extents(layout, nil, &logical)
    let scale = Double(PANGO_SCALE)
    return Rect(
      x: Double(logical.x) / scale, y: Double(logical.y) / scale,
      width: Double(logical.width) / scale, height: Double(logical.height) / scale)
  }

  private func description(size: Double, weight: FontWeight, family: String?) -> OpaquePointer {
    let key = DescriptionKey(size: size, weight: weight, family: family)
    if let description = descriptions[key] { return description }
    let description = pango_font_description_new()!
    ((family.map { [$0] } ?? []) + families).joined(separator: ",").withCString {
      pango_font_description_set_family(description, $0)
    }
    // Absolute size is in user-space units, which are points throughout Graphics.
    pango_font_description_set_absolute_size(description, size * Double(PANGO_SCALE))
    pango_font_description_set_weight(description, PangoWeight(UInt32(weight.rawValue)))
    descriptions[key] = description
    return description
  }
}
