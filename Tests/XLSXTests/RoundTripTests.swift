import Foundation
import TestSupport
import Testing

@testable import XLSX

/// The sample workbook, written once and read back by openpyxl, shared by the tests below.
private let inspected: Result<JSON, any Error> = Result {
  let directory = try TemporaryDirectory()
  let path = directory.path("民生统计月报_2024-10.xlsx")
  try writeSampleWorkbook(to: path)
  return try inspectWithOpenpyxl(path)
}

/// Writes a workbook with every feature of the layer and checks with openpyxl — a real client —
/// that each one arrived.
@Suite struct RoundTripTests {
  let book: JSON
  let table: JSON

  init() throws {
    book = try inspected.get()
    table = book["sheets"][SampleNames.table]
  }

  private func cell(_ sheet: String, _ a1: String) -> JSON { book["sheets"][sheet]["cells"][a1] }

  /// The XML of the worksheet part for a sheet (libxlsxwriter numbers parts in tab order).
  private func sheetXML(_ sheet: String) -> String {
    let index = book["sheetnames"].array.firstIndex { $0.string == sheet }!
    return book["parts"]["xl/worksheets/sheet\(index + 1).xml"].string ?? ""
  }

  @Test func sheetNamesKeepTheirCJKTextAndOrder() {
    #expect(
      book["sheetnames"].array.compactMap(\.string) == [
        SampleNames.cover, SampleNames.contents, SampleNames.table, SampleNames.quoted, SampleNames.data,
        SampleNames.charts, SampleNames.literals,
      ])
  }

  @Test func coverOpensWithTheCursorInA1() {
    #expect(book["active"].string == SampleNames.cover)
    let view = book["sheets"][SampleNames.cover]["view"]
    #expect(view["tabSelected"].bool == true)
    #expect(view["activeCell"].string == "A1")
    #expect(book["sheets"][SampleNames.cover]["tabColor"].string == "FF1F4E79")
  }

  @Test func valuesAndNumberFormats() {
    #expect(cell(SampleNames.table, "A1")["value"].string == "表1  信访总量（2024年1-10月）")
    #expect(cell(SampleNames.table, "B5")["type"].string == "n")
    #expect(cell(SampleNames.table, "B5")["value"].number == 1234)
    #expect(cell(SampleNames.table, "B5")["numberFormat"].string == "#,##0")
    #expect(cell(SampleNames.table, "D5")["numberFormat"].string == "0.0")
    #expect(cell(SampleNames.table, "I2")["numberFormat"].string == "0.0%")
    #expect(cell(SampleNames.table, "I2")["value"].number == 0.833)
    #expect(cell(SampleNames.table, "H8")["type"].string == "b")
    #expect(cell(SampleNames.table, "H8")["value"].bool == true)
  }

  @Test func formulasCarryTheirCachedValues() throws {
    for (offset, row) in sampleRows.enumerated() {
      let excelRow = 5 + offset
      let growth = cell(SampleNames.table, "D\(excelRow)")
      #expect(growth["type"].string == "f")
      #expect(growth["value"].string == "=(B\(excelRow)-C\(excelRow))/C\(excelRow)*100")
      let cached = try #require(growth["cached"].number)
      #expect(abs(cached - (row.current - row.lastYear) / row.lastYear * 100) < 1e-9)
      let completion = cell(SampleNames.table, "F\(excelRow)")
      #expect(completion["value"].string == "=B\(excelRow)/E\(excelRow)*100")
      #expect(abs((completion["cached"].number ?? .nan) - row.current / row.target * 100) < 1e-9)
      let change = cell(SampleNames.table, "G\(excelRow)")
      #expect(change["type"].string == "f")
      #expect(change["cached"].string == (row.current >= row.lastYear ? "增" : "减"))
    }
  }

  @Test func absentValuesHoldNoFormulaAndSilenceNumberStoredAsText() {
    #expect(cell(SampleNames.table, "D8")["type"].string == "s")
    #expect(cell(SampleNames.table, "D8")["value"].string == "—")
    #expect(sheetXML(SampleNames.table).contains(#"<ignoredError sqref="C8 D8" numberStoredAsText="1"/>"#))
    let blank = cell(SampleNames.table, "E8")
    #expect(blank["value"] == .null)
    #expect(blank["borderTop"].string == "thin")
  }

  @Test func textThatLooksLikeAFormulaStaysAString() {
    for (row, text) in formulaLookingTexts.enumerated() {
      let literal = cell(SampleNames.literals, "A\(row + 1)")
      #expect(literal["type"].string == "s", "\(text)")
      #expect(literal["value"].string == text)
    }
    let xml = sheetXML(SampleNames.literals)
    #expect(!xml.contains("<f>"))
    #expect(xml.contains(#"t="s""#))
  }

  @Test func formatsArriveAsSpecified() {
    let title = cell(SampleNames.table, "A1")
    #expect(title["bold"].bool == true)
    #expect(title["fontName"].string == "黑体")
    #expect(title["fontSize"].number == 16)
    #expect(title["horizontal"].string == "center")
    let header = cell(SampleNames.table, "C4")
    #expect(header["wrap"].bool == true)
    #expect(header["fill"].string == "FFDDEBF7")
    #expect(header["borderTop"].string == "medium")
    #expect(header["borderBottom"].string == "thin")
  }

  @Test func mergedRangesRowHeightsFreezePanesAndAutofilter() {
    #expect(table["merged"].array.compactMap(\.string) == ["A1:G1"])
    #expect(table["rowHeights"]["1"].number == 30)
    #expect(table["freeze"].string == "B5")
    #expect(table["autofilter"].string == "A4:G8")
    #expect(book["sheets"][SampleNames.data]["freeze"].string == "A2")
  }

  @Test func columnsFitTheirContentCountingCJKAsTwo() throws {
    // Column C's widest content in rows 4–8 is the header 去年同期: display width 8, plus 2.
    let widths = table["columnWidths"]
    let c = try #require(widths["C"].number)
    #expect(abs(c - 10) < 1)
    // Column F: 完成率(%) is 6 + 3 = 9, plus 2.
    #expect(abs((widths["F"].number ?? 0) - 11) < 1)
    // Column B: 1,234 under #,##0 is 5 wide, the header 本月 4: the minimum 6 wins… plus 2.
    #expect(abs((widths["B"].number ?? 0) - 7) < 1)
  }

  @Test func excelTableWithHeadersStyleAndBandedRows() {
    let tables = book["sheets"][SampleNames.data]["tables"]
    #expect(tables.keys == ["IndicatorData"])
    let data = tables["IndicatorData"]
    #expect(data["ref"].string == "A1:D5")
    #expect(data["style"].string == "TableStyleMedium2")
    #expect(data["rowStripes"].bool == true)
    #expect(data["autofilter"].string == "A1:D5")
    #expect(data["headers"].array.compactMap(\.string) == ["地区", "指标", "期间", "数值"])
    #expect(cell(SampleNames.data, "A1")["value"].string == "地区")
  }

  @Test func hyperlinksToURLsAndToSheets() {
    let external = cell(SampleNames.contents, "A6")
    #expect(external["value"].string == "国家统计局")
    #expect(external["link"]["target"].string == "https://www.stats.gov.cn/")
    let toSheet = cell(SampleNames.contents, "A3")
    #expect(toSheet["value"].string == "表1 信访总量")
    #expect(toSheet["link"]["location"].string == "'表1 信访总量'!A1")
    let quoted = cell(SampleNames.contents, "A4")
    #expect(quoted["link"]["location"].string == "'表2 O''Brien区'!B2")
    #expect(quoted["link"]["tooltip"].string == "跳转")
  }

  @Test func conditionalFormatsTravelWithTheWorkbook() {
    let rules = table["conditional"].array
    func rule(_ range: String, _ type: String, _ op: String?) -> JSON? {
      rules.first { $0["range"].string == range && $0["type"].string == type && $0["operator"].string == op }
    }
    #expect(rule("F5:F7", "expression", nil)?["formula"].array.first?.string == "$F5/100<$I$2")
    #expect(rule("D5:D7", "cellIs", "lessThan")?["formula"].array.first?.string == "0")
    #expect(rule("B5:B7", "cellIs", "greaterThan")?["formula"].array.first?.string == "$E5")
    #expect(rule("D5:D7", "cellIs", "between")?["formula"].array.compactMap(\.string) == ["-5", "5"])
    #expect(rules.allSatisfy { $0["hasFormat"].bool == true })
  }

  @Test func dataValidation() {
    let validations = table["validations"].array
    let list = validations.first { $0["type"].string == "list" }
    #expect(list?["range"].string == "G5:G8")
    #expect(list?["formula1"].string == "\"增,减,持平\"")
    #expect(list?["prompt"].string == "请选择")
    #expect(validations.contains { $0["type"].string == "decimal" && $0["range"].string == "B5:B8" })
  }

  @Test func printSetupIsA4LandscapeFitToWidthWithRepeatedHeader() {
    let print = table["print"]
    #expect(print["orientation"].string == "landscape")
    #expect(print["paperSize"].number == 9)
    #expect(print["fitToPage"].bool == true)
    // fitToWidth is absent, which means 1; fitToHeight 0 means "as many pages as needed".
    #expect(print["fitToWidth"] == .null || print["fitToWidth"].number == 1)
    #expect(print["fitToHeight"].number == 0)
    #expect(print["titleRows"].string == "$4:$4")
    #expect(print["printArea"].string == "'\(SampleNames.table)'!$A$1:$I$10")
    #expect(print["margins"].array.compactMap(\.number) == [0.25, 0.25, 0.75, 0.75])
    #expect(print["header"].string == "民生统计月报")
    #expect(print["footer"].string == "第 &P 页 共 &N 页")
    #expect(print["footerRight"].string == "某市统计局")
    #expect(print["gridlines"].bool == false)
    #expect(print["horizontalCentered"].bool == true)
    #expect(table["view"]["showGridLines"].bool == false)
    #expect(table["view"]["zoom"].number == 120)
  }

  @Test func documentPropertiesAndCustomProperties() {
    let properties = book["properties"]
    #expect(properties["title"].string == "民生统计月报（2024年10月）")
    #expect(properties["subject"].string == "信访、就业和社会保险")
    #expect(properties["creator"].string == "某市统计局")
    #expect(properties["keywords"].string == "信访,就业,社会保险")
    #expect(properties["description"].string == "测试用工作簿")
    #expect(properties["created"].string == "2024-11-01T00:00:00")
    #expect(book["parts"]["docProps/app.xml"].string?.contains("<Company>某市人民政府</Company>") == true)
    let custom = book["custom"]
    #expect(custom["Language"].string == "zh-CN")
    #expect(custom["Period"].string == "2024-10")
    #expect(custom["Rows"].number == 4)
    #expect(custom["Draft"].bool == false)
    #expect(book["definedNames"]["ReportRegion"].string == "'表1 信访总量'!$A$5")
  }

  @Test func nativeChartsFromTheSheetsOwnCells() throws {
    let charts = book["sheets"][SampleNames.charts]["charts"].array.compactMap(\.string)
    #expect(charts.sorted() == ["BarChart", "BarChart", "LineChart"])
    let column = try #require(book["parts"]["xl/charts/chart1.xml"].string)
    #expect(column.contains(#"<c:barDir val="col"/>"#))
    #expect(column.contains("<a:t>各区信访量</a:t>"))
    #expect(column.contains(#"<a:latin typeface="黑体"/>"#))
    #expect(column.contains("<c:f>'表1 信访总量'!$B$5:$B$7</c:f>"))
    #expect(column.contains("<c:f>'表1 信访总量'!$A$5:$A$7</c:f>"))
    #expect(column.contains("<c:f>'表1 信访总量'!$B$4</c:f>"))
    #expect(column.contains("<c:v>去年同期</c:v>"))
    #expect(column.contains("<c:dLbls>"))
    #expect(column.contains(#"<c:dLblPos val="inEnd"/>"#))
    #expect(column.contains("<a:t>地区</a:t>") && column.contains("<a:t>件</a:t>"))
    #expect(column.contains(##"<c:numFmt formatCode="#,##0" sourceLinked="0"/>"##))
    #expect(column.contains(#"<c:legendPos val="b"/>"#))
    #expect(column.contains(#"rot="-2700000""#))
    let bar = try #require(book["parts"]["xl/charts/chart2.xml"].string)
    #expect(bar.contains(#"<c:barDir val="bar"/>"#))
    #expect(!bar.contains("<c:legend>"))
    // In a bar chart the category axis is the vertical one: reversing it lists the categories
    // top-down and leaves the value scale alone.
    let categoryAxis = try #require(bar.firstRange(of: #/<c:catAx>.*?</c:catAx>/#.dotMatchesNewlines()))
    #expect(bar[categoryAxis].contains(#"<c:orientation val="maxMin"/>"#))
    let valueAxis = try #require(bar.firstRange(of: #/<c:valAx>.*?</c:valAx>/#.dotMatchesNewlines()))
    #expect(bar[valueAxis].contains(#"<c:orientation val="minMax"/>"#))
    #expect(!bar[valueAxis].contains("<c:majorGridlines/>"))
    let line = try #require(book["parts"]["xl/charts/chart3.xml"].string)
    #expect(line.contains("<c:lineChart>"))
    #expect(line.contains(#"<c:autoTitleDeleted val="1"/>"#))
    #expect(line.contains(#"<a:prstDash val="dash"/>"#))
  }

  @Test func everyChartAndImageHasAltText() throws {
    let drawing = try #require(book["parts"]["xl/drawings/drawing1.xml"].string)
    for text in ["各区本月与去年同期信访量柱形图", "各区目标完成率条形图", "同比折线图", "组合图（图片）"] {
      #expect(drawing.contains("descr=\"\(text)\""))
    }
    #expect(book["files"].array.contains { $0.string == "xl/media/image1.png" })
  }

  @Test func sameInputGivesTheSameBytes() throws {
    let directory = try TemporaryDirectory()
    let first = directory.path("first.xlsx")
    let second = directory.path("second.xlsx")
    try writeSampleWorkbook(to: first)
    try writeSampleWorkbook(to: second)
    #expect(FileManager.default.contentsEqual(atPath: first, andPath: second))
  }
}
