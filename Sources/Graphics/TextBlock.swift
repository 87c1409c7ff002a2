import CCairoPango

/// A run of text inside a ``TextBlock`` that looks different from the block: a large figure with
/// a small unit, a coloured ▲, a bold term, a raised footnote mark. `nil` fields take the block's.
public struct TextSpan: Hashable, Sendable {
  public var text: String
  /// Font size in points.
  public var size: Double?
  public var weight: FontWeight?
  public var color: Color?
  /// A family tried before the typesetter's own (which stay as fallback), e.g. "Noto Serif CJK SC".
  public var family: String?
  /// How far the run is raised above the baseline, in points (superscript marks); negative lowers it.
  public var rise: Double
  /// Extra space between the run's characters, in points.
  public var letterSpacing: Double

  public init(
    _ text: String, size: Double? = nil, weight: FontWeight? = nil, color: Color? = nil,
    family: String? = nil, rise: Double = 0, letterSpacing: Double = 0
  ) {
    self.text = text
    self.size = size
    self.weight = weight
    self.color = color
    self.family = family
    self.rise = rise
    self.letterSpacing = letterSpacing
  }
}

/// A paragraph of styled runs that pango sets as one layout: wrapped by pango's line-breaking rules
/// (which keep `，。、；：）》` off the start of a line), aligned or justified, with a first-line
/// indent. Its lines can be measured one by one and drawn in ranges, so a paragraph can be split
/// across pages without drawing (or leaving in the PDF's text) the lines that belong elsewhere.
public struct TextBlock: Hashable, Sendable {
  public var spans: [TextSpan]
  /// The look of everything no span overrides: size, weight, colour, alignment, wrap width, line spacing.
  public var style: TextStyle
  /// A family tried before the typesetter's own for the whole block (they stay as fallback).
  public var family: String?
  /// Whether wrapped lines are stretched to the full wrap width (the last line of a paragraph is not).
  public var isJustified: Bool
  /// Indent of each paragraph's first line, in points (2 em for Chinese body text). A negative value
  /// hangs the first line out: the other lines are indented by its size instead.
  public var firstLineIndent: Double
  /// OpenType features for the whole block in CSS syntax, e.g. `"tnum"` for tabular figures.
  public var fontFeatures: String?

  public init(
    _ spans: [TextSpan], style: TextStyle, family: String? = nil, isJustified: Bool = false,
    firstLineIndent: Double = 0, fontFeatures: String? = nil
  ) {
    self.spans = spans
    self.style = style
    self.family = family
    self.isJustified = isJustified
    self.firstLineIndent = firstLineIndent
    self.fontFeatures = fontFeatures
  }

  /// A block of plain text in one style.
  public init(
    _ text: String, style: TextStyle, family: String? = nil, isJustified: Bool = false,
    firstLineIndent: Double = 0, fontFeatures: String? = nil
  ) {
    self.init(
      [TextSpan(text)], style: style, family: family, isJustified: isJustified,
      firstLineIndent: firstLineIndent, fontFeatures: fontFeatures)
  }

  /// All the runs' text.
  public var text: String { spans.map(\.text).joined() }

  /// The same block with another wrap width.
  public func wrapped(at width: Double?) -> TextBlock {
    var block = self
    block.style.wrapWidth = width
    return block
  }
}

/// One line of a laid-out ``TextBlock``, in points relative to the block's origin (the top-left
/// corner of its wrap box).
public struct TextLine: Hashable, Sendable {
  /// The characters on the line, without the line break.
  public var text: String
  /// The line's logical box: full line height, starting at the indent or alignment offset.
  public var frame: Rect
  /// The baseline's distance from the block's top.
  public var baseline: Double

  public init(text: String, frame: Rect, baseline: Double) {
    self.text = text
    self.frame = frame
    self.baseline = baseline
  }
}

extension Typesetter {
  /// The lines of `block` as pango breaks them, top to bottom.
  public func lines(of block: TextBlock) -> [TextLine] {
    if let lines = blockLines[block] { return lines }
    let layout = measuredLayout(block)
    var lines: [TextLine] = []
    let bytes = pango_layout_get_text(layout)!
    forEachLine(of: layout) { _, line, logical, baseline in
      let start = Int(line.pointee.start_index)
      let length = Int(line.pointee.length)
      let text = String(
        decoding: UnsafeRawBufferPointer(start: bytes + start, count: length), as: UTF8.self)
      lines.append(TextLine(text: text, frame: logical, baseline: baseline))
    }
    blockLines[block] = lines
    return lines
  }

  /// The block's layout in the measuring context, made once and kept (owned by the typesetter) so
  /// that drawing on a vector surface shows exactly what was measured without shaping it again.
  func measuredLayout(_ block: TextBlock) -> OpaquePointer {
    if let layout = measuredLayouts[block] { return layout }
    let layout = makeLayout(block, context: measuringContext)
    measuredLayouts[block] = layout
    return layout
  }

