import Document
import Foundation
import TestSupport
import Testing
import Workbook

/// LibreOffice — a second real client — recalculates every formula of both layouts and must find
/// the values the workbook cached, which print as the document's digits; it also renders every
/// sheet to PDF without `###` columns. Runs only where `soffice` is installed.
@Suite(.enabled(if: executableExists("soffice"), "LibreOffice (soffice) is not installed"), .serialized)
struct LibreOfficeTests {
  /// A LibreOffice profile that recalculates every formula of an OOXML file on load
  /// (Tools ▸ Options ▸ Calc ▸ Formula ▸ Recalculation on file load: Always).
  private static let alwaysRecalculate = """
    <?xml version="1.0" encoding="UTF-8"?>
    <oor:items xmlns:oor="http://openoffice.org/2001/registry" \
    xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
    <item oor:path="/org.openoffice.Office.Calc/Formula/Load">\
    <prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
    </oor:items>
    """

  /// A workbook whose one formula `=2+3` carries the wrong cached value 0: after conversion it
  /// shows 5 only if LibreOffice really recalculated.
  private static let canaryScript = #"""
    import sys, zipfile, openpyxl
    path = sys.argv[1]
    wb = openpyxl.Workbook()
    wb.active["A1"] = "=2+3"
    wb.save(path)
    parts = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            parts[name] = z.read(name)
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = sheet.replace("<f>2+3</f><v></v>", "<f>2+3</f><v>0</v>") \
        .replace("<f>2+3</f><v />", "<f>2+3</f><v>0</v>").replace("<f>2+3</f></c>", "<f>2+3</f><v>0</v></c>").encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
    """#

  /// Runs soffice with a private profile that always recalculates, converting `inputs` to
  /// `format` into `directory/name`.
  private func convert(_ inputs: [String], to format: String, in directory: TemporaryDirectory, name: String)
    throws -> String
  {
    let profile = directory.url.appendingPathComponent("profile/user", isDirectory: true)
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    try Self.alwaysRecalculate.write(
      to: profile.appendingPathComponent("registrymodifications.xcu"), atomically: true, encoding: .utf8)
    let output = directory.path(name)
    let result = try run(
      [
        "soffice", "-env:UserInstallation=\(directory.url.appendingPathComponent("profile").absoluteString)",
        "--headless", "--norestore", "--convert-to", format, "--outdir", output,
      ] + inputs)
    #expect(result.status == 0, "soffice failed: \(result.stderr)")
    return output
  }

  @Test(.timeLimit(.minutes(5)))
  func recalculatedFormulasEqualTheCachedValuesAndTheDocumentsDigits() throws {
    let directory = try TemporaryDirectory()
    let bulletin = try writeFixture(.bulletin, in: directory)
    let accessible = try writeFixture(.accessible, in: directory)
    let canary = directory.path("canary.xlsx")
    let made = try run(["python3", "-c", Self.canaryScript, canary])
    try #require(made.status == 0, "canary: \(made.stderr)")

    let output = try convert([bulletin, accessible, canary], to: "xlsx", in: directory, name: "converted")
    let recalculatedCanary = try inspectWithOpenpyxl("\(output)/canary.xlsx")
    #expect(
      recalculatedCanary["sheets"]["Sheet"]["cells"]["A1"]["cached"].number == 5, "LibreOffice recalculated")

    let tables = fixtureDocument(layout: .bulletin).tables
    for path in [bulletin, accessible] {
      let original = try inspectWithOpenpyxl(path)
      let recalculated = try inspectWithOpenpyxl("\(output)/\(URL(fileURLWithPath: path).lastPathComponent)")
      var compared = 0
      for (index, table) in tables.enumerated() {
        let name = fixtureSheetNames[index + 2]
        for (address, tableCell) in locatedCells(of: table, in: original["sheets"][name]) {
          let before = original["sheets"][name]["cells"][address]
          guard before["type"].string == "f" else { continue }
          let cached = try #require(before["cached"].number)
          let after = recalculated["sheets"][name]["cells"][address]
          let value = try #require(after["cached"].number, "\(name)!\(address) after recalculation: \(after)")
          #expect(
            abs(value - cached) <= 1e-9 * max(1, abs(cached)), "\(name)!\(address): \(value) vs \(cached)")
          let format = try #require(before["numberFormat"].string)
          #expect(
            displayed(value, numberFormat: format) == tableCell.text,
            "\(name)!\(address) shows the document's digits")
          compared += 1
        }
      }
      #expect(compared == 31, "every derived cell of the fixture in \(path)")
    }
  }

  @Test(.timeLimit(.minutes(5)))
  func everySheetRendersWithoutHashColumns() throws {
    let directory = try TemporaryDirectory()
    let inputs = [try writeFixture(.bulletin, in: directory), try writeFixture(.accessible, in: directory)]
    let output = try convert(inputs, to: "pdf", in: directory, name: "pdf")
    for input in inputs {
      let stem = URL(fileURLWithPath: input).deletingPathExtension().lastPathComponent
      let pdf = "\(output)/\(stem).pdf"
      let text = try run(["pdftotext", "-layout", pdf, "-"])
      try #require(text.status == 0, "\(text.stderr)")
      let printed = String(decoding: text.stdout, as: UTF8.self)
      #expect(!printed.contains("###"), "a column too narrow for its number in \(stem)")
      for caption in fixtureDocument(layout: .bulletin).tables.map(\.caption) {
        #expect(printed.contains(caption), "\(caption) printed whole in \(stem)")
      }
      for expected in ["单位：件；2024年1-10月", "资料来源：市信访局", "第 1 页 共", "江川市统计局", "43,500", "—"] {
        #expect(printed.contains(expected), "\(expected) in \(stem)")
      }
      let pages = try run(["pdftoppm", "-png", "-r", "60", pdf, directory.path(stem)])
      #expect(pages.status == 0, "\(pages.stderr)")
      let images = try FileManager.default.contentsOfDirectory(atPath: directory.url.path)
        .filter { $0.hasPrefix(stem) && $0.hasSuffix(".png") }
      #expect(images.count >= 10, "one page or more per sheet")
    }
  }
}
