import CCairoPango
import Foundation

/// Collects the bytes cairo writes to a stream.
final class ByteSink {
  var data = Data()
}

/// cairo's write callback for a ``ByteSink``.
func writeToSink(
  _ closure: UnsafeMutableRawPointer?, _ bytes: UnsafePointer<UInt8>?, _ length: UInt32
) -> cairo_status_t {
  guard let closure, let bytes else { return CAIRO_STATUS_WRITE_ERROR }
  Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue().data.append(bytes, count: Int(length))
  return CAIRO_STATUS_SUCCESS
}

/// Throws if the surface is in an error state, naming the function that made it.
func checkSurface(_ surface: OpaquePointer, _ function: String, _ context: String = "") throws(GraphicsError)
{
  let status = cairo_surface_status(surface)
  if status != CAIRO_STATUS_SUCCESS {
    throw .cairo(function: function, status: GraphicsContext.describe(status), context: context)
  }
}

/// A raster surface (ARGB32) that draws in points and stores pixels: `scale` pixels per point.
/// For a 200 dpi PNG, `scale` is 200/72 and a 576×324 pt chart is 1600×900 px.
public final class ImageSurface {
  let surface: OpaquePointer
  public let widthPx: Int
  public let heightPx: Int
  /// Pixels per point.
  public let scale: Double

  /// The drawing area in points.
  public var size: Size { Size(width: Double(widthPx) / scale, height: Double(heightPx) / scale) }

  /// Whether the image has no alpha channel (RGB24: smaller, faster PNGs for opaque drawings).
  public let isOpaque: Bool

  /// An image of `widthPx`×`heightPx` pixels whose contexts draw at `scale` pixels per point:
  /// transparent (ARGB32) or, when `opaque`, without alpha (RGB24, black until painted).
  public init(widthPx: Int, heightPx: Int, scale: Double = 1, opaque: Bool = false) throws(GraphicsError) {
    guard widthPx > 0, heightPx > 0, scale > 0 else {
      throw .invalidArgument("image size \(widthPx)×\(heightPx) px at scale \(scale) is empty")
    }
    let format = opaque ? CAIRO_FORMAT_RGB24 : CAIRO_FORMAT_ARGB32
    let surface = cairo_image_surface_create(format, Int32(widthPx), Int32(heightPx))!
    do { try checkSurface(surface, "cairo_image_surface_create") } catch {
      cairo_surface_destroy(surface)
      throw error
    }
    self.surface = surface
    self.widthPx = widthPx
    self.heightPx = heightPx
    self.scale = scale
    self.isOpaque = opaque
  }

  deinit { cairo_surface_destroy(surface) }

  /// A new context whose user space is points (scaled by ``scale``).
  public func makeContext(typesetter: Typesetter? = nil) throws(GraphicsError) -> GraphicsContext {
    let context = try GraphicsContext(surface: surface, owner: self, typesetter: typesetter)
    context.scale(x: scale, y: scale)
    return context
  }

  /// The PNG bytes, with a `pHYs` chunk when `dpi` is given (see ``PNGEncoder``).
  public func pngData(dpi: Double? = nil) throws(GraphicsError) -> Data {
    cairo_surface_flush(surface)
    try checkSurface(surface, "cairo_surface_flush")
    guard let data = cairo_image_surface_get_data(surface) else {
      throw .cairo(function: "cairo_image_surface_get_data", status: "no pixel data", context: "")
    }
    return try PNGEncoder.encode(
      pixels: UnsafePointer(data), width: widthPx, height: heightPx,
      stride: Int(cairo_image_surface_get_stride(surface)), opaque: isOpaque, dpi: dpi)
  }

  /// Writes the PNG file, with `dpi` recorded in its `pHYs` chunk when given.
  public func writePNG(to url: URL, dpi: Double? = nil) throws(GraphicsError) {
    let data = try pngData(dpi: dpi)
    do { try data.write(to: url, options: .atomic) } catch {
      throw .io(path: url.path, reason: "\(error)")
    }
  }

  /// The colour of one pixel (un-premultiplied), `nil` outside the image.
  public func pixel(x: Int, y: Int) -> Color? {
    guard x >= 0, y >= 0, x < widthPx, y < heightPx else { return nil }
    cairo_surface_flush(surface)
    guard let data = cairo_image_surface_get_data(surface) else { return nil }
    let stride = Int(cairo_image_surface_get_stride(surface))
    let word = data.advanced(by: y * stride + x * 4).withMemoryRebound(to: UInt32.self, capacity: 1) {
      $0.pointee
    }
    let a = isOpaque ? 1 : Double(word >> 24) / 255
    guard a > 0 else { return .clear }
    func channel(_ shift: UInt32) -> Double { min(1, Double((word >> shift) & 0xFF) / 255 / a) }
    return Color(red: channel(16), green: channel(8), blue: channel(0), alpha: a)
  }
}

