import Foundation

/// What a PNG file says about itself: pixel size and physical density (the `pHYs` chunk).
/// ``ImageSurface`` writes one (see ``PNGEncoder``) so that a 1600×900 chart opens as 8×4.5 in.
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
}
