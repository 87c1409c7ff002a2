import Document
import Graphics

/// Column widths, the header and every row of one table, measured once and placed on each page
/// the table spans. Positions are relative to the table's left edge and to the top of the header
/// or of the row.
///
/// Columns: the label column fits its longest label; value columns share the rest, equal where
/// possible, and each column's figures form a right-aligned block (tabular figures) centred in
/// the column, so digits line up and wide columns stay balanced. Footnote marks (`[注1]`) hang
/// right of that block, in room reserved for them, so they never push a figure out of line.
/// Headers wrap (up to three lines) before the type gets smaller; the type gets smaller (9 pt down
/// to 7.5 pt) before labels wrap.
struct TableGeometry {
  /// A text placed in the header or in a row.
  struct Cell {
    var block: TextBlock
    var lines: [TextLine]
    /// The wrap box's top-left corner, relative to the table's left edge and the header's or row's top.
    var origin: Point
  }

  /// A horizontal rule in the header, relative to the table's left edge and the header's top.
  struct Rule {
    var x0: Double
    var x1: Double
    var y: Double
    var width: Double
  }

  static let padding = 5.0
  static let rowPadding = 2.6
  static let headerPadding = 4.0
  static let thickRule = 1.2
  static let thinRule = 0.6
  static let groupRule = 0.5

  var fontSize: Double
  var labelWidth: Double
  var columnWidths: [Double]
  var header: [Cell] = []
  var headerRules: [Rule] = []
  /// From the top rule to the rule under the header.
  var headerHeight = 0.0
  var rows: [[Cell]] = []
  var rowHeights: [Double] = []

  /// The table laid out for `width` points.
  init(table: TableContent, width: Double, style: BulletinStyle, typesetter: Typesetter) {
    let sizes = [style.tableSize, 8.5, 8, 7.5]
    var chosen: Widths?
    for size in sizes {
      if let widths = Self.widths(table, width: width, size: size, style: style, typesetter: typesetter) {
        chosen = widths
        break
      }
    }
    let widths =
      chosen
      ?? Self.widths(
        table, width: width, size: sizes.last!, style: style, typesetter: typesetter, force: true)!
    fontSize = widths.size
    labelWidth = widths.label
    columnWidths = widths.columns
    layOutHeader(table, style: style, typesetter: typesetter)
    layOutRows(table, widths: widths, style: style, typesetter: typesetter)
  }

  /// x of the left edge of value column `j`.
  func columnX(_ j: Int) -> Double { labelWidth + columnWidths[..<j].reduce(0, +) }

  var width: Double { labelWidth + columnWidths.reduce(0, +) }

  // MARK: Widths

  struct Widths {
    var size: Double
    var label: Double
    var columns: [Double]
    /// Width of each column's block of figures.
    var figures: [Double]
    /// Room right of the figures for footnote marks.
    var marks: [Double]
  }

  static func cellBlock(_ text: String, size: Double, bold: Bool, style: BulletinStyle) -> TextBlock {
    style.sans(text, size: size, weight: bold ? .bold : .regular)
  }

  static func markText(_ footnotes: [Int]) -> String { Footnote.marks(footnotes) }

  static func markBlock(_ footnotes: [Int], size: Double, style: BulletinStyle) -> TextBlock {
    style.sans(markText(footnotes), size: (size * 0.72).rounded(), color: style.secondary)
  }

  static func headerBlock(_ text: String, size: Double, width: Double?, style: BulletinStyle) -> TextBlock {
    style.sans(text, size: size, weight: .bold, alignment: .center, width: width)
  }

  /// The block wrapped at the narrowest width that keeps its number of lines, so that the lines
  /// come out about equally long.
  static func balanced(_ block: TextBlock, typesetter: Typesetter) -> TextBlock {
    guard let width = block.style.wrapWidth else { return block }
    let count = typesetter.lines(of: block).count
    guard count > 1 else {
      let single = typesetter.measure(block.wrapped(at: nil)).width
      return block.wrapped(at: min(width, single.rounded(.up)))
    }
    var low = typesetter.measure(block.wrapped(at: nil)).width / Double(count)
    var high = width
    while high - low > 0.25 {
      let mid = (low + high) / 2
      if typesetter.lines(of: block.wrapped(at: mid)).count <= count { high = mid } else { low = mid }
    }
    return block.wrapped(at: high)
  }

  /// The narrowest wrap width at which `block` takes at most `maxLines` lines.
  static func narrowest(_ block: TextBlock, maxLines: Int, typesetter: Typesetter) -> Double {
    let single = typesetter.measure(block.wrapped(at: nil)).width
    var width = single / Double(maxLines)
    while width < single {
      let lines = typesetter.lines(of: block.wrapped(at: width))
      if lines.count <= maxLines { return lines.map(\.frame.width).max() ?? width }
      width += block.style.size / 4
    }
    return single
  }