/// An SVG document in points (`cairo_svg_surface`, document unit pt), kept in memory until
/// ``finish(title:description:)``.
///
/// cairo writes text as glyph outlines, so the SVG has no searchable text of its own. `finish`
/// therefore adds `role="img"`, a `<title>` and a `<desc>` (the text alternative screen readers and
/// search use); the same words are checked in tests, and the PDF of the same drawing carries real,
/// selectable text.
public final class SVGSurface {
  let surface: OpaquePointer
  private let sink = ByteSink()
  public let size: Size
  private var finished = false

  public init(size: Size) throws(GraphicsError) {
    guard size.width > 0, size.height > 0 else {
      throw .invalidArgument("SVG size \(size.width)×\(size.height) pt is empty")
    }
    let surface = cairo_svg_surface_create_for_stream(
      writeToSink, Unmanaged.passUnretained(sink).toOpaque(), size.width, size.height)!
    do { try checkSurface(surface, "cairo_svg_surface_create_for_stream") } catch {
      cairo_surface_destroy(surface)
      throw error
    }
    cairo_svg_surface_set_document_unit(surface, CAIRO_SVG_UNIT_PT)
    self.surface = surface
    self.size = size
  }

  deinit {
    // Destroying finishes the surface, which may still write to `sink`: it is alive until deinit ends.
    cairo_surface_destroy(surface)
  }

  /// A new context in points; pass one typesetter to share fonts between charts.
  public func makeContext(typesetter: Typesetter? = nil) throws(GraphicsError) -> GraphicsContext {
    try GraphicsContext(surface: surface, owner: self, typesetter: typesetter)
  }

  /// Finishes the document and returns it, with `<title>` and `<desc>` added after the `<svg>` tag.
  public func finish(title: String? = nil, description: String? = nil) throws(GraphicsError) -> Data {
    guard !finished else { throw .invalidArgument("SVGSurface.finish called twice") }
    finished = true
    cairo_surface_finish(surface)
    try checkSurface(surface, "cairo_surface_finish", "SVG")
    return Self.addingText(
      to: Self.numberingSurfaces(sink.data), title: title, description: description)
  }

  /// Finishes the document and writes it to `url`.
  public func write(to url: URL, title: String? = nil, description: String? = nil) throws(GraphicsError) {
    let data = try finish(title: title, description: description)
    do { try data.write(to: url, options: .atomic) } catch {
      throw .io(path: url.path, reason: "\(error)")
    }
  }

  /// The SVG with cairo's surface ids (`id="surface98"`, `#surface98`) numbered from 1 in order of
  /// appearance. cairo takes them from a process-wide counter, so without this a chart's file
  /// would depend on what else the process drew before it, and in what order its threads drew.
  static func numberingSurfaces(_ svg: Data) -> Data {
    let name = Array("surface".utf8)
    let bytes = [UInt8](svg)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count)
    var numbers: [ArraySlice<UInt8>: Int] = [:]
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      out.append(byte)
      index += 1
      guard byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "#"),
        bytes[index...].starts(with: name)
      else { continue }
      var end = index + name.count
      while end < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[end]) { end += 1 }
      guard end > index + name.count else { continue }
      let digits = bytes[(index + name.count)..<end]
      let number = numbers[digits] ?? numbers.count + 1
      numbers[digits] = number
      out += name
      out += "\(number)".utf8
      index = end
    }
    return Data(out)
  }

  static func addingText(to svg: Data, title: String?, description: String?) -> Data {
    guard title != nil || description != nil else { return svg }
    var text = String(decoding: svg, as: UTF8.self)
    guard let open = text.range(of: "<svg"),
      let close = text[open.upperBound...].firstIndex(of: ">")
    else { return svg }
    var inserted = ""
    if let title { inserted += "\n<title id=\"chart-title\">\(xmlEscaped(title))</title>" }
    if let description { inserted += "\n<desc id=\"chart-desc\">\(xmlEscaped(description))</desc>" }
    text.insert(contentsOf: inserted, at: text.index(after: close))
    let labelled = title != nil ? " aria-labelledby=\"chart-title\"" : ""
    let described = description != nil ? " aria-describedby=\"chart-desc\"" : ""
    text.insert(contentsOf: " role=\"img\"" + labelled + described, at: close)
    return Data(text.utf8)
  }

  static func xmlEscaped(_ s: String) -> String {
    var out = ""
    for c in s {
      switch c {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      default: out.append(c)
      }
    }
    return out
  }
}

/// Document information of a PDF (`cairo_pdf_surface_set_metadata`).
public struct PDFMetadata: Hashable, Sendable {
  public var title: String?
  public var author: String?
  public var subject: String?
  public var keywords: String?
  public var creator: String?
  /// Creation date; set it for reproducible output (cairo otherwise writes the current time).
  public var creationDate: Date?

