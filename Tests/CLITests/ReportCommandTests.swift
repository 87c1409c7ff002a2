import Engine
import Foundation
import Testing

@Suite(.serialized) struct ReportCommandTests {
  private func temporary(_ name: String) -> URL {
    FileManager.default.temporaryDirectory.appending(path: "minsheng-\(name)-\(UUID().uuidString)")
  }

  @Test func writesEveryOutputAndTheCSVEqualsTheIndicatorsCommand() throws {
    let out = temporary("report")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CommandRun(["report", "--out", out.path, "--release-date", "2024-11-08"])
    #expect(run.status == 0, "\(run.error)")
    let files = try FileManager.default.subpathsOfDirectory(atPath: out.path).sorted()
    #expect(files.contains("indicators.csv"))
    for chart in [
      "petitions_trend", "petitions_by_district", "petition_categories", "employment_completion",
      "insurance_schemes",
    ] {
      #expect(files.contains("charts/\(chart).png") && files.contains("charts/\(chart).svg"))
    }
    #expect(!files.contains { $0.hasPrefix(".minsheng-staging") })
    let written = try Data(contentsOf: out.appending(path: "indicators.csv"))
    let printed = try CommandRun(["indicators", "--format", "csv"])
    #expect(printed.status == 0)
    #expect(Data(printed.output.utf8) == written)
    #expect(written.starts(with: [0xEF, 0xBB, 0xBF]))

    // The PDF's narrative shows the figures of indicators.csv, rounded by the one formatting function.
    #expect(files.contains("民生统计月报_2024-10.pdf") && files.contains("民生统计月报_2024-10.xlsx"))
    let rows = try IndicatorCSV.read(written)
    func value(_ indicator: String, _ measure: String) -> Rational? {
      rows.first { $0.regionCode == "361500" && $0.indicator == indicator && $0.measure == measure }?.value
        .number
    }
    let total = IndicatorFormat.display(value("petitions.total", "ytd"), decimals: 0)
    let growth = try #require(IndicatorFormat.growth(value("petitions.total", "ytd_yoy_pct")))
    let text = try pdfText(out.appending(path: "民生统计月报_2024-10.pdf"))
    #expect(text.contains("1-10月，江川市共登记信访事项\(total)件，同比\(growth)；"))
    #expect(text.contains("第1页共"))
    let pages = text.components(separatedBy: "\u{0C}").filter { !$0.isEmpty }.count
    #expect(text.contains("第\(pages)页共\(pages)页"))

    // The workbook holds the same figure, shown with the same digits (#,##0 → 6,678).
    let workbook = try python(
      """
      import openpyxl, sys
      wb = openpyxl.load_workbook(sys.argv[1])
      ws = next(wb[n] for n in wb.sheetnames if n.startswith("表2"))
      row = next(r for r in ws.iter_rows() if r[0].value == "江川市")
      cell = next(c for c in row if c.column_letter == "E")
      print(cell.value, cell.number_format)
      """, out.appending(path: "民生统计月报_2024-10.xlsx").path)
    #expect(workbook == "\(total.replacingOccurrences(of: ",", with: "")) #,##0\n")
    #expect(text.contains("表2各区县信访总量") && text.contains("江川市598611-2.1\(total)"))
  }

  /// The PDF's text with white space removed (pdftotext breaks justified lines anywhere).
  private func pdfText(_ url: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
    process.arguments = [url.path, "-"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return String(decoding: data, as: UTF8.self).filter { !$0.isWhitespace || $0 == "\u{0C}" }
  }

  @Test func asciiNamesAndASecondTemplate() throws {
    let out = temporary("digest")
    defer { try? FileManager.default.removeItem(at: out) }
    let run = try CommandRun([
      "report", "--template", "petitions-digest", "--ascii-names", "--period", "2024Q3", "--out", out.path,
      "--release-date", "2024-10-08",
    ])
    #expect(run.status == 0, "\(run.error)")
    let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    // The outputs, and the marker listing them (hidden; it keeps the loader out of the folder).
    #expect(
      files == [
        ".minsheng-output", "charts", "indicators.csv", "petitions-digest_2024Q3.pdf",
        "petitions-digest_2024Q3.xlsx",
      ])
  }

