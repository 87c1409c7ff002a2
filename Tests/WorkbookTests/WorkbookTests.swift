import Document
import Foundation
import TestSupport
import Testing
import Workbook

/// Writes the fixture document in both layouts and checks with openpyxl — a real client — what
/// an analyst and a screen reader find in the workbook.
@Suite struct WorkbookTests {
  static let layouts: [WorkbookLayout] = [.bulletin, .accessible]

  private func sheet(_ book: JSON, _ name: String) -> JSON { book["sheets"][name] }
  private func cell(_ book: JSON, _ sheet: String, _ a1: String) -> JSON {
    book["sheets"][sheet]["cells"][a1]
  }

  /// The XML of a worksheet part (libxlsxwriter numbers parts in tab order).
  private func sheetXML(_ book: JSON, _ name: String) -> String {
    let index = book["sheetnames"].array.firstIndex { $0.string == name } ?? -1
    return book["parts"]["xl/worksheets/sheet\(index + 1).xml"].string ?? ""
  }

  private var tables: [TableContent] { fixtureDocument(layout: .bulletin).tables }
  private func tableSheet(_ number: Int) -> String { fixtureSheetNames[number + 1] }

  @Test(arguments: layouts) func sheetsInOrderWithValidNames(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let names = book["sheetnames"].array.compactMap(\.string)
    #expect(names == fixtureSheetNames)
    for name in names { #expect(name.utf16.count <= 31, "\(name)") }
    // The long caption is cut at a character boundary and marked.
    #expect(names[7].hasSuffix("…") && names[7].utf16.count == 31)
  }

  @Test(arguments: layouts) func everySheetHasItsTitleInA1(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    #expect(cell(book, "封面", "A1")["value"].string == "民生统计月报")
    #expect(cell(book, "目录", "A1")["value"].string == "目录")
    #expect(cell(book, "注释", "A1")["value"].string == "注释")
    #expect(cell(book, "数据", "A1")["value"].string == "数据")
    for (index, table) in tables.enumerated() {
      let name = tableSheet(index + 1)
      #expect(cell(book, name, "A1")["value"].string == table.caption)
      #expect(cell(book, name, "A1")["bold"].bool == true)
      #expect(cell(book, name, "A2")["value"].string == table.subtitle, "unit and span under the title")
    }
  }

  @Test(arguments: layouts) func coverListsSourcesDefinitionsAndSymbols(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let texts = sheet(book, "封面")["cells"].keys.compactMap { cell(book, "封面", $0)["value"].string }
    for expected in [
      "2024年10月（2024-10）", "江川市统计局", "2024年11月23日", "江川市信访局、人力资源和社会保障局",
      "data/petitions.csv", "信访事项", "data/employment.csv", "信访总量(件)", "统计期内登记的信访事项件数，按登记日期归属。",
      "本报数据为初步统计数。", "—", "[注1]", "南岭区2023年10月来信来访数据缺失，无法计算同比。",
    ] {
      #expect(texts.contains(expected), "cover lacks \(expected)")
    }
    #expect(texts.contains { $0.contains("无法计算或数据缺失") }, "the meaning of —")
    let rowsRead = sheet(book, "封面")["cells"].keys.map { cell(book, "封面", $0) }
      .filter { $0["type"].string == "n" }.compactMap { $0["value"].number }
    #expect(Set(rowsRead) == [12_345, 2, 480, 0], "rows read and skipped are numbers")
  }

  @Test(arguments: layouts) func contentsLinkToEveryTableSheet(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let cells = sheet(book, "目录")["cells"]
    var linked: [String: String] = [:]
    for address in cells.keys {
      if let location = cells[address]["link"]["location"].string {
        linked[location] = cells[address]["value"].string
      }
    }
    for (index, table) in tables.enumerated() {
      #expect(linked["'\(tableSheet(index + 1))'!A1"] == table.caption, "link to 表\(index + 1)")
    }
    #expect(linked["'注释'!A1"] == "注释")
    #expect(linked["'数据'!A1"] == "数据")
  }

  @Test(arguments: layouts) func numbersShowTheDocumentsDigits(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    var checked = 0
    for (index, table) in tables.enumerated() {
      let name = tableSheet(index + 1)
      for (address, tableCell) in locatedCells(of: table, in: sheet(book, name)) {
        let written = cell(book, name, address)
        if tableCell.isAbsent {
          #expect(written["type"].string == "s", "\(name)!\(address) holds no formula")
          #expect(written["value"].string?.hasPrefix("—") == true, "\(name)!\(address)")
        } else if let value = tableCell.value {
          let shown = try #require(written["cached"].number, "\(name)!\(address) is a number")
          #expect(shown == value, "\(name)!\(address): the cached value is the document's")
          let format = try #require(written["numberFormat"].string)
          #expect(
            displayed(shown, numberFormat: format) == tableCell.text, "\(name)!\(address) shows \(format)")
          checked += 1
        } else if tableCell.text.isEmpty {
          #expect(written["value"] == .null, "\(name)!\(address) is blank")
        }
      }
    }
    let numbers = tables.flatMap(\.rows).flatMap(\.cells).filter { !$0.isAbsent && $0.value != nil }
    #expect(checked == numbers.count)
  }

