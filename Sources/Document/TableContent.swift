/// A numbered table (表N): content and metadata kept apart from any writer (as gptables does).
public struct TableContent: Sendable {
  public var id: String
  public var number: Int
  public var title: String
  /// Unit and span, e.g. `单位：件；2024年1-10月`.
  public var subtitle: String
  /// The unit stated in the subtitle (`件`), nil when the rows have units of their own.
  public var unit: String?
  /// Header of the label column (`指标`, `地区`, `险种`, `问题类别`).
  public var labelHeader: String
  public var columns: [TableColumn]
  public var rows: [TableRow]
  public var notes: [String]
  public var source: String
  /// The value columns a renderer may chart across the rows (a by-region table's counts or
  /// levels), most telling first; empty when none is worth a chart.
  public var chartableColumns: [Int]

  public init(
    id: String, number: Int, title: String, subtitle: String, unit: String? = nil, labelHeader: String,
    columns: [TableColumn], rows: [TableRow], notes: [String], source: String, chartableColumns: [Int] = []
  ) {
    self.id = id
    self.number = number
    self.title = title
    self.subtitle = subtitle
    self.unit = unit
    self.labelHeader = labelHeader
    self.columns = columns
    self.rows = rows
    self.notes = notes
    self.source = source
    self.chartableColumns = chartableColumns
  }

  /// `表1 信访总量及分渠道情况`.
  public var caption: String { "表\(number) \(title)" }

  /// The source line under the table (`资料来源：市信访局`), nil when the table names none.
  public var sourceLine: String? { Footnote.sourceLine(source) }

  /// Every footnote number the table's cells refer to, in order.
  public var footnoteNumbers: [Int] {
    Set(rows.flatMap { $0.cells.flatMap(\.footnotes) }).sorted()
  }

  /// The cell of row `row`, value column `column` (blank when the row is short).
  public func cell(_ row: Int, _ column: Int) -> TableCell {
    let cells = rows[row].cells
    return column < cells.count ? cells[column] : .blank
  }
}

/// A value column: its header (with an optional group above it for two-level headers).
public struct TableColumn: Sendable {
  /// The upper header row in the `bulletin` layout (`本月`, `1-10月累计`); nil for none.
  public var group: String?
  /// `本月`, `去年同期累计`, `累计同比(%)`.
  public var header: String
  /// The measure, as in indicators.csv (`ytd`, `ytd_yoy_pct`, …): where the column's figures
  /// come from, for a reader of the model. Renderers never interpret it: what a cell means for
  /// them is in the cell (``TableCell/derivation``, ``TableCell/isBehindSchedule``) and in
  /// ``scheduleTest``.
  public var measure: String
  /// How a spreadsheet re-tests, on the column's own cells, the behind-schedule flag of each of
  /// them (a conditional format); nil for a column that is never highlighted.
  public var scheduleTest: ScheduleTest?

  public init(group: String?, header: String, measure: String, scheduleTest: ScheduleTest? = nil) {
    self.group = group
    self.header = header
    self.measure = measure
    self.scheduleTest = scheduleTest
  }

  /// The header in one line, for single-row headers (unique within a table): the group where the
  /// header only repeats part of it (`累计` under `1-10月累计` reads `1-10月累计`), the header
  /// where it already starts with the group (`本月同比(%)`), else both (`1-10月累计 去年同期累计`).
  public var fullHeader: String {
    guard let group else { return header }
    if group.contains(header) { return group }
    if header.hasPrefix(group) { return header }
    return "\(group) \(header)"
  }
}

/// The test behind a column's behind-schedule flags, over value columns of the same row, so that
/// a spreadsheet can show the highlight as a rule that holds for the cells it flags.
public enum ScheduleTest: Sendable, Hashable {
  /// The cell itself (a progress gap), rounded to `decimals`, is below zero.
  case belowZero(decimals: Int)
  /// The cell (a completion rate) less column `progress` (the time progress), rounded to
  /// `decimals`, is below zero.
  case behind(progress: Int, decimals: Int)
  /// Column `gap` (the row's progress gap), rounded to `decimals`, is below zero.
  case gapBelowZero(gap: Int, decimals: Int)
}