  @Test func aDataErrorLeavesTheOutputFolderUntouched() throws {
    let data = try temporaryFolder([
      "regions.csv": CheckCommandTests.regions,
      "p.csv": "信访件编号,登记日期,信访形式,所属区县,问题类别\nA1,2024-02-30,来信,西湖区,教育\n",
    ])
    let out = temporary("untouched")
    try FileManager.default.createDirectory(at: out, withIntermediateDirectories: true)
    try Data("old".utf8).write(to: out.appending(path: "indicators.csv"))
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: data)
    }
    let run = try CommandRun(["report", "--data", data.path, "--out", out.path])
    #expect(run.status == 1)
    #expect(run.error.contains("p.csv:2: column '登记日期': impossible date '2024-02-30'"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["indicators.csv"])
    #expect(try Data(contentsOf: out.appending(path: "indicators.csv")) == Data("old".utf8))
  }

  @Test func usageAndTemplateErrorsExitTwo() throws {
    let badPeriod = try CommandRun(["report", "--period", "2024Q5"])
    #expect(badPeriod.status == 2)
    #expect(badPeriod.error.contains("--period"))
    let badTemplate = try CommandRun(["report", "--template", "nonexistent", "--out", temporary("x").path])
    #expect(badTemplate.status == 2)
    #expect(
      badTemplate.error.contains("no such template 'nonexistent' (available: monthly, petitions-digest)"))
  }

  @Test func killingTheReportMidwayLeavesNoPartialFileUnderAFinalName() throws {
    let out = temporary("killed")
    defer { try? FileManager.default.removeItem(at: out) }
    let process = Process()
    process.executableURL = CommandRun.executable
    process.arguments = ["report", "--out", out.path]
    process.currentDirectoryURL = CommandRun.repository
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Kill once staging has begun (the staging folder appears), before the run can finish.
    let deadline = Date().addingTimeInterval(30)
    while Date() < deadline {
      let names = (try? FileManager.default.contentsOfDirectory(atPath: out.path)) ?? []
      if names.contains(where: { $0.hasPrefix(".minsheng-staging") }) { break }
      usleep(2_000)
    }
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    let files = (try? FileManager.default.subpathsOfDirectory(atPath: out.path)) ?? []
    let final = files.filter { !$0.hasPrefix(".minsheng-staging") }
    // Either nothing was moved into place, or (if the run won the race) everything was.
    #expect(
      final.isEmpty || final.contains("indicators.csv") && final.filter { $0.hasSuffix(".png") }.count == 5)
    // The next run cleans the killed run's staging folder.
    let next = try CommandRun(["report", "--out", out.path, "--release-date", "2024-11-08"])
    #expect(next.status == 0)
    #expect(
      try !FileManager.default.contentsOfDirectory(atPath: out.path).contains {
        $0.hasPrefix(".minsheng-staging")
      })
  }
}

@Suite struct BenchCommandTests {
  @Test func benchRunsTheWholeReportAndReportsEveryPhase() throws {
    let work = FileManager.default.temporaryDirectory.appending(path: "minsheng-bench-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: work) }
    let run = try CommandRun([
      "bench", "--petitions", "2000", "--work", work.path, "--json", work.path + ".json", "--render-repeats",
      "2",
    ])
    defer { try? FileManager.default.removeItem(atPath: work.path + ".json") }
    #expect(run.status == 0, "\(run.error)")
    for phase in [
      "read+validate", "indicators", "document", "indicators.csv", "charts", "pdf", "xlsx", "total",
    ] {
      #expect(run.output.contains(phase))
    }
    #expect(run.output.contains("rows/s") && run.output.contains("peak resident memory"))
    // The render timed alone, as the timing tests once did: charts, their PNG encoding, the PDF.
    #expect(run.output.contains("render alone (median of 2, one thread)"))
    for phase in ["5 charts to PNG+SVG", "PNG encoding of 5 charts", "PDF write"] {
      #expect(run.output.contains(phase))
    }
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: work.path + ".json")))
    let first = (json as? [[String: Any]])?.first
    #expect(first?["petitions_per_year"] as? Int == 2000)
    let renders = first?["render_alone_median_seconds"] as? [String: Double]
    #expect(renders?.keys.sorted() == ["5 charts to PNG+SVG", "PDF write", "PNG encoding of 5 charts"])
    #expect(renders?.values.allSatisfy { $0 > 0 } == true)
  }
}

@Suite struct FormulaInjectionTests {
  @Test func aFormulaLikeCategoryStaysLiteralTextInEveryOutput() throws {
    var petitions = "信访件编号,登记日期,信访形式,所属区县,问题类别\n"
    for i in 0..<30 {
      let category = i % 3 == 0 ? "教育" : "=HYPERLINK(\"\"http://x\"\",\"\"y\"\")"
      petitions += "A\(i),2024-0\(i % 9 + 1)-05,来信,\(i % 2 == 0 ? "西湖区" : "东山区"),\"\(category)\"\n"
      petitions += "B\(i),2023-0\(i % 9 + 1)-05,来信,西湖区,教育\n"
    }
    let data = try temporaryFolder(["regions.csv": CheckCommandTests.regions, "p.csv": petitions])
    let out = FileManager.default.temporaryDirectory.appending(
      path: "minsheng-injection-\(UUID().uuidString)")
    defer {
      try? FileManager.default.removeItem(at: data)
      try? FileManager.default.removeItem(at: out)
    }
    let run = try CommandRun([
      "report", "--data", data.path, "--period", "2024-09", "--out", out.path, "--release-date", "2024-10-08",
    ])
    #expect(run.status == 0, "\(run.error)")
    let cells = try python(
      """
      import openpyxl, sys
      wb = openpyxl.load_workbook(sys.argv[1])
      for ws in wb.worksheets:
          for row in ws.iter_rows():
              for c in row:
                  if isinstance(c.value, str) and "HYPERLINK" in c.value:
                      print(ws.title.split(" ")[0], c.data_type, c.value)
      """, out.appending(path: "民生统计月报_2024-09.xlsx").path)
    let lines = cells.split(separator: "\n")
    #expect(lines.contains { $0.hasPrefix("表3 s =HYPERLINK(\"http://x\",\"y\")") })
    #expect(lines.allSatisfy { $0.split(separator: " ")[1] == "s" })
    #expect(!cells.contains(" f "))
  }
}

/// Runs a Python snippet (openpyxl, test tooling only) with one argument and returns its output.
func python(_ script: String, _ argument: String) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script, argument]
  let pipe = Pipe()
  process.standardOutput = pipe
  try process.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  return String(decoding: data, as: UTF8.self)
}