  @Test(arguments: layouts) func numberFormatsFollowTheDecimals(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let sheet2 = tableSheet(2)
    let east = try #require(row(labelled: "东湖区", in: sheet(book, sheet2)))
    #expect(cell(book, sheet2, "B\(east)")["numberFormat"].string == "#,##0")
    #expect(cell(book, sheet2, "D\(east)")["numberFormat"].string == "#,##0.0")
    let sheet5 = tableSheet(5)
    let pension = try #require(row(labelled: "企业职工基本养老保险", in: sheet(book, sheet5)))
    #expect(cell(book, sheet5, "G\(pension)")["numberFormat"].string == "#,##0.00")
    // -0.04 % is printed 0.0: the cell's format has a negative section without a sign.
    let letters = try #require(row(labelled: "来信(件)", in: sheet(book, tableSheet(1))))
    let change = cell(book, tableSheet(1), "G\(letters)")
    #expect(change["numberFormat"].string == "#,##0.0;#,##0.0")
    #expect((change["cached"].number ?? 0) < 0)
  }

  @Test(arguments: layouts) func derivedCellsAreFormulasWithTheDocumentsValues(layout: WorkbookLayout) throws
  {
    let book = try inspected(layout)
    func formula(_ table: Int, _ label: String, _ column: String) throws -> (String?, Double?) {
      let name = tableSheet(table)
      let sheetRow = try #require(row(labelled: label, in: sheet(book, name)), "\(label) in \(name)")
      let written = cell(book, name, "\(column)\(sheetRow)")
      #expect(written["type"].string == "f", "\(name)!\(column)\(sheetRow) is a formula")
      return (written["value"].string, written["cached"].number)
    }
    let sheet2 = sheet(book, tableSheet(2))
    let total = try #require(row(labelled: "江川市", in: sheet2))
    let east = try #require(row(labelled: "东湖区", in: sheet2))
    let (yoy, yoyValue) = try formula(2, "东湖区", "D")
    #expect(yoy == "=(B\(east)-C\(east))/C\(east)*100" && yoyValue == 25)
    let (share, shareValue) = try formula(2, "东湖区", "H")
    #expect(share == "=E\(east)/$E$\(total)*100")
    #expect(shareValue == significant(600.0 / 1234 * 100))
    let (totalShare, _) = try formula(2, "江川市", "H")
    #expect(totalShare == "=E\(total)/$E$\(total)*100")

    let jobs = try #require(row(labelled: "东湖区", in: sheet(book, tableSheet(4))))
    let (completion, completionValue) = try formula(4, "东湖区", "G")
    #expect(completion == "=C\(jobs)/F\(jobs)*100" && completionValue == 80)
    let (ytdGrowth, _) = try formula(4, "东湖区", "E")
    #expect(ytdGrowth == "=(C\(jobs)-D\(jobs))/D\(jobs)*100")

    // Two blocks of measures side by side: each formula uses its own block's operands.
    let pension = try #require(row(labelled: "企业职工基本养老保险", in: sheet(book, tableSheet(5))))
    #expect(try formula(5, "企业职工基本养老保险", "D").0 == "=(B\(pension)-C\(pension))/C\(pension)*100")
    #expect(try formula(5, "企业职工基本养老保险", "F").0 == "=B\(pension)-E\(pension)")
    #expect(try formula(5, "企业职工基本养老保险", "I").0 == "=G\(pension)-H\(pension)")

    // 678 / 1,200 is exactly 56.5 %: the cached value is the document's, not 56.49999….
    let (exact, exactValue) = try formula(6, "城镇新增就业人数", "D")
    #expect(exact?.hasSuffix("*100") == true && exactValue == 56.5)
  }

