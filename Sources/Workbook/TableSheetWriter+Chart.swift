import Document
import XLSX

/// The native Excel chart beside a by-region table.
extension TableSheetWriter {
  /// The by-region column charted natively: the first of the table's chartable columns whose
  /// cells are numbers on every row below the total row, and those rows (contiguous, at least
  /// two).
  var chartedColumn: (column: Int, rows: ClosedRange<Int>)? {
    guard let total = table.rows.firstIndex(where: \.isTotal) else { return nil }
    let children = table.rows.indices.filter { !table.rows[$0].isTotal }
    guard children.count >= 2, let first = children.first, let last = children.last,
      last - first + 1 == children.count, !(first...last).contains(total)
    else { return nil }
    for column in table.chartableColumns where column < table.columns.count {
      if children.allSatisfy({ !cell($0, column).isAbsent && cell($0, column).value != nil }) {
        return (column, first...last)
      }
    }
    return nil
  }

  /// The name of a charted column: its group when the header only repeats it (`1-10月累计`
  /// rather than `1-10月累计 累计`), else its one-line header.
  func chartSeriesName(_ column: Int) -> String {
    let definition = table.columns[column]
    if let group = definition.group, group.hasSuffix(definition.header) { return group }
    return definition.fullHeader
  }

  /// Inserts a bar chart of the charted column beside the table, level with its header.
  func writeChart() throws {
    guard let (column, rows) = chartedColumn else { return }
    let workbook = context.workbook
    let sheetColumn = grid.sheetColumn(column)
    let sheetRows = grid.sheetRow(rows.lowerBound)...grid.sheetRow(rows.upperBound)
    let chart = try workbook.addChart(.bar)
    let header = chartSeriesName(column)
    let series = try chart.addSeries(
      values: SheetRange(sheet.name, CellRange(rows: sheetRows, columns: sheetColumn...sheetColumn)),
      categories: SheetRange(sheet.name, CellRange(rows: sheetRows, columns: 0...0)), name: .text(header))
    let decimals = cell(rows.lowerBound, column).decimals
    try series.setDataLabels(
      numberFormat: WorkbookTheme.numberFormat(decimals: decimals), position: .outsideEnd,
      font: ChartFont(size: 9))
    try series.setFill(Color(rgb: 0x2F5597))
    let title = "\(table.caption)（\(header)）"
    try chart.setTitle(title, font: ChartFont(size: 12, bold: true))
    try chart.setLegend(.none)
    try chart.setGap(60)
    // The first region at the top, and the value axis kept at the bottom.
    try chart.categoryAxis.setReversed()
    try chart.categoryAxis.setCrossingAtMaximum()
    try chart.categoryAxis.setLabelFont(ChartFont(size: 9))
    let unitCaption = table.unit.map { "单位：\($0)" } ?? table.subtitle
    try chart.valueAxis.setTitle(unitCaption, font: ChartFont(size: 9))
    try chart.valueAxis.setNumberFormat("#,##0")
    try chart.valueAxis.setLabelFont(ChartFont(size: 9))
    // Bars start at zero (the scale would otherwise start near the smallest value).
    if rows.allSatisfy({ (cell($0, column).value ?? 0) >= 0 }) {
      try chart.valueAxis.setBounds(minimum: 0)
    }
    let points = rows.map { "\(table.rows[$0].label) \(cell($0, column).text)" }.joined(separator: "；")
    let altText =
      "条形图：\(title)（\(unitCaption)，\(table.subtitle)）。按表中顺序，各地区数值为：\(points)。"
      + "数据见本表“\(table.columns[column].fullHeader)”列。"
    let height = Double(max(260, 30 * rows.count + 110))
    try sheet.insertChart(
      chart, at: Cell(row: headerTop, column: lastColumn + 2), altText: altText, width: 560, height: height)
  }
}
