import Foundation
import TestSupport
import Testing

@testable import XLSX

/// Every failure becomes an `XLSXError` that keeps the C name and says where it happened.
@Suite final class ErrorTests {
  let directory: TemporaryDirectory
  let workbook: Workbook

  init() throws {
    directory = try TemporaryDirectory()
    workbook = try Workbook(path: directory.path("errors.xlsx"))
  }

  deinit {
    // Write the workbook while its directory still exists.
    try? workbook.close()
  }

  private func sheetNameError(_ name: String) -> XLSXError? {
    do {
      _ = try workbook.addWorksheet(named: name)
      return nil
    } catch {
      return error
    }
  }

  @Test func sheetNamesCountCharactersNotBytes() throws {
    // 31 CJK characters are 93 UTF-8 bytes but within Excel's 31-character limit.
    let longest = String(repeating: "民", count: 31)
    #expect(try workbook.addWorksheet(named: longest).name == longest)
    let error = try #require(sheetNameError(String(repeating: "生", count: 32)))
    #expect(error.code == .sheetnameLengthExceeded)
    #expect(error.cName == "LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED")
    #expect(error.message == "Worksheet name exceeds Excel's limit of 31 characters.")
    #expect(error.function == "workbook_validate_sheet_name")
    #expect(error.sheet == String(repeating: "生", count: 32))
    // Characters outside the BMP take two UTF-16 code units in Excel's count.
    #expect(sheetNameError(String(repeating: "𠀀", count: 16))?.code == .sheetnameLengthExceeded)
  }

  @Test(arguments: [
    ("表[1]", XLSXError.Code.invalidSheetnameCharacter), ("a:b", .invalidSheetnameCharacter),
    ("a/b", .invalidSheetnameCharacter), ("问?", .invalidSheetnameCharacter),
    ("'表1", .sheetnameStartEndApostrophe), ("", .parameterValidation),
  ])
  func invalidSheetNamesAreRejected(name: String, code: XLSXError.Code) throws {
    let error = try #require(sheetNameError(name))
    #expect(error.code == code)
    #expect(error.cName == code.rawValue)
    #expect(error.code.isLibraryError)
  }

  @Test func duplicateSheetNamesAreRejectedIgnoringCase() throws {
    _ = try workbook.addWorksheet(named: "数据")
    _ = try workbook.addWorksheet(named: "Data")
    let duplicate = try #require(sheetNameError("数据"))
    #expect(duplicate.cName == "LXW_ERROR_SHEETNAME_ALREADY_USED")
    #expect(duplicate.description.contains("LXW_ERROR_SHEETNAME_ALREADY_USED"))
    #expect(duplicate.description.contains("sheet '数据'"))
    #expect(sheetNameError("DATA")?.code == .sheetnameAlreadyUsed)
    #expect(workbook.worksheets.map(\.name) == ["数据", "Data"])
  }

