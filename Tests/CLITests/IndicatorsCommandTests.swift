import Foundation
import Testing
import TextRules

/// `minsheng indicators` on the committed sample data: the JSON (through `JSONEncoder`) and the
/// terminal table, which the CLI renders.
@Suite struct IndicatorsCommandTests {
  @Test func jsonIsValidAndExact() throws {
    let run = try CommandRun([
      "indicators", "--data", "sample-data", "--period", "2024-10", "--format", "json",
    ])
    #expect(run.status == 0, "\(run.error)")
    let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
    #expect(object["period"] as? String == "2024-10")
    #expect(object["period_name"] as? String == "2024年10月")
    #expect(object["as_of"] as? String == "2024-10-31")
    #expect(object["region"] as? [String: String] == ["code": "361500", "name": "江川市"])
    // Exact values keep the 15 significant digits of indicators.csv, written as JSON numbers.
    #expect(run.output.hasSuffix("\"time_progress_pct\" : 83.3333333333333\n}\n"))
    #expect(run.output.contains("\"value\" : -2.12765957446809"))
    let indicators = try #require(object["indicators"] as? [[String: Any]])
    #expect(indicators.count == 72)
    #expect(indicators[0]["id"] as? String == "petitions.total")
    #expect(indicators[0]["kind"] as? String == "flow" && indicators[0]["decimals"] as? Int == 0)
    let rows = try #require(indicators[0]["rows"] as? [[String: Any]])
    #expect(rows.first?["region_code"] as? String == "361500")
    let measures = try #require(rows.first?["measures"] as? [String: [String: Any]])
    #expect((measures["ytd"]?["value"] as? NSNumber)?.intValue == 6678)
    #expect(measures["ytd"]?["display"] as? String == "6,678")
    #expect(measures["ytd"]?["absent"] == nil && measures["ytd"]?["footnotes"] == nil)
    #expect(measures["target"]?["value"] is NSNull)
    #expect(measures["target"]?["absent"] as? String == "no_target")
    #expect(measures["target"]?["display"] as? String == "—")
    // A figure absent for a missing input names its footnote, listed at the end.
    let coverage = try #require(
      indicators.first { $0["id"] as? String == "insurance.unemployment.coverage_rate" })
    let level = try #require(
      (coverage["rows"] as? [[String: Any]])?.first?["measures"] as? [String: [String: Any]])
    #expect(level["level"]?["footnotes"] as? [Int] == [1])
    let footnotes = try #require(object["footnotes"] as? [[String: Any]])
    #expect(footnotes.first?["number"] as? Int == 1)
    #expect((footnotes.first?["text"] as? String)?.hasPrefix("社会保险参保数据（失业保险）") == true)
  }

  @Test func terminalTableAlignsWideCharacters() throws {
    let run = try CommandRun([
      "indicators", "--data", "sample-data", "--period", "2024-10", "--only", "petitions.total",
    ])
    #expect(run.status == 0, "\(run.error)")
    let lines = run.output.split(separator: "\n").map(String.init)
    #expect(lines.first == "江川市 2024年10月（累计1-10月，截至2024-10-31）")
    #expect(lines.contains("信访总量（件）  petitions.total"))
    let header = try #require(lines.firstIndex { $0.hasPrefix("地区") })
    let block = lines[header...].prefix { !$0.isEmpty }
    #expect(block.count > 3)
    // Every row of the block ends at the same terminal column.
    let widths = Set(block.map { DisplayWidth.of($0) })
    #expect(widths.count == 1, "\(block.joined(separator: "\n"))")
    #expect(block.contains { $0.hasPrefix("江川市") && $0.contains("6,678") })
  }
}
