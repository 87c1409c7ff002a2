import ChartModel
import Charts
import Graphics

/// The house style of the PDF bulletin: page geometry, type and colours, in points.
///
/// The text block is 44 body characters wide (44 × 10.5 pt = 462 pt), so a line of pure Chinese
/// fills it exactly and justification only has to absorb the width of Latin digits. Headings,
/// captions, tables, cards and footers are set in the sans family (黑体 in Chinese official style),
/// body text and notes in the serif (宋体), as Chinese government bulletins do.
struct BulletinStyle {
  var pageSize = Size(width: 595.28, height: 841.89)
  /// The text block: everything but the footer stays inside it.
  var textArea: Rect
  /// The rule over the footer, and the footer text below it.
  var footerRuleY: Double
  var footerTextY: Double

  /// The serif family of body text; the typesetter's sans families follow as fallback.
  var serif = "Noto Serif CJK SC"

  // Colours.
  var red = Color(hex: 0xC00000)
  var ink = Color(hex: 0x1A1A1A)
  var secondary = Color(hex: 0x404040)
  var muted = Color(hex: 0x595959)
  var hairline = Color(hex: 0xBFBFBF)
  var cardFill = Color(hex: 0xF4F4F4)
  /// Colours of the 同比 marks: up, down, flat (the ▲▼● marks carry the meaning in grey-scale).
  var up = Color(hex: 0xC00000)
  var down = Color(hex: 0x00785A)
  var flat = Color(hex: 0x595959)

  // Type sizes.
  var bodySize = 10.5
  var bodyLineSpacing = 1.3
  var headingSize = 12.0
  var captionSize = 10.5
  var tableSize = 9.0
  var tableNoteSize = 8.0
  var noteSize = 9.0
  var footerSize = 8.5

  // Vertical rhythm.
  var headingSpaceBefore = 14.0
  var headingSpaceAfter = 7.0
  var paragraphSpacing = 2.0
  /// Between charts and tables.
  var blockSpacing = 22.0
  /// Above a section heading on the chart and table pages, and above 注释.
  var sectionSpacing = 30.0

  init() {
    let width = 44 * bodySize
    let left = (pageSize.width - width) / 2
    let top = 62.0
    let bottom = pageSize.height - 74
    textArea = Rect(x: left, y: top, width: width, height: bottom - top)
    footerRuleY = pageSize.height - 54
    footerTextY = pageSize.height - 48
  }

  /// Body text: serif, justified, first line indented by two characters.
  func body(_ text: String) -> TextBlock {
    TextBlock(
      text,
      style: TextStyle(size: bodySize, color: ink, wrapWidth: textArea.width, lineSpacing: bodyLineSpacing),
      family: serif, isJustified: true, firstLineIndent: 2 * bodySize)
  }

  /// A section heading (一、信访工作).
  func heading(_ text: String, size: Double? = nil) -> TextBlock {
    TextBlock(
      text, style: TextStyle(size: size ?? headingSize, weight: .bold, color: ink, wrapWidth: textArea.width))
  }

  /// A sans text in `size`, wrapped at `width`.
  func sans(
    _ text: String, size: Double, weight: FontWeight = .regular, color: Color? = nil,
    alignment: TextAlignment = .left, width: Double? = nil
  ) -> TextBlock {
    TextBlock(
      text,
      style: TextStyle(
        size: size, weight: weight, color: color ?? ink, alignment: alignment, wrapWidth: width),
      fontFeatures: "tnum")
  }

  /// The chart theme inside the bulletin: the chart title is the numbered caption (图1 …), set like
  /// a table caption; the padding is what the chart rectangle overhangs the text block by, so the
  /// chart's content lines up with the text.
  var chartTheme: ChartTheme {
    var theme = ChartTheme.standard
    theme.padding = 6
    theme.title = TextStyle(size: captionSize, weight: .bold, color: ink, alignment: .center)
    theme.subtitle = TextStyle(size: 8.5, color: muted, alignment: .center)
    return theme
  }

  /// Height of a chart: 9:16 of the text width.
  var chartHeight: Double { (textArea.width * 9 / 16).rounded() }
}