  /// The size of the block's logical box (all lines).
  public func measure(_ block: TextBlock) -> Size {
    if let size = blockSizes[block] { return size }
    let layout = makeLayout(block, context: measuringContext)
    defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
    let size = Self.logicalRect(of: layout).size
    blockSizes[block] = size
    return size
  }

  /// Calls `body` with each line of `layout`, its logical box and baseline in points.
  func forEachLine(
    of layout: OpaquePointer,
    _ body: (Int, UnsafeMutablePointer<PangoLayoutLine>, Rect, Double) -> Void
  ) {
    let iter = pango_layout_get_iter(layout)!
    defer { pango_layout_iter_free(iter) }
    let scale = Double(PANGO_SCALE)
    var index = 0
    repeat {
      var logical = PangoRectangle()
      pango_layout_iter_get_line_extents(iter, nil, &logical)
      let line = pango_layout_iter_get_line_readonly(iter)!
      let rect = Rect(
        x: Double(logical.x) / scale, y: Double(logical.y) / scale,
        width: Double(logical.width) / scale, height: Double(logical.height) / scale)
      body(index, line, rect, Double(pango_layout_iter_get_baseline(iter)) / scale)
      index += 1
    } while pango_layout_iter_next_line(iter) != 0
  }

  /// A new pango layout (caller unrefs it) for the block: its text with one attribute list for
  /// the runs' looks, and the paragraph settings.
  func makeLayout(_ block: TextBlock, context: OpaquePointer) -> OpaquePointer {
    let text = block.text
    let layout = makeLayout(text, style: block.style, context: context, family: block.family)
    pango_layout_set_justify(layout, block.isJustified ? 1 : 0)
    pango_layout_set_indent(layout, Int32((block.firstLineIndent * Double(PANGO_SCALE)).rounded()))
    let list = pango_attr_list_new()!
    defer { pango_attr_list_unref(list) }
    func insert(_ attribute: UnsafeMutablePointer<PangoAttribute>?, _ start: Int, _ end: Int) {
      guard let attribute else { return }
      attribute.pointee.start_index = UInt32(start)
      attribute.pointee.end_index = UInt32(end)
      pango_attr_list_insert(list, attribute)
    }
    if let features = block.fontFeatures {
      insert(pango_attr_font_features_new(features), 0, text.utf8.count)
    }
    var start = 0
    for span in block.spans {
      let end = start + span.text.utf8.count
      defer { start = end }
      guard end > start else { continue }
      if let family = span.family {
        insert(pango_attr_family_new(([family] + families).joined(separator: ",")), start, end)
      }
      if let size = span.size {
        insert(pango_attr_size_new_absolute(Int32((size * Double(PANGO_SCALE)).rounded())), start, end)
      }
      if let weight = span.weight {
        insert(pango_attr_weight_new(PangoWeight(UInt32(weight.rawValue))), start, end)
      }
      if let color = span.color {
        func channel(_ c: Double) -> UInt16 { UInt16((max(0, min(1, c)) * 65535).rounded()) }
        insert(
          pango_attr_foreground_new(channel(color.red), channel(color.green), channel(color.blue)), start, end
        )
        if color.alpha < 1 { insert(pango_attr_foreground_alpha_new(channel(color.alpha)), start, end) }
      }
      if span.rise != 0 {
        insert(pango_attr_rise_new(Int32((span.rise * Double(PANGO_SCALE)).rounded())), start, end)
      }
      if span.letterSpacing != 0 {
        insert(
          pango_attr_letter_spacing_new(Int32((span.letterSpacing * Double(PANGO_SCALE)).rounded())), start,
          end)
      }
    }
    pango_layout_set_attributes(layout, list)
    return layout
  }
}

extension GraphicsContext {
  /// Draws lines `lines` of `block` (all lines when `nil`) as pango set them, so that the block's
  /// wrap box has its left edge at `origin.x` and the first drawn line's top is at `origin.y`.
  /// Lines outside the range are neither drawn nor written to the PDF's text.
  ///
  /// On a vector surface the block is drawn from the layout it was measured with (see
  /// ``reusesMeasuredLayouts``); on an image, shaped again for the device.
  public func draw(_ block: TextBlock, at origin: Point, lines: Range<Int>? = nil) {
    let layout =
      reusesMeasuredLayouts
      ? typesetter.measuredLayout(block) : typesetter.makeLayout(block, context: typesetter.drawingContext)
    defer { if !reusesMeasuredLayouts { g_object_unref(UnsafeMutableRawPointer(layout)) } }
    withSavedState {
      cairo_translate(cr, origin.x, origin.y)
      if !reusesMeasuredLayouts { pango_cairo_update_layout(cr, layout) }
      let color = block.style.color
      cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
      var top: Double?
      typesetter.forEachLine(of: layout) { index, line, logical, baseline in
        guard lines?.contains(index) ?? true else { return }
        if top == nil { top = logical.minY }
        cairo_move_to(cr, logical.minX, baseline - top!)
        pango_cairo_show_layout_line(cr, line)
      }
      check("pango_cairo_show_layout_line")
    }
  }
}
