import Foundation

/// What a PNG file says about itself: pixel size and physical density (the `pHYs` chunk).
/// cairo writes no `pHYs`; ``ImageSurface`` adds one so that a 1600×900 chart opens as 8×4.5 in.
public struct PNGInfo: Hashable, Sendable {
  public var widthPx: Int
  public var heightPx: Int
  /// Dots per inch from `pHYs` (metre units), to one decimal, or `nil` without one.
  public var dpi: Double?

  public init(widthPx: Int, heightPx: Int, dpi: Double?) {
    self.widthPx = widthPx
    self.heightPx = heightPx
    self.dpi = dpi
  }

  /// Reads the header chunks of PNG bytes.
  public init(data: Data) throws(GraphicsError) {
    let bytes = [UInt8](data.prefix(4096))
    guard bytes.count >= 33, Array(bytes[0..<8]) == PNGInfo.signature,
      Array(bytes[12..<16]) == Array("IHDR".utf8)
    else { throw .invalidArgument("not a PNG file") }
    widthPx = Int(PNGInfo.uint32(bytes, 16))
    heightPx = Int(PNGInfo.uint32(bytes, 20))
    dpi = nil
    var offset = 8
    while offset + 8 <= bytes.count {
      let length = Int(PNGInfo.uint32(bytes, offset))
      let type = String(decoding: bytes[(offset + 4)..<(offset + 8)], as: UTF8.self)
      if type == "IDAT" || type == "IEND" { break }
      if type == "pHYs", offset + 17 <= bytes.count, bytes[offset + 16] == 1 {
        // pHYs holds whole pixels per metre, so dpi is exact only to about 0.03: keep one decimal.
        dpi = (Double(PNGInfo.uint32(bytes, offset + 8)) * 0.254).rounded() / 10
      }
      offset += 12 + length
    }
  }

  /// Reads a PNG file's header chunks.
  public init(contentsOf url: URL) throws(GraphicsError) {
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw .io(path: url.path, reason: "\(error)")
    }
    try self.init(data: data)
  }

  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

  static func uint32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) << 24 | UInt32(b[i + 1]) << 16 | UInt32(b[i + 2]) << 8 | UInt32(b[i + 3])
  }

  /// PNG bytes with a `pHYs` chunk for `dpi` inserted after `IHDR` (which is always first).
  static func inserting(dpi: Double, into png: Data) -> Data {
    let pixelsPerMetre = UInt32((dpi / 0.0254).rounded())
    var chunk: [UInt8] = []
    func append32(_ v: UInt32) {
      chunk += [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }
    append32(9)
    let body = Array("pHYs".utf8) + bigEndian(pixelsPerMetre) + bigEndian(pixelsPerMetre) + [1]
    chunk += body
    append32(crc32(body))
    var out = Data(png.prefix(33))  // signature (8) + IHDR (4 + 4 + 13 + 4)
    out.append(contentsOf: chunk)
    out.append(png.dropFirst(33))
    return out
  }

  private static func bigEndian(_ v: UInt32) -> [UInt8] {
    [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
  }

  private static let crcTable: [UInt32] = (0..<256).map { n -> UInt32 in
    var c = UInt32(n)
    for _ in 0..<8 { c = c & 1 != 0 ? 0xEDB8_8320 ^ (c >> 1) : c >> 1 }
    return c
  }

  /// The CRC-32 that PNG chunks carry (over type and data).
  static func crc32(_ bytes: [UInt8]) -> UInt32 {
    var c: UInt32 = 0xFFFF_FFFF
    for b in bytes { c = crcTable[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
    return c ^ 0xFFFF_FFFF
  }
}
