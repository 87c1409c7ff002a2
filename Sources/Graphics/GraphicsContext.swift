import CCairoPango

/// A cairo drawing context (`cairo_t`) on one of the surfaces, with pango for text.
///
/// Drawing calls do not throw: cairo keeps a sticky error status. The context checks it after
/// every cairo call and remembers the first failing function; ``checkStatus()`` throws it.
/// Keeps its surface object alive for as long as it lives.
public final class GraphicsContext: Canvas {
  let cr: OpaquePointer
  /// The typesetter that measures and shapes this context's text.
  public let typesetter: Typesetter
  private let owner: AnyObject
  private var failure: GraphicsError?
  /// Whether text is drawn from the typesetter's measuring layouts: on PDF and SVG surfaces, which
  /// have no device scale and no hinting, shaping text again for drawing gives the same glyphs at
  /// the same positions (the files are byte for byte the same), so the layout that was measured is
  /// drawn as it is.
  let reusesMeasuredLayouts: Bool

  init(surface: OpaquePointer, owner: AnyObject, typesetter: Typesetter?) throws(GraphicsError) {
    guard let cr = cairo_create(surface) else {
      throw .invalidArgument("cairo_create returned NULL")
    }
    let status = cairo_status(cr)
    guard status == CAIRO_STATUS_SUCCESS else {
      cairo_destroy(cr)
      throw .cairo(function: "cairo_create", status: Self.describe(status), context: "")
    }
    self.cr = cr
    self.owner = owner
    self.reusesMeasuredLayouts = owner is PDFSurface || owner is SVGSurface
    if let typesetter {
      self.typesetter = typesetter
    } else {
      do throws(GraphicsError) {
        self.typesetter = try Typesetter()
      } catch {
        cairo_destroy(cr)
        throw error
      }
    }
  }

  deinit { cairo_destroy(cr) }

  static func describe(_ status: cairo_status_t) -> String {
    "\(String(cString: cairo_status_to_string(status))) [cairo status \(status.rawValue)]"
  }

  /// Records the first failure after a cairo call.
  func check(_ function: String) {
    guard failure == nil else { return }
    let status = cairo_status(cr)
    if status != CAIRO_STATUS_SUCCESS {
      failure = .cairo(function: function, status: Self.describe(status), context: "")
    }
  }

  public func checkStatus() throws {
    if let failure { throw failure }
    check("cairo_status")
    if let failure { throw failure }
  }

  // MARK: State and transforms

  /// Runs `body` between `cairo_save` and `cairo_restore`.
  public func withSavedState<T>(_ body: () throws -> T) rethrows -> T {
    cairo_save(cr)
    defer {
      cairo_restore(cr)
      check("cairo_restore")
    }
    return try body()
  }

  public func translate(x: Double, y: Double) {
    cairo_translate(cr, x, y)
    check("cairo_translate")
  }

  public func scale(x: Double, y: Double) {
    cairo_scale(cr, x, y)
    check("cairo_scale")
  }

  /// Rotates user space by `degrees`, counter-clockwise as seen on the page.
  public func rotate(degrees: Double) {
    cairo_rotate(cr, -degrees * Double.pi / 180)
    check("cairo_rotate")
  }

  public func clipped(to rect: Rect, _ body: () -> Void) {
    withSavedState {
      cairo_rectangle(cr, rect.minX, rect.minY, rect.width, rect.height)
      cairo_clip(cr)
      check("cairo_clip")
      body()
    }
  }

  /// Ends the current page and starts a new one (PDF: a new page; image: nothing visible).
  public func showPage() {
    cairo_show_page(cr)
    check("cairo_show_page")
  }

  /// Paints the whole clip region with `color`.
  public func paint(_ color: Color) {
    setSource(color)
    cairo_paint(cr)
    check("cairo_paint")
  }

  // MARK: Paths

  private func setSource(_ color: Color) {
    cairo_set_source_rgba(cr, color.red, color.green, color.blue, color.alpha)
  }

  private func append(_ path: Path) {
    cairo_new_path(cr)
    for element in path.elements {
      switch element {
      case .move(let p): cairo_move_to(cr, p.x, p.y)
      case .line(let p): cairo_line_to(cr, p.x, p.y)
      case .curve(let a, let b, let c): cairo_curve_to(cr, a.x, a.y, b.x, b.y, c.x, c.y)
      case .arc(let c, let r, let start, let end): cairo_arc(cr, c.x, c.y, r, start, end)
      case .arcNegative(let c, let r, let start, let end):
        cairo_arc_negative(cr, c.x, c.y, r, start, end)
      case .close: cairo_close_path(cr)
      }
    }
  }

  public func fill(_ path: Path, color: Color) {
    append(path)
    setSource(color)
    cairo_set_fill_rule(cr, CAIRO_FILL_RULE_WINDING)
    cairo_fill(cr)
    check("cairo_fill")
  }

  public func stroke(_ path: Path, style: StrokeStyle) {
    append(path)
    setSource(style.color)
    cairo_set_line_width(cr, style.width)
    style.dash.withUnsafeBufferPointer { cairo_set_dash(cr, $0.baseAddress, Int32($0.count), 0) }
    switch style.cap {
    case .butt: cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT)
    case .round: cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND)
    case .square: cairo_set_line_cap(cr, CAIRO_LINE_CAP_SQUARE)
    }
    switch style.join {
    case .miter: cairo_set_line_join(cr, CAIRO_LINE_JOIN_MITER)
    case .round: cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
    case .bevel: cairo_set_line_join(cr, CAIRO_LINE_JOIN_BEVEL)
    }
    cairo_stroke(cr)
    check("cairo_stroke")
  }

  // MARK: Text (pango only)

  public func measure(_ text: String, style: TextStyle) -> Size {
    typesetter.measure(text, style: style)
  }

  public func draw(
    _ text: String, at point: Point, style: TextStyle, anchor: TextAnchor, rotation: Double
  ) {
    let reuse = reusesMeasuredLayouts
    let layout =
      reuse
      ? typesetter.measuredLayout(text, style: style)
      : typesetter.makeLayout(text, style: style, context: typesetter.drawingContext)
    defer { if !reuse { g_object_unref(UnsafeMutableRawPointer(layout)) } }
    withSavedState {
      cairo_translate(cr, point.x, point.y)
      if rotation != 0 { cairo_rotate(cr, -rotation * Double.pi / 180) }
      if !reuse { pango_cairo_update_layout(cr, layout) }
      let box = Typesetter.logicalRect(of: layout)
      let a = anchor.offset(in: box.size)
      cairo_translate(cr, -a.x - box.minX, -a.y - box.minY)
      setSource(style.color)
      if !reuse { pango_cairo_update_layout(cr, layout) }
      pango_cairo_show_layout(cr, layout)
      check("pango_cairo_show_layout")
    }
  }
}
