import CCairoPango
import Foundation

/// Writes the pixels of a cairo image surface as a PNG file's bytes.
///
/// cairo's own writer (`cairo_surface_write_to_png_stream`) lets libpng try every filter on every
/// row and compresses at zlib's default level, which took most of a chart's time. Charts are large
/// flat areas of a few colours: rows are stored unfiltered (filter type 0) and compressed by
/// ``ImageDeflate``, which looks for repeats only in the row above and the pixel to the left. The
/// pixels are exactly those cairo would write (premultiplied ARGB is un-premultiplied the way
/// cairo does it), and the chunks are the same: `IHDR`, optional `pHYs`, `bKGD` (white), `IDAT`,
/// `IEND`.
enum PNGEncoder {
  /// The PNG bytes of `height` rows of `width` pixels at `pixels` (cairo's native-endian 32-bit
  /// words, `stride` bytes apart): RGB when `opaque` (cairo's RGB24), else RGBA from premultiplied
  /// ARGB32.
  static func encode(
    pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, opaque: Bool, dpi: Double?
  ) throws(GraphicsError) -> Data {
    let channels = opaque ? 3 : 4
    var out = Data(PNGInfo.signature)
    var header: [UInt8] = []
    header += bigEndian(UInt32(width)) + bigEndian(UInt32(height))
    // Bit depth 8; colour type 2 (RGB) or 6 (RGBA); deflate; adaptive filtering; no interlace.
    header += [8, opaque ? 2 : 6, 0, 0, 0]
    appendChunk("IHDR", header, to: &out)
    if let dpi {
      let pixelsPerMetre = UInt32((dpi / 0.0254).rounded())
      appendChunk("pHYs", bigEndian(pixelsPerMetre) + bigEndian(pixelsPerMetre) + [1], to: &out)
    }
    // Background white, as cairo writes it (three 16-bit samples of the 8-bit maximum).
    appendChunk("bKGD", [0, 0xFF, 0, 0xFF, 0, 0xFF], to: &out)
    let compressed = try compress(
      pixels: pixels, width: width, height: height, stride: stride, channels: channels)
    appendChunk("IDAT", compressed, to: &out)
    appendChunk("IEND", [], to: &out)
    return out
  }

  /// The zlib stream of all rows, each row a filter byte (0, none) and its samples.
  private static func compress(
    pixels: UnsafePointer<UInt8>, width: Int, height: Int, stride: Int, channels: Int
  ) throws(GraphicsError) -> [UInt8] {
    let rowBytes = 1 + width * channels
    let rows = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: rowBytes * height)
    defer { rows.deallocate() }
    for row in 0..<height {
      filterRow(
        pixels.advanced(by: row * stride), width: width, channels: channels,
        into: rows.baseAddress!.advanced(by: row * rowBytes))
    }
    return ImageDeflate.compress(UnsafeBufferPointer(rows), rowBytes: rowBytes, pixelBytes: channels)
  }

  @inline(__always)
  private static func filterRow(
    _ source: UnsafePointer<UInt8>, width: Int, channels: Int, into target: UnsafeMutablePointer<UInt8>
  ) {
    target[0] = 0
    let words = UnsafeRawPointer(source).assumingMemoryBound(to: UInt32.self)
    var t = target + 1
    if channels == 3 {
      for x in 0..<width {
        let word = words[x]
        t[0] = UInt8(truncatingIfNeeded: word >> 16)
        t[1] = UInt8(truncatingIfNeeded: word >> 8)
        t[2] = UInt8(truncatingIfNeeded: word)
        t += 3
      }
    } else {
      for x in 0..<width {
        (t[0], t[1], t[2], t[3]) = unpremultiplied(words[x])
        t += 4
      }
    }
  }

  /// A premultiplied ARGB32 word as straight RGBA, rounded as cairo's PNG writer rounds it.
  @inline(__always)
  static func unpremultiplied(_ word: UInt32) -> (UInt8, UInt8, UInt8, UInt8) {
    let alpha = word >> 24
    guard alpha != 0 else { return (0, 0, 0, 0) }
    func channel(_ shift: UInt32) -> UInt8 {
      UInt8(truncatingIfNeeded: (((word >> shift) & 0xFF) * 255 + alpha / 2) / alpha)
    }
    return (channel(16), channel(8), channel(0), UInt8(alpha))
  }

  private static func appendChunk(_ type: String, _ body: [UInt8], to out: inout Data) {
    let typed = Array(type.utf8) + body
    out.append(contentsOf: bigEndian(UInt32(body.count)))
    out.append(contentsOf: typed)
    let crc = typed.withUnsafeBufferPointer { crc32(0, $0.baseAddress, UInt32($0.count)) }
    out.append(contentsOf: bigEndian(UInt32(crc)))
  }

  private static func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
  }
}