  /// Column widths at type size `size`, or nil if the table does not fit `width` at that size
  /// (unless `force`, which wraps labels as far as needed).
  static func widths(
    _ table: TableContent, width: Double, size: Double, style: BulletinStyle, typesetter: Typesetter,
    force: Bool = false
  ) -> Widths? {
    let pad = 2 * padding
    func measure(_ block: TextBlock) -> Double { typesetter.measure(block.wrapped(at: nil)).width }
    let labelHeader = measure(headerBlock(table.labelHeader, size: size, width: nil, style: style))
    let labels = table.rows.map { measure(cellBlock($0.label, size: size, bold: $0.isTotal, style: style)) }
    let labelNatural = max(labelHeader, labels.max() ?? 0) + pad
    let labelMinimum = min(labelNatural, max(labelHeader, 5 * size) + pad)

    var figures: [Double] = []
    var marks: [Double] = []
    var natural: [Double] = []
    var minimum: [Double] = []
    for (j, column) in table.columns.enumerated() {
      var figure = 0.0
      var mark = 0.0
      for row in table.rows where j < row.cells.count {
        let cell = row.cells[j]
        figure = max(figure, measure(cellBlock(cell.text, size: size, bold: row.isTotal, style: style)))
        if !cell.footnotes.isEmpty {
          mark = max(mark, measure(markBlock(cell.footnotes, size: size, style: style)) + 1)
        }
      }
      figures.append(figure)
      marks.append(mark)
      let header = headerBlock(column.header, size: size, width: nil, style: style)
      let data = figure + 2 * mark + pad
      natural.append(max(data, measure(header) + pad))
      minimum.append(max(data, narrowest(header, maxLines: 3, typesetter: typesetter) + pad))
    }
    // A group's title must fit over its columns (wrapped into two lines at most).
    func widen(_ widths: inout [Double], _ columns: Range<Int>, to need: Double) {
      let current = columns.reduce(0) { $0 + widths[$1] }
      guard current < need else { return }
      for j in columns { widths[j] += (need - current) / Double(columns.count) }
    }
    for run in groupRuns(table) {
      let title = headerBlock(run.title, size: size, width: nil, style: style)
      widen(&natural, run.columns, to: measure(title) + pad)
      widen(&minimum, run.columns, to: narrowest(title, maxLines: 2, typesetter: typesetter) + pad)
    }

    let valueNatural = natural.reduce(0, +)
    let valueMinimum = minimum.reduce(0, +)
    var label = labelNatural
    var columns: [Double]
    if labelNatural + valueNatural <= width {
      columns = waterFill(natural, total: width - labelNatural)
    } else if labelNatural + valueMinimum <= width {
      columns = capped(natural, minimum: minimum, total: width - labelNatural)
    } else if labelMinimum + valueMinimum <= width || force {
      columns = minimum
      label = max(labelMinimum, width - valueMinimum)
      if force && label + valueMinimum > width {
        let scale = (width - label) / valueMinimum
        columns = minimum.map { $0 * scale }
      }
    } else {
      return nil
    }
    return Widths(size: size, label: label, columns: columns, figures: figures, marks: marks)
  }

  /// Raises the narrowest widths to a common level so that they add up to `total` (at least their sum).
  static func waterFill(_ widths: [Double], total: Double) -> [Double] {
    var left = total
    var count = widths.count
    // The widest columns keep their width while they are wider than the level of the others.
    for width in widths.sorted(by: >) {
      let level = left / Double(count)
      if width <= level { return widths.map { max($0, level) } }
      left -= width
      count -= 1
    }
    return widths
  }

  /// Caps the widest widths at a common level (never below their minimum) so that they add up to
  /// `total`: only the columns with the longest headers give way, their headers wrapping.
  static func capped(_ natural: [Double], minimum: [Double], total: Double) -> [Double] {
    func widths(at level: Double) -> [Double] {
      natural.indices.map { max(minimum[$0], min(natural[$0], level)) }
    }
    var low = 0.0
    var high = natural.max() ?? 0
    for _ in 0..<40 {
      let mid = (low + high) / 2
      if widths(at: mid).reduce(0, +) > total { high = mid } else { low = mid }
    }
    return widths(at: low)
  }

  /// Runs of adjacent columns under the same group title.
  static func groupRuns(_ table: TableContent) -> [(title: String, columns: Range<Int>)] {
    var runs: [(title: String, columns: Range<Int>)] = []
    var j = 0
    while j < table.columns.count {
      guard let group = table.columns[j].group else {
        j += 1
        continue
      }
      var end = j + 1
      while end < table.columns.count, table.columns[end].group == group { end += 1 }
      runs.append((group, j..<end))
      j = end
    }
    return runs
  }

  // MARK: Header

