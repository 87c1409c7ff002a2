/// An RGB colour, `0xRRGGBB`.
public struct Color: Hashable, Sendable, CustomStringConvertible {
  /// The colour as `0xRRGGBB`.
  public let rgb: UInt32

  /// A colour from `0xRRGGBB`; higher bits are dropped.
  public init(rgb: UInt32) { self.rgb = rgb & 0xFF_FFFF }

  /// A colour from `#RRGGBB` or `RRGGBB`; `nil` when malformed.
  public init?(hex: String) {
    let digits = hex.hasPrefix("#") ? hex.dropFirst() : Substring(hex)
    guard digits.count == 6, let value = UInt32(digits, radix: 16) else { return nil }
    self.init(rgb: value)
  }

  /// `#RRGGBB`.
  public var description: String {
    let hex = String(rgb, radix: 16, uppercase: true)
    return "#" + String(repeating: "0", count: 6 - hex.count) + hex
  }

  /// Black, `#000000`.
  public static let black = Color(rgb: 0x000000)
  /// White, `#FFFFFF`.
  public static let white = Color(rgb: 0xFFFFFF)
  /// Excel's red, `#FF0000`.
  public static let red = Color(rgb: 0xFF0000)

  /// The value libxlsxwriter expects (`lxw_color_t`).
  var lxw: UInt32 { rgb }
}
