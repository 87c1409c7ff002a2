import Document
import XLSX

/// The look of the workbook, one format per role (as gptables keys its theme by role), kept
/// apart from the content and from the code that places cells.
///
/// The `bulletin` layout draws the traditional ruled 统计报表 (thin borders on every header and
/// data cell); the `accessible` layout draws no borders, leaving structure to the Excel table
/// style. Every role is monochrome-safe: the one colour (the behind-time-progress highlight) comes
/// with bold text, and the notes under each table say what it means.
struct WorkbookTheme {
  let layout: WorkbookLayout

  /// Height of one line of 11-point text in points, generous enough for CJK fallback fonts.
  static let lineHeight = 16.0
  /// Excel table style of every table in the accessible layout and of the 数据 sheet.
  static let tableStyle = TableStyle.light(9)

  private var ruled: Bool { layout == .bulletin }
  private var cellBorders: Borders { ruled ? .all(.thin) : .none }
  private static let grey = Color(rgb: 0x404040)

  /// A1 of every sheet: the sheet's title. In the bulletin layout it is centred across the table.
  var title: FormatSpec {
    FormatSpec(
      fontSize: 14, bold: true, horizontalAlignment: ruled ? .centerAcross : nil, verticalAlignment: .center)
  }

  /// The cover's title, larger.
  var coverTitle: FormatSpec { FormatSpec(fontSize: 18, bold: true, verticalAlignment: .center) }

  /// A2: unit and span, or a sheet's one-line description.
  var subtitle: FormatSpec { FormatSpec(fontColor: Self.grey) }

  /// The symbols line above an accessible table, and other explanatory lines.
  var explanation: FormatSpec { FormatSpec(fontColor: Self.grey) }

  /// A heading inside the cover (一、数据来源…).
  var sectionHeading: FormatSpec { FormatSpec(fontSize: 12, bold: true) }

  /// A table's header cells: bold, centred, wrapped; ruled all round in the bulletin layout,
  /// underlined in the accessible one.
  var header: FormatSpec {
    FormatSpec(
      bold: true, horizontalAlignment: .center, verticalAlignment: .center, wrap: true,
      borders: ruled ? cellBorders : Borders(bottom: .thin))
  }

  /// The header of a cover or notes list (plain rows, never merged).
  var listHeader: FormatSpec {
    FormatSpec(bold: true, verticalAlignment: .top, borders: Borders(bottom: .thin))
  }

  /// A row label; children of a total row are indented one level.
  func label(isTotal: Bool, indented: Bool) -> FormatSpec {
    FormatSpec(bold: isTotal, verticalAlignment: .center, indent: indented ? 1 : 0, borders: cellBorders)
  }

  /// A number with `decimals` decimals and thousands separators (`#,##0`, `#,##0.0`).
  ///
  /// `signless` drops the minus sign: the engine prints a negative value that rounds to zero as
  /// `0.0`, while Excel would show `-0.0` — such a cell gets a format whose negative section has
  /// no sign, so the workbook shows the document's digits.
  func number(decimals: Int, isTotal: Bool, signless: Bool = false) -> FormatSpec {
    FormatSpec(
      bold: isTotal, numberFormat: Self.numberFormat(decimals: decimals, signless: signless),
      verticalAlignment: .center, borders: cellBorders)
  }

  /// `#,##0` followed by `decimals` zeros after the point.
  static func numberFormat(decimals: Int, signless: Bool = false) -> String {
    let positive = decimals > 0 ? "#,##0." + String(repeating: "0", count: decimals) : "#,##0"
    return signless ? "\(positive);\(positive)" : positive
  }

  /// The absent symbol `—` (and text such as 是/否) in a value column: centred.
  func symbol(isTotal: Bool) -> FormatSpec {
    FormatSpec(
      bold: isTotal, horizontalAlignment: .center, verticalAlignment: .center, borders: cellBorders)
  }

  /// A blank value cell (the rank of the total row): only the borders.
  var blank: FormatSpec { FormatSpec(borders: cellBorders) }

  /// Source and note lines under a table.
  var note: FormatSpec { FormatSpec(fontSize: 10, fontColor: Self.grey) }

  /// The highlight of figures behind time progress (Excel's light red fill, dark red bold text).
  var behindSchedule: FormatSpec {
    FormatSpec(bold: true, fontColor: Color(rgb: 0x9C0006), fill: Color(rgb: 0xFFC7CE))
  }

  /// A key in the cover's list (统计期, 发布单位): bold, top-aligned.
  var key: FormatSpec { FormatSpec(bold: true, verticalAlignment: .top) }

  /// Long text in a list (definitions, notes): wrapped, top-aligned.
  var wrapped: FormatSpec { FormatSpec(verticalAlignment: .top, wrap: true) }

  /// A count in a list (rows read): `#,##0`, top-aligned.
  var count: FormatSpec { FormatSpec(numberFormat: "#,##0", verticalAlignment: .top) }

  /// A plain text cell, top-aligned.
  var text: FormatSpec { FormatSpec(verticalAlignment: .top) }

  /// A hyperlink in the contents: blue and underlined like Excel's Hyperlink style.
  var link: FormatSpec {
    FormatSpec(underline: true, fontColor: Color(rgb: 0x0563C1), verticalAlignment: .top, wrap: true)
  }
}
