import CCairoPango
import Foundation
import Testing

@testable import Graphics

@Suite struct PNGEncoderTests {
  /// A drawing with flat areas, antialiased edges, text and (when not opaque) translucency.
  private func drawing(opaque: Bool) throws -> ImageSurface {
    let image = try ImageSurface(widthPx: 240, heightPx: 130, scale: 1.5, opaque: opaque)
    let context = try image.makeContext()
    if opaque { context.paint(.white) }
    context.fill(Rect(x: 10, y: 10, width: 60.3, height: 40.7), color: Color(hex: 0x0072B2))
    context.fill(
      Rect(x: 40, y: 30, width: 90, height: 30), color: Color(red: 0.9, green: 0.4, blue: 0.1, alpha: 0.45))
    context.draw(
      "信访总量 1,234件", at: Point(x: 20, y: 70), style: TextStyle(size: 12), anchor: .topLeft, rotation: 10)
    try context.checkStatus()
    return image
  }

  /// The pixels cairo's own PNG writer makes of the surface.
  private func cairoPNG(_ image: ImageSurface) throws -> Data {
    final class Sink { var data = Data() }
    let sink = Sink()
    let status = cairo_surface_write_to_png_stream(
      image.surface,
      { closure, bytes, length in
        Unmanaged<Sink>.fromOpaque(closure!).takeUnretainedValue().data.append(bytes!, count: Int(length))
        return CAIRO_STATUS_SUCCESS
      }, Unmanaged.passUnretained(sink).toOpaque())
    try #require(status == CAIRO_STATUS_SUCCESS)
    return sink.data
  }

  @Test(arguments: [true, false]) func pixelsAreThoseCairoWrites(opaque: Bool) throws {
    let image = try drawing(opaque: opaque)
    let ours = try DecodedPNG(try image.pngData(dpi: 200))
    let cairos = try DecodedPNG(try cairoPNG(image))
    #expect(ours.width == 240 && ours.height == 130)
    #expect(ours.colorType == (opaque ? 2 : 6))
    #expect(ours.chunks == ["IHDR", "pHYs", "bKGD", "IDAT", "IEND"])
    // cairo writes RGB for an ARGB image with no transparent pixel; compare as RGBA then.
    #expect(ours.rgba == cairos.rgba)
  }

  @Test func aLargeChartSizedImageRoundTrips() throws {
    let image = try ImageSurface(widthPx: 1600, heightPx: 900, scale: 200.0 / 72, opaque: true)
    let context = try image.makeContext()
    context.paint(.white)
    context.fill(Rect(x: 50, y: 50, width: 400, height: 200), color: Color(hex: 0xD55E00))
    try context.checkStatus()
    let decoded = try DecodedPNG(try image.pngData(dpi: 200))
    #expect(decoded.rgba == (try DecodedPNG(try cairoPNG(image))).rgba)
    #expect(try PNGInfo(data: try image.pngData(dpi: 200)) == PNGInfo(widthPx: 1600, heightPx: 900, dpi: 200))
  }
}

@Suite struct ImageDeflateTests {
  /// zlib's own decoder (which also checks the Adler-32) must give back every byte.
  private func roundTrip(_ data: [UInt8], rowBytes: Int, pixelBytes: Int) throws -> Int {
    let compressed = data.withUnsafeBufferPointer {
      ImageDeflate.compress($0, rowBytes: rowBytes, pixelBytes: pixelBytes)
    }
    var output = [UInt8](repeating: 0, count: data.count + 1)
    var outputCount = uLongf(output.count)
    let status = uncompress(&output, &outputCount, compressed, uLong(compressed.count))
    try #require(status == Z_OK)
    #expect(Array(output.prefix(Int(outputCount))) == data)
    return compressed.count
  }

