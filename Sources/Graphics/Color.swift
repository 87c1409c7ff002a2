import Foundation

/// An sRGB colour with alpha, components in 0...1 (not premultiplied).
public struct Color: Hashable, Sendable, CustomStringConvertible {
  public var red: Double
  public var green: Double
  public var blue: Double
  public var alpha: Double

  public init(red: Double, green: Double, blue: Double, alpha: Double = 1) {
    self.red = red
    self.green = green
    self.blue = blue
    self.alpha = alpha
  }

  /// A colour from `0xRRGGBB`.
  public init(hex: UInt32, alpha: Double = 1) {
    self.init(
      red: Double((hex >> 16) & 0xFF) / 255, green: Double((hex >> 8) & 0xFF) / 255,
      blue: Double(hex & 0xFF) / 255, alpha: alpha)
  }

  public static let black = Color(hex: 0x000000)
  public static let white = Color(hex: 0xFFFFFF)
  public static let clear = Color(hex: 0x000000, alpha: 0)

  /// Relative luminance (WCAG 2), 0 for black to 1 for white: what a grey-scale print keeps.
  public var luminance: Double {
    func linear(_ c: Double) -> Double {
      c <= 0.039_28 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4)
    }
    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
  }

  /// The largest difference of any channel from `other`, in 0...255 steps; a tolerance for pixel tests.
  public func distance(to other: Color) -> Int {
    let d = [red - other.red, green - other.green, blue - other.blue, alpha - other.alpha]
    return Int((d.map { abs($0) }.max() ?? 0) * 255 + 0.5)
  }

  /// `#RRGGBB` (alpha ignored).
  public var hexString: String {
    func h(_ c: Double) -> String {
      let v = Int((max(0, min(1, c)) * 255).rounded())
      let s = String(v, radix: 16, uppercase: true)
      return s.count == 1 ? "0" + s : s
    }
    return "#" + h(red) + h(green) + h(blue)
  }

  public var description: String { hexString }
}

extension Color {
  /// The same colour with another opacity.
  public func withAlpha(_ alpha: Double) -> Color {
    Color(red: red, green: green, blue: blue, alpha: alpha)
  }
}
