import Foundation
import TestSupport
import Testing

@testable import XLSX

/// LibreOffice recalculates the sample workbook and must find the values the layer cached.
/// Runs only where `soffice` is installed (it is large, so the set-up does not install it).
@Suite(.enabled(if: executableExists("soffice"), "LibreOffice (soffice) is not installed"))
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

  /// Converts `inputs` to XLSX with LibreOffice, recalculating, into `directory/converted`.
  private func convert(_ inputs: [String], in directory: TemporaryDirectory) throws -> String {
    let profile = directory.url.appendingPathComponent("profile/user", isDirectory: true)
    try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
    try Self.alwaysRecalculate.write(
      to: profile.appendingPathComponent("registrymodifications.xcu"), atomically: true, encoding: .utf8)
    let output = directory.path("converted")
    let result = try run(
      [
        "soffice", "-env:UserInstallation=\(directory.url.appendingPathComponent("profile").absoluteString)",
        "--headless", "--norestore", "--convert-to", "xlsx", "--outdir", output,
      ] + inputs)
    #expect(result.status == 0, "soffice failed: \(result.stderr)")
    return output
  }

  @Test(.timeLimit(.minutes(5)))
  func recalculatedFormulasEqualTheCachedValues() throws {
    let directory = try TemporaryDirectory()
    let sample = directory.path("sample.xlsx")
    try writeSampleWorkbook(to: sample)
    // A canary with a deliberately wrong cached value proves that LibreOffice did recalculate.
    let canary = directory.path("canary.xlsx")
    let workbook = try Workbook(path: canary)
    try workbook.addWorksheet(named: "检查").writeFormula("=2+3", cachedNumber: 0, at: "A1")
    try workbook.close()

    let output = try convert([sample, canary], in: directory)
    let recalculatedCanary = try inspectWithOpenpyxl("\(output)/canary.xlsx")
    #expect(recalculatedCanary["sheets"]["检查"]["cells"]["A1"]["cached"].number == 5)

    let original = try inspectWithOpenpyxl(sample)
    let recalculated = try inspectWithOpenpyxl("\(output)/sample.xlsx")
    var compared = 0
    for sheet in original["sheetnames"].array.compactMap(\.string) {
      let cells = original["sheets"][sheet]["cells"]
      for address in cells.keys where cells[address]["type"].string == "f" {
        let cached = cells[address]["cached"]
        let after = recalculated["sheets"][sheet]["cells"][address]["cached"]
        if let expected = cached.number {
          let actual = try #require(after.number, "\(sheet)!\(address) is \(after) after recalculation")
          #expect(abs(actual - expected) <= 1e-9 * max(1, abs(expected)), "\(sheet)!\(address)")
        } else {
          #expect(after == cached, "\(sheet)!\(address)")
        }
        compared += 1
      }
    }
    #expect(compared == 9)
  }
}
