import Foundation
import TestSupport

@testable import XLSX

/// Sheet names of the sample workbook; CJK, with spaces and an apostrophe.
enum SampleNames {
  static let cover = "封面"
  static let contents = "目录"
  static let table = "表1 信访总量"
  static let quoted = "表2 O'Brien区"
  static let data = "数据"
  static let charts = "图表"
  static let literals = "文本"
}

/// The figures behind table 1: district, this month, same month last year, target.
let sampleRows: [(district: String, current: Double, lastYear: Double, target: Double)] = [
  ("全市", 1234, 1100, 1300),
  ("东城区", 456, 500, 420),
  ("西城区", 321, 300, 400),
]

/// 1×1 PNG.
let tinyPNG: [UInt8] = Array(
  Data(
    base64Encoded:
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
  )!)

/// Texts that a spreadsheet would take for formulas if they were not written as strings.
let formulaLookingTexts = [
  "=HYPERLINK(\"http://x\",\"y\")", "=1+1", "+86 10 8888 0000", "-5", "@SUM(A1:A2)",
]

/// Writes a workbook that uses every feature of the layer, as a bulletin would.
func writeSampleWorkbook(to path: String) throws {
  let workbook = try Workbook(path: path)
  workbook.properties = DocumentProperties(
    title: "民生统计月报（2024年10月）", subject: "信访、就业和社会保险", author: "某市统计局",
    company: "某市人民政府", keywords: "信访,就业,社会保险", comments: "测试用工作簿", language: "zh-CN",
    created: Date(timeIntervalSince1970: 1_730_419_200))  // 2024-11-01T00:00:00Z

  let cover = try workbook.addWorksheet(named: SampleNames.cover)
  let contents = try workbook.addWorksheet(named: SampleNames.contents)
  let table = try workbook.addWorksheet(named: SampleNames.table)
  let quoted = try workbook.addWorksheet(named: SampleNames.quoted)
  let data = try workbook.addWorksheet(named: SampleNames.data)
  let charts = try workbook.addWorksheet(named: SampleNames.charts)
  let literals = try workbook.addWorksheet(named: SampleNames.literals)

  let titleFormat = try workbook.format(
    FormatSpec(
      fontName: "黑体", fontSize: 16, bold: true, horizontalAlignment: .center, verticalAlignment: .center))
  let headerFormat = try workbook.format(
    FormatSpec(
      bold: true, horizontalAlignment: .center, verticalAlignment: .center, wrap: true,
      borders: Borders(top: .medium, bottom: .thin), fill: Color(rgb: 0xDDEBF7)))
  let integerFormat = try workbook.format(FormatSpec(numberFormat: "#,##0"))
  let oneDecimal = try workbook.format(FormatSpec(numberFormat: "0.0"))
  let percent = try workbook.format(FormatSpec(numberFormat: "0.0%"))
  let absent = try workbook.format(FormatSpec(horizontalAlignment: .center))
  let boxed = try workbook.format(FormatSpec(borders: .all(.thin)))
  let behind = try workbook.format(FormatSpec(fontColor: Color(rgb: 0xC00000), fill: Color(rgb: 0xFFC7CE)))
  let below = try workbook.format(FormatSpec(italic: true))

  // 封面: the sheet that opens, cursor in A1.
  try cover.write("民生统计月报", at: "A1", format: titleFormat)
  try cover.write("某市统计局  2024年11月5日", at: "A2")
  try cover.activate()
  try cover.setSelection()
  try cover.setTabColor(Color(rgb: 0x1F4E79))

  // 目录: links to every table sheet.
  try contents.write("目录", at: "A1", format: titleFormat)
  try contents.writeLink(toSheet: SampleNames.table, text: "表1 信访总量", at: "A3")
  try contents.writeLink(toSheet: SampleNames.quoted, cell: "B2", text: "表2", tooltip: "跳转", at: "A4")
  try contents.writeURL("https://www.stats.gov.cn/", text: "国家统计局", at: "A6")

  // 表1: title, unit, header, data with formulas, an absent value, notes.
  try table.merge("A1:G1", text: "表1  信访总量（2024年1-10月）", format: titleFormat)
  try table.setRowHeight(0, 30)
  try table.write("单位：件", at: "A2")
  try table.write("序时进度", at: "H2")
  try table.write(0.833, at: "I2", format: percent)
  let headers = ["地区", "本月", "去年同期", "同比(%)", "目标", "完成率(%)", "增减"]
  for (column, header) in headers.enumerated() {
    try table.write(header, at: Cell(row: 3, column: column), format: headerFormat)
  }
  for (offset, row) in sampleRows.enumerated() {
    let r = 4 + offset
    let excelRow = r + 1
    try table.write(row.district, at: Cell(row: r, column: 0))
    try table.write(row.current, at: Cell(row: r, column: 1), format: integerFormat)
    try table.write(row.lastYear, at: Cell(row: r, column: 2), format: integerFormat)
    try table.writeFormula(
      "=(B\(excelRow)-C\(excelRow))/C\(excelRow)*100",
      cachedNumber: (row.current - row.lastYear) / row.lastYear * 100, at: Cell(row: r, column: 3),
      format: oneDecimal)
    try table.write(row.target, at: Cell(row: r, column: 4), format: integerFormat)
    try table.writeFormula(
      "=B\(excelRow)/E\(excelRow)*100", cachedNumber: row.current / row.target * 100,
      at: Cell(row: r, column: 5), format: oneDecimal)
    try table.writeFormula(
      "=IF(B\(excelRow)>=C\(excelRow),\"增\",\"减\")",
      cachedString: row.current >= row.lastYear ? "增" : "减", at: Cell(row: r, column: 6))
  }
  // 南山区: last year's figure is absent, so 同比 is not computable: `—`, no formula.
  try table.write("南山区", at: "A8")
  try table.write(88, at: "B8", format: integerFormat)
  try table.write("—", at: "C8", format: absent)
  try table.write("—", at: "D8", format: absent)
  try table.writeBlank(at: "E8", format: boxed)
  try table.write(true, at: "H8")
  try table.ignoreErrors(.numberStoredAsText, in: ["C8"])
  try table.ignoreErrors(.numberStoredAsText, in: ["D8"])
  try table.write("资料来源：市信访局。", at: "A10")
  try table.freezePanes(at: "B5")
  try table.setAutofilter("A4:G8")
  try table.addConditionalFormat(.formula("=$F5/100<$I$2"), format: behind, to: "F5:F7")
  try table.addConditionalFormat(.cellValue(.lessThan, 0), format: below, to: "D5:D7")
  try table.addConditionalFormat(.cellValueFormula(.greaterThan, "$E5"), format: below, to: "B5:B7")
  try table.addConditionalFormat(.cellBetween(-5, 5), format: below, to: "D5:D7")
  try table.addDataValidation(
    .list(["增", "减", "持平"]), to: "G5:G8", inputTitle: "增减", inputMessage: "请选择")
  try table.addDataValidation(.decimal(0...100_000), to: "B5:B8", errorMessage: "数值超出范围")
  try table.setPageSetup(
    PageSetup(
      orientation: .landscape, fitToWidth: true, repeatRows: 3...3, margins: .narrow,
      header: "&C民生统计月报", footer: "&C第 &P 页 共 &N 页&R某市统计局", centerHorizontally: true))
  try table.setGridlines(screen: false, print: false)
  try table.setPrintArea("A1:I10")
  try table.setZoom(120)
  try table.fitColumnsToContent(rows: 3...7)

  // 表2: a sheet whose name needs quoting in references.
  try quoted.write("O'Brien", at: "B2")

  // 数据: the tidy table as an Excel table.
  let tidy: [(String, String, String, Double)] = [
    ("全市", "信访总量", "2024-10", 1234), ("东城区", "信访总量", "2024-10", 456),
    ("西城区", "信访总量", "2024-10", 321), ("南山区", "信访总量", "2024-10", 88),
  ]
  for (offset, row) in tidy.enumerated() {
    let r = offset + 1
    try data.write(row.0, at: Cell(row: r, column: 0))
    try data.write(row.1, at: Cell(row: r, column: 1))
    try data.write(row.2, at: Cell(row: r, column: 2))
    try data.write(row.3, at: Cell(row: r, column: 3), format: integerFormat)
  }
  try data.addTable(
    "A1:D5",
    TableSpec(name: "IndicatorData", headers: ["地区", "指标", "期间", "数值"], style: .medium(2)))
  try data.freezePanes(at: "A2")
  try data.fitColumnsToContent()

  // 图表: column, bar and line charts over table 1's cells.
  let column = try workbook.addChart(.column)
  let values = SheetRange(SampleNames.table, "B5:B7")
  let categories = SheetRange(SampleNames.table, "A5:A7")
  let series = try column.addSeries(
    values: values, categories: categories, name: .cell(sheet: SampleNames.table, "B4"))
  try series.setDataLabels(numberFormat: "#,##0", position: .insideEnd)
  try series.setFill(Color(rgb: 0x1F4E79))
  try column.addSeries(
    values: SheetRange(SampleNames.table, "C5:C7"), categories: categories, name: .text("去年同期"))
  try column.setTitle("各区信访量", font: ChartFont(name: "黑体", size: 14, bold: true))
  try column.categoryAxis.setTitle("地区")
  try column.categoryAxis.setLabelFont(ChartFont(rotation: -45))
  try column.valueAxis.setTitle("件")
  try column.valueAxis.setNumberFormat("#,##0")
  try column.valueAxis.setBounds(minimum: 0)
  try column.setLegend(.bottom)
  try column.setGap(80)
  try charts.insertChart(column, at: "A1", altText: "各区本月与去年同期信访量柱形图", width: 640, height: 360)

  let bar = try workbook.addChart(.bar)
  try bar.addSeries(values: SheetRange(SampleNames.table, "F5:F7"), categories: categories)
  try bar.setTitle("完成率")
  try bar.setLegend(.none)
  try bar.categoryAxis.setReversed()
  try bar.categoryAxis.setCrossingAtMaximum()
  try bar.valueAxis.setMajorGridlines(visible: false)
  try charts.insertChart(bar, at: "K1", altText: "各区目标完成率条形图", xOffset: 10, yOffset: 5)

  let line = try workbook.addChart(.line)
  let trend = try line.addSeries(values: SheetRange(SampleNames.table, "D5:D7"), categories: categories)
  try trend.setName(.text("同比"))
  try trend.setLine(Color(rgb: 0xC00000), width: 1.5, dashed: true)
  try trend.setMarkers(size: 6)
  try line.removeTitle()
  try line.setStyle(10)
  try charts.insertChart(line, at: "A20", altText: "同比折线图")
  try charts.insertImage(png: tinyPNG, at: "K20", altText: "组合图（图片）", scale: 2)

  // 文本: texts that look like formulas stay strings.
  for (row, text) in formulaLookingTexts.enumerated() {
    try literals.write(text, at: Cell(row: row, column: 0))
  }

  try workbook.defineName("ReportRegion", refersTo: "='\(SampleNames.table)'!$A$5")
  try workbook.setCustomProperty("Period", text: "2024-10")
  try workbook.setCustomProperty("Rows", number: 4)
  try workbook.setCustomProperty("Draft", bool: false)
  try workbook.close()
}