/// A row: its label and one cell per column.
public struct TableRow: Sendable {
  public var label: String
  /// The region of a by-region row; nil otherwise.
  public var regionCode: String?
  /// The report region's row (first, bold; the base of `share_pct`).
  public var isTotal: Bool
  public var cells: [TableCell]

  public init(label: String, regionCode: String? = nil, isTotal: Bool = false, cells: [TableCell]) {
    self.label = label
    self.regionCode = regionCode
    self.isTotal = isTotal
    self.cells = cells
  }
}

/// One cell: everything a renderer needs to show it, decided where the figures are.
public struct TableCell: Sendable {
  /// As printed everywhere (`12,345`, `3.2`, `—`, `是`), never recomputed by a renderer.
  public var text: String
  /// The unrounded figure for a spreadsheet cell; nil when absent or not a number.
  public var value: Double?
  /// Decimals of `text`, for the workbook's number format.
  public var decimals: Int
  /// The unit of the figure (`件`, `%`, `个百分点`); empty when it has none.
  public var unit: String
  /// Footnote numbers explaining an absent figure.
  public var footnotes: [Int]
  /// True when the cell shows the absent symbol (`text` is that symbol).
  public var isAbsent: Bool
  /// Whether `text` shows a minus sign: false for a negative value that rounds to zero (`0.0`).
  public var showsMinus: Bool
  /// Whether the figure is behind the time progress (highlighted), as displayed.
  public var isBehindSchedule: Bool
  /// How the figure follows from other cells of the table, when it does exactly.
  public var derivation: Derivation?

  public init(
    text: String, value: Double?, decimals: Int, unit: String = "", footnotes: [Int] = [],
    showsMinus: Bool = false, isBehindSchedule: Bool = false, derivation: Derivation? = nil
  ) {
    self.text = text
    self.value = value
    self.decimals = decimals
    self.unit = unit
    self.footnotes = footnotes
    self.isAbsent = false
    self.showsMinus = showsMinus
    self.isBehindSchedule = isBehindSchedule
    self.derivation = derivation
  }

  /// An absent figure shown as `symbol` (the engine's absent symbol), with the notes that
  /// explain it.
  public static func absent(
    symbol: String, decimals: Int = 0, unit: String = "", footnotes: [Int] = []
  ) -> TableCell {
    var cell = TableCell(text: symbol, value: nil, decimals: decimals, unit: unit, footnotes: footnotes)
    cell.isAbsent = true
    return cell
  }

  /// The text followed by the cell's footnote marks: `—[注1]`.
  public var textWithMarks: String { text + Footnote.marks(footnotes) }

  /// A cell with nothing to show (the rank of the total row).
  public static let blank = TableCell(text: "", value: nil, decimals: 0)
}

/// How a derived figure follows from other figures of its table, naming value columns (and, for
/// a share, the total row) by index. Decided by the content builder on the engine's exact values:
/// a cell carries a derivation only when every operand is a present number and the operation on
/// their exact values gives the cell's exact value, so a spreadsheet formula built from it
/// reproduces the printed figure.
public enum Derivation: Sendable, Hashable {
  /// (column `of` − column `on`) ÷ column `on` × 100, in the cell's row (a growth rate).
  case growth(of: Int, on: Int)
  /// Column `minuend` − column `subtrahend`, in the cell's row.
  case difference(Int, Int)
  /// Column `part` ÷ column `whole` × 100, in the cell's row (a completion rate).
  case ratio(of: Int, to: Int)
  /// Column `of` in the cell's row ÷ the same column in row `totalRow` × 100 (a share).
  case share(of: Int, totalRow: Int)
}