  @Test(arguments: layouts) func absentOperandsOrValuesMeanNoFormula(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let name = tableSheet(2)
    let south = try #require(row(labelled: "南岭区", in: sheet(book, name)))
    #expect(cell(book, name, "C\(south)")["type"].string == "s")
    #expect(cell(book, name, "D\(south)")["type"].string == "s")
    let marked = layout == .bulletin ? "—[注1]" : "—"
    #expect(cell(book, name, "D\(south)")["value"].string == marked)
    let label = cell(book, name, "A\(south)")["value"].string
    #expect(label == (layout == .bulletin ? "南岭区" : "南岭区[注1]"), "accessible notes are referenced from labels")
    // A growth rate on a zero base is absent: `—`, not a formula dividing by zero.
    let letters = try #require(row(labelled: "来信(件)", in: sheet(book, tableSheet(1))))
    #expect(cell(book, tableSheet(1), "D\(letters)")["value"].string == "—")
    // The share in a table without a total row, and the gap without a time-progress column, are
    // plain numbers.
    let other = try #require(row(labelled: "其他", in: sheet(book, tableSheet(3))))
    #expect(cell(book, tableSheet(3), "C\(other)")["type"].string == "n")
    let jobs = try #require(row(labelled: "东湖区", in: sheet(book, tableSheet(4))))
    #expect(cell(book, tableSheet(4), "H\(jobs)")["type"].string == "n")
    // `—` in a numeric column raises no "number stored as text" warning.
    #expect(sheetXML(book, name).contains(#"numberStoredAsText="1""#))
  }

  @Test(arguments: layouts) func totalRowIsBold(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let name = tableSheet(2)
    let total = try #require(row(labelled: "江川市", in: sheet(book, name)))
    let east = try #require(row(labelled: "东湖区", in: sheet(book, name)))
    #expect(cell(book, name, "A\(total)")["bold"].bool == true)
    #expect(cell(book, name, "E\(total)")["bold"].bool == true)
    #expect(cell(book, name, "A\(east)")["bold"].bool == false)
  }

  @Test(arguments: layouts) func formulaLookingLabelStaysText(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let name = tableSheet(3)
    let sheetRow = try #require(row(labelled: formulaLookingLabel, in: sheet(book, name)))
    let label = cell(book, name, "A\(sheetRow)")
    #expect(label["type"].string == "s")
    #expect(label["value"].string == formulaLookingLabel)
    #expect(label["link"] == .null)
  }

  @Test func bulletinHeadersHaveMergedGroups() throws {
    let book = try inspected(.bulletin)
    #expect(sheet(book, tableSheet(1))["merged"].array.compactMap(\.string) == ["A3:A4", "B3:D3", "E3:G3"])
    #expect(
      sheet(book, tableSheet(2))["merged"].array.compactMap(\.string).sorted()
        == ["A3:A4", "B3:D3", "E3:G3", "H3:H4", "I3:I4"])
    #expect(cell(book, tableSheet(1), "B3")["value"].string == "本月")
    #expect(cell(book, tableSheet(1), "E4")["value"].string == "累计")
    #expect(cell(book, tableSheet(1), "B4")["borderTop"].string == "thin", "ruled header")
    // Without groups there is one header row and no merge.
    #expect(sheet(book, tableSheet(3))["merged"].array.isEmpty)
    #expect(cell(book, tableSheet(3), "A3")["value"].string == "问题类别")
    // No Excel tables on the table sheets in the bulletin layout.
    for index in 1...6 { #expect(sheet(book, tableSheet(index))["tables"].keys.isEmpty) }
  }

