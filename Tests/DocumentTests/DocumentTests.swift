import Testing

@testable import Document

@Suite struct DocumentTests {
  @Test func captionsAndHeadersReadAsPrinted() {
    let column = TableColumn(group: "1-10月累计", header: "去年同期累计", measure: "ytd_prev")
    #expect(column.fullHeader == "1-10月累计 去年同期累计")
    #expect(TableColumn(group: "1-10月累计", header: "累计", measure: "ytd").fullHeader == "1-10月累计")
    #expect(TableColumn(group: "本月", header: "本月同比(%)", measure: "month_yoy_pct").fullHeader == "本月同比(%)")
    #expect(TableCell.absent(symbol: "—").isAbsent)
    #expect(!TableCell(text: "—", value: nil, decimals: 0).isAbsent, "absence is stated, not read from text")
  }
}