  mutating func layOutHeader(_ table: TableContent, style: BulletinStyle, typesetter: Typesetter) {
    let pad = Self.padding
    let runs = Self.groupRuns(table)
    let grouped = Set(runs.flatMap { Array($0.columns) })
    // A header centred in `width`, its lines balanced (年度 / 目标, not 年度目 / 标); the block's
    // wrap box is `inset` narrower on each side than the column.
    func block(_ text: String, width: Double) -> (TextBlock, [TextLine], inset: Double) {
      let b = Self.balanced(
        Self.headerBlock(text, size: fontSize, width: width - 2 * pad, style: style), typesetter: typesetter)
      return (b, typesetter.lines(of: b), (width - b.style.wrapWidth!) / 2)
    }
    let top = Self.thickRule / 2 + Self.headerPadding
    // Row 1: group titles with a rule under each; row 2: the headers of grouped columns.
    var groupHeight = 0.0
    var groupBlocks: [(TextBlock, [TextLine], inset: Double, Range<Int>)] = []
    for run in runs {
      let x0 = columnX(run.columns.lowerBound)
      let x1 = columnX(run.columns.upperBound - 1) + columnWidths[run.columns.upperBound - 1]
      let (b, lines, inset) = block(run.title, width: x1 - x0)
      groupBlocks.append((b, lines, inset, run.columns))
      groupHeight = max(groupHeight, lines.last!.frame.maxY)
    }
    let secondTop = runs.isEmpty ? top : top + groupHeight + 6
    // Headers of grouped columns sit in row 2; the others (and the label header) span both rows.
    var columnBlocks: [(TextBlock, [TextLine], inset: Double)] = []
    var secondHeight = 0.0
    var spanningHeight = 0.0
    for (j, column) in table.columns.enumerated() {
      let pair = block(column.header, width: columnWidths[j])
      columnBlocks.append(pair)
      if grouped.contains(j) {
        secondHeight = max(secondHeight, pair.1.last!.frame.maxY)
      } else {
        spanningHeight = max(spanningHeight, pair.1.last!.frame.maxY)
      }
    }
    let labelHeader = Self.headerBlock(table.labelHeader, size: fontSize, width: nil, style: style)
    let labelLines = typesetter.lines(of: labelHeader)
    spanningHeight = max(spanningHeight, labelLines.last!.frame.maxY)
    let bottom = max(secondTop + secondHeight, top + spanningHeight)
    for (b, lines, inset, columns) in groupBlocks {
      let x0 = columnX(columns.lowerBound)
      let x1 = columnX(columns.upperBound - 1) + columnWidths[columns.upperBound - 1]
      header.append(
        Cell(
          block: b, lines: lines, origin: Point(x: x0 + inset, y: top + groupHeight - lines.last!.frame.maxY))
      )
      headerRules.append(Rule(x0: x0 + 3, x1: x1 - 3, y: top + groupHeight + 3, width: Self.groupRule))
    }
    func centred(_ lines: [TextLine], from a: Double, to b: Double) -> Double {
      a + (b - a - lines.last!.frame.maxY) / 2
    }
    for (j, (b, lines, inset)) in columnBlocks.enumerated() {
      let y =
        grouped.contains(j)
        ? centred(lines, from: secondTop, to: bottom) : centred(lines, from: top, to: bottom)
      header.append(Cell(block: b, lines: lines, origin: Point(x: columnX(j) + inset, y: y)))
    }
    // The label header is left-aligned, like the labels under it.
    header.append(
      Cell(
        block: labelHeader, lines: labelLines,
        origin: Point(x: pad, y: centred(labelLines, from: top, to: bottom))))
    headerHeight = bottom + Self.headerPadding + Self.thinRule / 2
  }

  // MARK: Rows

  mutating func layOutRows(
    _ table: TableContent, widths: Widths, style: BulletinStyle, typesetter: Typesetter
  ) {
    let pad = Self.padding
    let top = Self.rowPadding
    for row in table.rows {
      var cells: [Cell] = []
      let label = Self.cellBlock(row.label, size: fontSize, bold: row.isTotal, style: style)
        .wrapped(at: labelWidth - 2 * pad)
      let labelLines = typesetter.lines(of: label)
      cells.append(Cell(block: label, lines: labelLines, origin: Point(x: pad, y: top)))
      var bottom = labelLines.last!.frame.maxY
      for (j, cell) in row.cells.enumerated() where j < columnWidths.count {
        // The column's figures form a block centred in the column, each right-aligned in it.
        let right = columnX(j) + (columnWidths[j] + widths.figures[j]) / 2
        if !cell.text.isEmpty {
          let block = Self.cellBlock(cell.text, size: fontSize, bold: row.isTotal, style: style)
          let lines = typesetter.lines(of: block)
          let w = lines.map(\.frame.maxX).max() ?? 0
          cells.append(Cell(block: block, lines: lines, origin: Point(x: right - w, y: top)))
          bottom = max(bottom, lines.last!.frame.maxY)
        }
        if !cell.footnotes.isEmpty {
          let mark = Self.markBlock(cell.footnotes, size: fontSize, style: style)
          let lines = typesetter.lines(of: mark)
          cells.append(Cell(block: mark, lines: lines, origin: Point(x: right + 1, y: top - fontSize * 0.12)))
        }
      }
      rows.append(cells)
      rowHeights.append(bottom + 2 * top)
    }
  }
}