  @Test func accessibleLayoutHasOneHeaderRowAndExcelTables() throws {
    let book = try inspected(.accessible)
    for name in book["sheetnames"].array.compactMap(\.string) {
      #expect(sheet(book, name)["merged"].array.isEmpty, "no merged cells on \(name)")
    }
    for (index, table) in tables.enumerated() {
      let name = tableSheet(index + 1)
      let excel = sheet(book, name)["tables"]["表\(index + 1)"]
      #expect(
        excel["headers"].array.compactMap(\.string) == [table.labelHeader] + table.columns.map(\.fullHeader))
      #expect(excel["autofilter"].string != nil && excel["rowStripes"].bool == true)
      let ref = try #require(excel["ref"].string)
      let header = coordinates(String(ref.prefix { $0 != ":" })).row
      #expect(cell(book, name, "A\(header)")["value"].string == table.labelHeader)
      #expect(cell(book, name, "A3")["value"].string?.hasPrefix("符号说明：“—”表示无法计算或数据缺失") == true)
    }
    let south = try #require(row(labelled: "南岭区", in: sheet(book, tableSheet(2))))
    #expect(sheet(book, tableSheet(2))["tables"]["表2"]["ref"].string == "A5:I\(south)")
    #expect(cell(book, tableSheet(2), "A4")["value"].string == "[注n]表示注释，内容见“注释”工作表。")
    #expect(sheet(book, "目录")["tables"]["目录表"]["headers"].array.count == 3)
    #expect(sheet(book, "注释")["tables"]["注释表"]["ref"].string == "A4:B7")
  }

  @Test(arguments: layouts) func notesSheetNumbersTheFootnotes(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    #expect(cell(book, "注释", "A5")["value"].string == "[注1]")
    #expect(cell(book, "注释", "B5")["value"].string == "南岭区2023年10月来信来访数据缺失，无法计算同比。")
    #expect(cell(book, "注释", "B6")["value"].string == "本报数据为初步统计数。")
    // Source and notes under the tables.
    let name = tableSheet(3)
    let texts = sheet(book, name)["cells"].keys.compactMap { cell(book, name, $0)["value"].string }
    #expect(texts.contains("资料来源：市信访局"))
    #expect(texts.contains("注：按累计件数列出前8类，其余合并为“其他”。"))
  }

  @Test(arguments: layouts) func dataSheetIsAnExcelTableOfTheTidyFigures(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let table = sheet(book, "数据")["tables"]["数据表"]
    #expect(table["ref"].string == "A4:F10")
    #expect(table["autofilter"].string == "A4:F10")
    #expect(table["rowStripes"].bool == true)
    #expect(table["headers"].array.compactMap(\.string) == ["统计期", "地区代码", "地区名称", "指标", "度量", "数值"])
    #expect(cell(book, "数据", "F5")["value"].number == 1234)
    #expect(cell(book, "数据", "F6")["value"].number == 12.1818181818182)
    #expect(cell(book, "数据", "F7")["value"] == .null, "absent is empty")
    #expect(cell(book, "数据", "F8")["value"].string == "true")
    #expect(cell(book, "数据", "F9")["value"].number == 56.5)
    #expect(cell(book, "数据", "F10")["value"].number == -1211)
    #expect(cell(book, "数据", "B8")["value"].string == "0101", "codes keep their zeros")
    #expect(sheet(book, "数据")["freeze"].string == "A5")
  }

  @Test(arguments: layouts) func viewAndPrintSetup(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    #expect(book["active"].string == "封面")
    #expect(sheet(book, "封面")["view"]["activeCell"].string == "A1")
    #expect(sheet(book, "封面")["view"]["tabSelected"].bool == true)
    #expect(sheet(book, tableSheet(1))["freeze"].string == "B5")
    #expect(sheet(book, tableSheet(2))["freeze"].string == (layout == .bulletin ? "B5" : "B6"))
    for index in 1...6 {
      let name = tableSheet(index)
      let print = sheet(book, name)["print"]
      #expect(print["orientation"].string == "landscape", "\(name)")
      #expect(print["paperSize"].number == 9, "A4")
      // openpyxl reports the default fitToWidth of 1 as nil.
      #expect(print["fitToPage"].bool == true && (print["fitToWidth"].number ?? 1) == 1)
      #expect(print["fitToHeight"].number == 0)
      #expect(print["gridlines"].bool == false)
      #expect(sheet(book, name)["view"]["showGridLines"].bool == false)
      #expect(print["footer"].string == "第 &P 页 共 &N 页")
      #expect(print["footerRight"].string == "江川市统计局")
    }
    #expect(
      sheet(book, tableSheet(1))["print"]["titleRows"].string == (layout == .bulletin ? "$3:$4" : "$4:$4"))
    #expect(sheet(book, "封面")["print"]["orientation"].string == "portrait")
    // Printing keeps to the table and the notes under it (the chart stands beside them).
    for (index, table) in tables.enumerated() {
      let name = tableSheet(index + 1)
      let rows = sheet(book, name)["cells"].keys.map(coordinates).filter { $0.column == 0 }.map(\.row)
      let area = "'\(name)'!$A$1:$\(columnLetter(table.columns.count))$\(rows.max() ?? 0)"
      #expect(sheet(book, name)["print"]["printArea"].string == area)
    }
  }

  @Test(arguments: layouts) func columnsAreWideEnoughForCJKText(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let name = tableSheet(4)
    let widths = sheet(book, name)["columnWidths"]
    // 南岭区（含高新技术产业开发区） is 15 wide characters: 30 display columns.
    #expect((widths["A"].number ?? 0) >= 30)
    for column in ["B", "C", "D", "E", "F", "G", "H", "I"] {
      #expect((widths[column].number ?? 0) >= 8, "\(name) column \(column)")
    }
  }

  @Test(arguments: layouts) func behindScheduleIsConditionallyFormatted(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let name = tableSheet(4)
    let rules = sheet(book, name)["conditional"].array
    let first = try #require(row(labelled: "江川市", in: sheet(book, name)))
    let last = try #require(row(labelled: "南岭区（含高新技术产业开发区）", in: sheet(book, name)))
    let byRange = Dictionary(
      rules.map { ($0["range"].string ?? "", $0["formula"][0].string ?? "") }, uniquingKeysWith: { $1 })
    #expect(byRange["H\(first):H\(last)"] == "AND(ISNUMBER($H\(first)),ROUND($H\(first),1)<0)")
    #expect(
      byRange["G\(first):G\(last)"] == "AND(ISNUMBER($G\(first)),ISNUMBER($H\(first)),ROUND($H\(first),1)<0)")
    #expect(rules.allSatisfy { $0["type"].string == "expression" && $0["hasFormat"].bool == true })
    #expect(sheet(book, tableSheet(1))["conditional"].array.isEmpty)
    #expect(sheet(book, tableSheet(6))["conditional"].array.isEmpty, "completion without time progress")
  }

  @Test(arguments: layouts) func districtTableHasANativeChartWithAltText(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    #expect(sheet(book, tableSheet(2))["charts"].array.compactMap(\.string) == ["BarChart"])
    #expect(sheet(book, tableSheet(4))["charts"].array.compactMap(\.string) == ["BarChart"])
    #expect(sheet(book, tableSheet(1))["charts"].array.isEmpty)
    let chart = try #require(book["parts"]["xl/charts/chart1.xml"].string)
    let first = try #require(row(labelled: "东湖区", in: sheet(book, tableSheet(2))))
    #expect(chart.contains("<c:f>'\(tableSheet(2))'!$E$\(first):$E$\(first + 2)</c:f>"), "the ytd cells")
    #expect(chart.contains("<c:f>'\(tableSheet(2))'!$A$\(first):$A$\(first + 2)</c:f>"), "the labels")
    #expect(chart.contains("单位：件"))
    let drawing = try #require(book["parts"]["xl/drawings/drawing1.xml"].string)
    #expect(drawing.contains("descr=\"条形图：表2 各区县信访总量（1-10月累计）"))
    #expect(drawing.contains("东湖区 600"))
    // Beside the table (columns A–I), one column apart, level with the header.
    #expect(drawing.contains("<xdr:from><xdr:col>10</xdr:col>"))
  }

  @Test(arguments: layouts) func documentProperties(layout: WorkbookLayout) throws {
    let book = try inspected(layout)
    let properties = book["properties"]
    #expect(properties["title"].string == "民生统计月报（2024年10月）")
    #expect(properties["creator"].string == "江川市统计局")
    #expect(properties["subject"].string == "2024年10月信访工作、就业、社会保险统计")
    #expect(properties["keywords"].string == "信访工作,就业,社会保险,民生统计月报,2024-10")
    #expect(properties["created"].string?.hasPrefix("2024-11-23T00:00:00") == true)
    #expect(book["custom"]["Language"].string == "zh-CN")
  }

  @Test(arguments: layouts) func sameDocumentGivesTheSameBytes(layout: WorkbookLayout) throws {
    let directory = try TemporaryDirectory()
    let document = fixtureDocument(layout: layout)
    let first = URL(fileURLWithPath: directory.path("a.xlsx"))
    let second = URL(fileURLWithPath: directory.path("b.xlsx"))
    try BulletinWorkbookWriter().write(document, to: first)
    try BulletinWorkbookWriter().write(document, to: second)
    #expect(try Data(contentsOf: first) == Data(contentsOf: second))
  }

  @Test func sizeDependsOnTheReportNotOnTheRowsRead() throws {
    let directory = try TemporaryDirectory()
    var small = fixtureDocument(layout: .bulletin)
    var large = small
    small.inputs = small.inputs.map {
      InputFile(path: $0.path, dataset: $0.dataset, rowsRead: 1, rowsSkipped: 0)
    }
    large.inputs = large.inputs.map {
      InputFile(path: $0.path, dataset: $0.dataset, rowsRead: 98_765_432, rowsSkipped: 1_234)
    }
    let smallURL = URL(fileURLWithPath: directory.path("small.xlsx"))
    let largeURL = URL(fileURLWithPath: directory.path("large.xlsx"))
    try BulletinWorkbookWriter().write(small, to: smallURL)
    try BulletinWorkbookWriter().write(large, to: largeURL)
    let sizes = try [smallURL, largeURL].map { try Data(contentsOf: $0).count }
    #expect(abs(sizes[0] - sizes[1]) < 64)
  }

  @Test func emptyDocumentStillMakesAValidWorkbook() throws {
    let directory = try TemporaryDirectory()
    for layout in Self.layouts {
      var document = fixtureDocument(layout: layout)
      document.sections = []
      document.tidy = []
      document.footnotes = []
      document.notes = []
      document.inputs = []
      let path = directory.path("empty-\(layout.rawValue).xlsx")
      try BulletinWorkbookWriter().write(document, to: URL(fileURLWithPath: path))
      let book = try inspectWithOpenpyxl(path)
      #expect(book["sheetnames"].array.compactMap(\.string) == ["封面", "目录", "注释", "数据"])
      #expect(book["sheets"]["注释"]["cells"]["A5"]["value"].string == "本期无注释。")
    }
  }

  @Test func unwritablePathThrowsAndLeavesNoFile() throws {
    let url = URL(fileURLWithPath: "/nonexistent-minsheng-directory/民生.xlsx")
    #expect(throws: (any Error).self) {
      try BulletinWorkbookWriter().write(fixtureDocument(layout: .bulletin), to: url)
    }
    #expect(!FileManager.default.fileExists(atPath: url.path))
  }
}