  public init(
    title: String? = nil, author: String? = nil, subject: String? = nil, keywords: String? = nil,
    creator: String? = nil, creationDate: Date? = nil
  ) {
    self.title = title
    self.author = author
    self.subject = subject
    self.keywords = keywords
    self.creator = creator
    self.creationDate = creationDate
  }

  /// `YYYY-MM-DDThh:mm:ssZ` in UTC, the form cairo accepts.
  static func cairoDate(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    func two(_ v: Int?) -> String {
      let v = v ?? 0
      return v < 10 ? "0\(v)" : "\(v)"
    }
    return "\(c.year ?? 1970)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
  }
}

/// A PDF file (`cairo_pdf_surface`), possibly of many pages, in points. Fonts are embedded as
/// subsets with ToUnicode maps, so text stays selectable and searchable. Call ``finish()``: it
/// writes the file and reports a failure that `deinit` could only drop.
public final class PDFSurface {
  let surface: OpaquePointer
  public let url: URL
  private var finished = false

  /// A PDF at `url` whose first page is `pageSize` points (A4 portrait is 595.28×841.89).
  public init(url: URL, pageSize: Size) throws(GraphicsError) {
    guard pageSize.width > 0, pageSize.height > 0 else {
      throw .invalidArgument("PDF page size \(pageSize.width)×\(pageSize.height) pt is empty")
    }
    let surface = cairo_pdf_surface_create(url.path, pageSize.width, pageSize.height)!
    do { try checkSurface(surface, "cairo_pdf_surface_create", url.path) } catch {
      cairo_surface_destroy(surface)
      throw error
    }
    self.surface = surface
    self.url = url
  }

  /// Destroying an unfinished PDF makes cairo write it, dropping any error: call ``finish()``.
  deinit { cairo_surface_destroy(surface) }

  /// A new context in points for drawing onto the current page and the pages after it
  /// (``GraphicsContext/showPage()`` ends a page). Pass one typesetter to share fonts.
  public func makeContext(typesetter: Typesetter? = nil) throws(GraphicsError) -> GraphicsContext {
    try GraphicsContext(surface: surface, owner: self, typesetter: typesetter)
  }

  /// Sets the document information dictionary. Call before ``finish()``.
  public func setMetadata(_ metadata: PDFMetadata) throws(GraphicsError) {
    let entries: [(cairo_pdf_metadata_t, String?)] = [
      (CAIRO_PDF_METADATA_TITLE, metadata.title), (CAIRO_PDF_METADATA_AUTHOR, metadata.author),
      (CAIRO_PDF_METADATA_SUBJECT, metadata.subject),
      (CAIRO_PDF_METADATA_KEYWORDS, metadata.keywords),
      (CAIRO_PDF_METADATA_CREATOR, metadata.creator),
      (CAIRO_PDF_METADATA_CREATE_DATE, metadata.creationDate.map(PDFMetadata.cairoDate)),
      (CAIRO_PDF_METADATA_MOD_DATE, metadata.creationDate.map(PDFMetadata.cairoDate)),
    ]
    for (key, value) in entries {
      guard let value else { continue }
      cairo_pdf_surface_set_metadata(surface, key, value)
    }
    try checkSurface(surface, "cairo_pdf_surface_set_metadata")
  }

  /// Sets the size of the next page (call before drawing on it).
  public func setPageSize(_ size: Size) throws(GraphicsError) {
    cairo_pdf_surface_set_size(surface, size.width, size.height)
    try checkSurface(surface, "cairo_pdf_surface_set_size")
  }

  /// Writes the last page and the file; throws if cairo could not.
  public func finish() throws(GraphicsError) {
    guard !finished else { return }
    finished = true
    cairo_surface_finish(surface)
    try checkSurface(surface, "cairo_surface_finish", url.path)
  }
}

extension PDFSurface {
  /// Adds a bookmark to the PDF's outline (the viewer's side panel) that opens page `page`
  /// (1-based) at `y` points from its top; returns its id, the `parent` of nested bookmarks
  /// (0 is the outline's root). Titles may be Chinese.
  @discardableResult
  public func addOutline(_ title: String, page: Int, y: Double = 0, parent: Int = 0, isOpen: Bool = false)
    throws(GraphicsError) -> Int
  {
    guard page >= 1 else { throw .invalidArgument("outline \(title): page \(page) is not 1-based") }
    // cairo's link attributes: a position in user space of the target page.
    let target = "page=\(page) pos=[0 \(y)]"
    let flags = isOpen ? CAIRO_PDF_OUTLINE_FLAG_OPEN : cairo_pdf_outline_flags_t(rawValue: 0)
    let id = cairo_pdf_surface_add_outline(surface, Int32(parent), title, target, flags)
    try checkSurface(surface, "cairo_pdf_surface_add_outline", title)
    return Int(id)
  }
}