  @Test func everyKindOfRowComesBackExactly() throws {
    var random = SystemRandomNumberGenerator()
    for (width, channels) in [(1, 3), (2, 4), (97, 3), (300, 4), (11_000, 3)] {
      let rowBytes = 1 + width * channels
      var data: [UInt8] = []
      for row in 0..<12 {
        var bytes = [UInt8(row % 2)]
        switch row % 4 {
        case 0: bytes += (0..<width * channels).map { _ in UInt8.random(in: 0...255, using: &random) }
        case 1: bytes += Array(data.suffix(rowBytes).dropFirst())  // the row above
        case 2:
          // A run of one pixel, then of another.
          for x in 0..<width {
            bytes +=
              x < width / 2 ? [UInt8](repeating: 200, count: channels) : Array([1, 2, 3, 4].prefix(channels))
          }
        default: bytes += (0..<width * channels).map { UInt8(truncatingIfNeeded: $0 / 7) }
        }
        data += bytes.prefix(rowBytes)
      }
      _ = try roundTrip(data, rowBytes: rowBytes, pixelBytes: channels)
    }
    _ = try roundTrip([], rowBytes: 4, pixelBytes: 3)
  }

  @Test func repeatedRowsShrinkToAFewBytesEach() throws {
    let rowBytes = 1 + 1600 * 3
    let row = [0] + (0..<1600 * 3).map { UInt8(truncatingIfNeeded: $0 * 31) }
    let size = try roundTrip(
      Array([[UInt8]](repeating: row, count: 100).joined()), rowBytes: rowBytes, pixelBytes: 3)
    // One literal row (at most 9 bits a byte), then 19 matches of at most 4 bytes per row.
    #expect(size < rowBytes * 9 / 8 + 99 * 19 * 4 + 64)
  }
}

/// An independent PNG reader for 8-bit RGB and RGBA images: every chunk's CRC checked, all five
/// filter types undone.
struct DecodedPNG {
  var width = 0
  var height = 0
  var colorType: UInt8 = 0
  var chunks: [String] = []
  /// Straight RGBA samples, row by row (opaque images get alpha 255).
  var rgba: [UInt8] = []

  init(_ data: Data) throws {
    let bytes = [UInt8](data)
    try #require(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
    func uint32(_ i: Int) -> Int { bytes[i..<i + 4].reduce(0) { $0 << 8 | Int($1) } }
    var offset = 8
    var compressed: [UInt8] = []
    while offset < bytes.count {
      let length = uint32(offset)
      let type = String(decoding: bytes[offset + 4..<offset + 8], as: UTF8.self)
      let body = Array(bytes[offset + 8..<offset + 8 + length])
      try #require(
        UInt32(uint32(offset + 8 + length)) == crc32(Array(bytes[offset + 4..<offset + 8 + length])))
      if chunks.last != type { chunks.append(type) }
      switch type {
      case "IHDR":
        width = uint32(offset + 8)
        height = uint32(offset + 12)
        try #require(body[8] == 8 && body[10] == 0 && body[11] == 0 && body[12] == 0)
        colorType = body[9]
      case "IDAT": compressed += body
      default: break
      }
      offset += 12 + length
    }
    let channels = colorType == 6 ? 4 : 3
    try #require(colorType == 2 || colorType == 6)
    let rowBytes = width * channels
    var raw = [UInt8](repeating: 0, count: height * (rowBytes + 1))
    var rawCount = uLongf(raw.count)
    let status = uncompress(&raw, &rawCount, compressed, uLong(compressed.count))
    try #require(status == Z_OK && Int(rawCount) == raw.count)
    var previous = [UInt8](repeating: 0, count: rowBytes)
    for y in 0..<height {
      let filter = raw[y * (rowBytes + 1)]
      var row = Array(raw[(y * (rowBytes + 1) + 1)..<((y + 1) * (rowBytes + 1))])
      for i in 0..<rowBytes {
        let a = i >= channels ? Int(row[i - channels]) : 0
        let b = Int(previous[i])
        let c = i >= channels ? Int(previous[i - channels]) : 0
        let predictor: Int
        switch filter {
        case 0: predictor = 0
        case 1: predictor = a
        case 2: predictor = b
        case 3: predictor = (a + b) / 2
        case 4:
          let p = a + b - c
          let (pa, pb, pc) = (abs(p - a), abs(p - b), abs(p - c))
          predictor = pa <= pb && pa <= pc ? a : (pb <= pc ? b : c)
        default:
          throw DecodeError.badFilter(filter)
        }
        row[i] = row[i] &+ UInt8(truncatingIfNeeded: predictor)
      }
      for x in 0..<width {
        rgba += row[(x * channels)..<(x * channels + 3)]
        rgba.append(channels == 4 ? row[x * channels + 3] : 255)
      }
      previous = row
    }
  }

  enum DecodeError: Error { case badFilter(UInt8) }
}
