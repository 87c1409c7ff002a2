internal import CXlsxWriter

/// Horizontal alignment of cell content.
public enum HorizontalAlignment: Hashable, Sendable {
  case left, center, right, fill, justify, centerAcross, distributed
}

/// Vertical alignment of cell content.
public enum VerticalAlignment: Hashable, Sendable {
  case top, center, bottom, justify, distributed
}

/// A cell border line style.
public enum BorderStyle: Hashable, Sendable {
  case thin, medium, thick, dashed, dotted, double, hair
}

/// The border lines of a cell, side by side.
public struct Borders: Hashable, Sendable {
  /// The top line, if any.
  public var top: BorderStyle?
  /// The bottom line, if any.
  public var bottom: BorderStyle?
  /// The left line, if any.
  public var left: BorderStyle?
  /// The right line, if any.
  public var right: BorderStyle?
  /// The colour of every line; Excel's automatic colour (black) when `nil`.
  public var color: Color?

  /// Borders with the given sides.
  public init(
    top: BorderStyle? = nil, bottom: BorderStyle? = nil, left: BorderStyle? = nil,
    right: BorderStyle? = nil, color: Color? = nil
  ) {
    self.top = top
    self.bottom = bottom
    self.left = left
    self.right = right
    self.color = color
  }

  /// The same line on all four sides.
  public static func all(_ style: BorderStyle, color: Color? = nil) -> Borders {
    Borders(top: style, bottom: style, left: style, right: style, color: color)
  }

  /// No lines.
  public static let none = Borders()
}

/// Everything a cell format says, as a value.
///
/// Two equal specs always map to the same `lxw_format` within a workbook
/// (see ``Workbook/format(_:)``), so building a spec per cell is cheap and the workbook's style
/// table stays small.
public struct FormatSpec: Hashable, Sendable {
  /// Font family, e.g. `等线` or `SimSun`; the workbook default (Calibri) when `nil`.
  public var fontName: String?
  /// Font size in points; 11 when `nil`.
  public var fontSize: Double?
  /// Bold text.
  public var bold: Bool
  /// Italic text.
  public var italic: Bool
  /// Single underline.
  public var underline: Bool
  /// Font colour; automatic when `nil`.
  public var fontColor: Color?
  /// Excel number format, e.g. `#,##0`, `0.0`, `0.0%`, `@` (text); General when `nil`.
  public var numberFormat: String?
  /// Horizontal alignment; General (numbers right, text left) when `nil`.
  public var horizontalAlignment: HorizontalAlignment?
  /// Vertical alignment; bottom when `nil`.
  public var verticalAlignment: VerticalAlignment?
  /// Wrap text within the cell.
  public var wrap: Bool
  /// Indent level (0…15).
  public var indent: Int
  /// Cell borders.
  public var borders: Borders
  /// Solid background fill; none when `nil`.
  public var fill: Color?

  /// A format spec; every parameter defaults to Excel's default.
  public init(
    fontName: String? = nil, fontSize: Double? = nil, bold: Bool = false, italic: Bool = false,
    underline: Bool = false, fontColor: Color? = nil, numberFormat: String? = nil,
    horizontalAlignment: HorizontalAlignment? = nil, verticalAlignment: VerticalAlignment? = nil,
    wrap: Bool = false, indent: Int = 0, borders: Borders = .none, fill: Color? = nil
  ) {
    self.fontName = fontName
    self.fontSize = fontSize
    self.bold = bold
    self.italic = italic
    self.underline = underline
    self.fontColor = fontColor
    self.numberFormat = numberFormat
    self.horizontalAlignment = horizontalAlignment
    self.verticalAlignment = verticalAlignment
    self.wrap = wrap
    self.indent = indent
    self.borders = borders
    self.fill = fill
  }

  /// This spec with some properties changed: `base.with { $0.bold = true }`.
  public func with(_ change: (inout FormatSpec) -> Void) -> FormatSpec {
    var copy = self
    change(&copy)
    return copy
  }

  /// Sets every property on a fresh `lxw_format` (which copies the strings it is given).
  func apply(to format: UnsafeMutablePointer<lxw_format>) {
    if let fontName { format_set_font_name(format, fontName) }
    if let fontSize { format_set_font_size(format, fontSize) }
    if bold { format_set_bold(format) }
    if italic { format_set_italic(format) }
    if underline { format_set_underline(format, UInt8(LXW_UNDERLINE_SINGLE.rawValue)) }
    if let fontColor { format_set_font_color(format, fontColor.lxw) }
    if let numberFormat { format_set_num_format(format, numberFormat) }
    if let horizontalAlignment { format_set_align(format, horizontalAlignment.lxw) }
    if let verticalAlignment { format_set_align(format, verticalAlignment.lxw) }
    if wrap { format_set_text_wrap(format) }
    if indent > 0 { format_set_indent(format, UInt8(clamping: indent)) }
    if let top = borders.top { format_set_top(format, top.lxw) }
    if let bottom = borders.bottom { format_set_bottom(format, bottom.lxw) }
    if let left = borders.left { format_set_left(format, left.lxw) }
    if let right = borders.right { format_set_right(format, right.lxw) }
    if let color = borders.color { format_set_border_color(format, color.lxw) }
    if let fill {
      format_set_pattern(format, UInt8(LXW_PATTERN_SOLID.rawValue))
      format_set_bg_color(format, fill.lxw)
    }
  }
}

extension HorizontalAlignment {
  var lxw: UInt8 {
    let value: lxw_format_alignments =
      switch self {
      case .left: LXW_ALIGN_LEFT
      case .center: LXW_ALIGN_CENTER
      case .right: LXW_ALIGN_RIGHT
      case .fill: LXW_ALIGN_FILL
      case .justify: LXW_ALIGN_JUSTIFY
      case .centerAcross: LXW_ALIGN_CENTER_ACROSS
      case .distributed: LXW_ALIGN_DISTRIBUTED
      }
    return UInt8(value.rawValue)
  }
}

extension VerticalAlignment {
  var lxw: UInt8 {
    let value: lxw_format_alignments =
      switch self {
      case .top: LXW_ALIGN_VERTICAL_TOP
      case .center: LXW_ALIGN_VERTICAL_CENTER
      case .bottom: LXW_ALIGN_VERTICAL_BOTTOM
      case .justify: LXW_ALIGN_VERTICAL_JUSTIFY
      case .distributed: LXW_ALIGN_VERTICAL_DISTRIBUTED
      }
    return UInt8(value.rawValue)
  }
}

extension BorderStyle {
  var lxw: UInt8 {
    let value: lxw_format_borders =
      switch self {
      case .thin: LXW_BORDER_THIN
      case .medium: LXW_BORDER_MEDIUM
      case .thick: LXW_BORDER_THICK
      case .dashed: LXW_BORDER_DASHED
      case .dotted: LXW_BORDER_DOTTED
      case .double: LXW_BORDER_DOUBLE
      case .hair: LXW_BORDER_HAIR
      }
    return UInt8(value.rawValue)
  }
}