  @Test func cellErrorsCarryTheFunctionSheetAndCell() throws {
    let sheet = try workbook.addWorksheet(named: "表1")
    let offGrid = try #require(throws: XLSXError.self) {
      try sheet.write("x", at: Cell(row: Cell.rowCount, column: 0))
    }
    #expect(offGrid.code == .worksheetIndexOutOfRange)
    #expect(offGrid.function == "worksheet_write_string")
    #expect(offGrid.sheet == "表1")
    #expect(offGrid.cell == "A1048577")
    let tooLong = try #require(throws: XLSXError.self) {
      try sheet.write(String(repeating: "字", count: 32_768), at: "B2")
    }
    #expect(tooLong.cName == "LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED")
    #expect(tooLong.cell == "B2")
    let longURL = try #require(throws: XLSXError.self) {
      try sheet.writeURL("https://example.com/" + String(repeating: "a", count: 2_100), at: "C3")
    }
    #expect(longURL.code == .worksheetMaxURLLengthExceeded)
    let notANumber = try #require(throws: XLSXError.self) { try sheet.write(Double.nan, at: "D4") }
    #expect(notANumber.cName == "XLSX_NON_FINITE_NUMBER")
    #expect(!notANumber.code.isLibraryError)
    let infiniteCache = try #require(throws: XLSXError.self) {
      try sheet.writeFormula("=1/0", cachedNumber: .infinity, at: "E5")
    }
    #expect(infiniteCache.code == .nonFiniteNumber)
    let nul = try #require(throws: XLSXError.self) { try sheet.write("a\u{0}b", at: "F6") }
    #expect(nul.code == .embeddedNUL)
  }

  @Test func tablesChartsAndPageSetupValidateTheirArguments() throws {
    let sheet = try workbook.addWorksheet(named: "表")
    let headers = try #require(throws: XLSXError.self) {
      try sheet.addTable("A1:C3", TableSpec(headers: ["地区", "数值"]))
    }
    #expect(headers.code == .parameterValidation)
    #expect(headers.cell == "A1:C3")
    let style = try #require(throws: XLSXError.self) {
      try sheet.addTable("A1:B3", TableSpec(headers: ["a", "b"], style: .dark(12)))
    }
    #expect(style.code == .parameterValidation)
    let badName = try #require(throws: XLSXError.self) {
      try sheet.addTable("A1:B3", TableSpec(name: "has space", headers: ["a", "b"]))
    }
    #expect(badName.cName == "LXW_ERROR_PARAMETER_VALIDATION")
    #expect(badName.function == "worksheet_add_table")

    let chart = try workbook.addChart(.column)
    let unknown = try #require(throws: XLSXError.self) {
      try chart.addSeries(values: SheetRange("没有这张表", "A1:A3"))
    }
    #expect(unknown.code == .unknownSheet)
    let empty = try #require(throws: XLSXError.self) {
      try sheet.insertChart(chart, at: "E2", altText: "空图")
    }
    #expect(empty.cName == "LXW_ERROR_PARAMETER_VALIDATION")
    try chart.addSeries(values: SheetRange("表", "A1:A3"))
    let noAltText = try #require(throws: XLSXError.self) {
      try sheet.insertChart(chart, at: "E2", altText: "")
    }
    #expect(noAltText.code == .parameterValidation)

    let header = try #require(throws: XLSXError.self) {
      try sheet.setPageSetup(PageSetup(header: String(repeating: "页", count: 300)))
    }
    #expect(header.cName == "LXW_ERROR_255_STRING_LENGTH_EXCEEDED")
  }

  @Test func handlesOfAnotherWorkbookAreRefused() throws {
    let other = try Workbook(path: directory.path("other.xlsx"))
    let foreignFormat = try other.format(FormatSpec(bold: true))
    let foreignChart = try other.addChart(.line)
    let sheet = try workbook.addWorksheet(named: "表")
    #expect(throws: XLSXError(.foreignHandle, function: "worksheet_write_string", sheet: "表", cell: "A1")) {
      try sheet.write("x", at: "A1", format: foreignFormat)
    }
    #expect(throws: XLSXError.self) { try sheet.insertChart(foreignChart, at: "A1", altText: "图") }
    try other.close()
  }

  @Test func closingDropsThePointerAndHandlesThrowAfterwards() throws {
    let sheet = try workbook.addWorksheet(named: "表")
    let format = try workbook.format(FormatSpec(bold: true))
    try sheet.write("x", at: "A1", format: format)
    try workbook.close()
    #expect(workbook.isClosed)
    #expect(FileManager.default.fileExists(atPath: workbook.path))
    try workbook.close()  // a second close does nothing
    let closed = try #require(throws: XLSXError.self) { try sheet.write("y", at: "A2") }
    #expect(closed.cName == "XLSX_WORKBOOK_CLOSED")
    #expect(closed.sheet == "表")
    #expect(throws: XLSXError.self) { try workbook.addWorksheet(named: "另一张") }
    #expect(throws: XLSXError.self) { try workbook.format(FormatSpec()) }
    #expect(throws: XLSXError.self) { try sheet.freezePanes(at: "A2") }
  }

  @Test func anUnwritablePathFailsOnCloseAndStillFreesTheWorkbook() throws {
    let broken = try Workbook(path: directory.path("no/such/dir/out.xlsx"))
    try broken.addWorksheet(named: "表").write("x", at: "A1")
    let error = try #require(throws: XLSXError.self) { try broken.close() }
    #expect(error.code == .creatingXLSXFile)
    #expect(error.cName == "LXW_ERROR_CREATING_XLSX_FILE")
    #expect(error.function == "workbook_close")
    #expect(broken.isClosed)
    try broken.close()
  }

  @Test func aWorkbookNeverClosedIsWrittenWhenReleased() throws {
    let path = directory.path("released.xlsx")
    do {
      let released = try Workbook(path: path)
      try released.addWorksheet(named: "表").write("x", at: "A1")
    }
    #expect(FileManager.default.fileExists(atPath: path))
  }

  @Test func everyLibraryCodeHasTheCNameAndLibraryText() {
    for code in XLSXError.Code.allCases where code.isLibraryError && code != .unknownLibraryError {
      #expect(code.rawValue.hasPrefix("LXW_ERROR_"))
      #expect(!code.defaultMessage.isEmpty)
      #expect(code.defaultMessage != "Unknown libxlsxwriter error.", "\(code)")
    }
  }
}

extension ErrorTests {
  @Test func chartHandlesThrowAfterClose() throws {
    _ = try workbook.addWorksheet(named: "表")
    let chart = try workbook.addChart(.column)
    let series = try chart.addSeries(values: SheetRange("表", "A1:A3"))
    try workbook.close()
    #expect(throws: XLSXError.self) { try chart.setTitle("图") }
    #expect(throws: XLSXError.self) { try chart.valueAxis.setNumberFormat("0") }
    #expect(throws: XLSXError.self) { try series.setDataLabels() }
    #expect(throws: XLSXError.self) { try workbook.addChart(.line) }
  }
}
