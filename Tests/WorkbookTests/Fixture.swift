import ChartModel
import Document
import Foundation
import TestSupport

/// The document value of a figure: the unrounded number correct to 15 significant digits, as the
/// engine hands it to the workbook.
func significant(_ value: Double) -> Double {
  Double(String(format: "%.15g", value))!
}

/// A number cell: printed text, unrounded value, decimals, and how it follows from other cells.
func number(
  _ text: String, _ value: Double, decimals: Int = 0, footnotes: [Int] = [], derivation: Derivation? = nil,
  behind: Bool = false
) -> TableCell {
  TableCell(
    text: text, value: significant(value), decimals: decimals, footnotes: footnotes,
    showsMinus: text.hasPrefix("-"), isBehindSchedule: behind, derivation: derivation)
}

/// An absent cell (`—`), optionally footnoted.
func absent(decimals: Int = 1, footnotes: [Int] = []) -> TableCell {
  .absent(symbol: "—", decimals: decimals, footnotes: footnotes)
}

/// A label that a spreadsheet would take for a formula if it were not written as a string.
let formulaLookingLabel = "=HYPERLINK(\"http://x\",\"y\")"

/// Sheet names of the fixture workbook, in order.
let fixtureSheetNames = [
  "封面", "目录", "表1 信访总量及分渠道情况", "表2 各区县信访总量", "表3 信访问题类别",
  "表4 各区县城镇新增就业", "表5 各险种参保情况", "表6 一个非常长的表名用来检验工作表名称截断是否按字符计算而…",
  "注释", "数据",
]

/// A bulletin document built by hand: every kind of table the template makes, with an absent
/// 同比 footnoted, a total row, targets behind and ahead of time progress, a formula-looking
/// label, a completion of exactly 56.5 % (published 57 at 0 decimals), a negative change that
/// rounds to zero, and two blocks of measures side by side.
func fixtureDocument(layout: WorkbookLayout) -> BulletinDocument {
  let month = [
    TableColumn(group: "本月", header: "本月", measure: "month"),
    TableColumn(group: "本月", header: "去年同月", measure: "month_prev"),
    TableColumn(group: "本月", header: "本月同比(%)", measure: "month_yoy_pct"),
  ]
  let ytd = [
    TableColumn(group: "1-10月累计", header: "累计", measure: "ytd"),
    TableColumn(group: "1-10月累计", header: "去年同期累计", measure: "ytd_prev"),
    TableColumn(group: "1-10月累计", header: "累计同比(%)", measure: "ytd_yoy_pct"),
  ]
  let growth01 = Derivation.growth(of: 0, on: 1)
  let growth34 = Derivation.growth(of: 3, on: 4)
  let share = Derivation.share(of: 3, totalRow: 0)
  let channels = TableContent(
    id: "petitions_by_channel", number: 1, title: "信访总量及分渠道情况", subtitle: "单位：件；2024年1-10月",
    labelHeader: "指标", columns: month + ytd,
    rows: [
      TableRow(
        label: "信访总量(件)",
        cells: [
          number("120", 120), number("100", 100), number("20.0", 20, decimals: 1, derivation: growth01),
          number("1,234", 1234), number("1,100", 1100),
          number("12.2", (1234.0 - 1100) / 1100 * 100, decimals: 1, derivation: growth34),
        ]),
      TableRow(
        label: "来信(件)",
        cells: [
          number("30", 30), number("0", 0), absent(),
          number("24,990", 24990), number("25,000", 25000),
          number("0.0", (24990.0 - 25000) / 25000 * 100, decimals: 1, derivation: growth34),
        ]),
    ],
    notes: [], source: "市信访局")
  let districts = TableContent(
    id: "petitions_by_district", number: 2, title: "各区县信访总量", subtitle: "单位：件；2024年1-10月",
    unit: "件", labelHeader: "地区",
    columns: month + ytd + [
      TableColumn(group: nil, header: "占比(%)", measure: "share_pct"),
      TableColumn(group: nil, header: "位次", measure: "rank"),
    ],
    rows: [
      TableRow(
        label: "江川市", regionCode: "3601", isTotal: true,
        cells: [
          number("120", 120), number("100", 100), number("20.0", 20, decimals: 1, derivation: growth01),
          number("1,234", 1234), number("1,100", 1100),
          number("12.2", (1234.0 - 1100) / 1100 * 100, decimals: 1, derivation: growth34),
          number("100.0", 100, decimals: 1, derivation: share), .blank,
        ]),
      TableRow(
        label: "东湖区", regionCode: "360102",
        cells: [
          number("50", 50), number("40", 40), number("25.0", 25, decimals: 1, derivation: growth01),
          number("600", 600), number("500", 500), number("20.0", 20, decimals: 1, derivation: growth34),
          number("48.6", 600.0 / 1234 * 100, decimals: 1, derivation: share), number("1", 1),
        ]),
      TableRow(
        label: "西山区", regionCode: "360103",
        cells: [
          number("40", 40), number("60", 60),
          number("-33.3", (40.0 - 60) / 60 * 100, decimals: 1, derivation: growth01),
          number("400", 400), number("350", 350),
          number("14.3", 50.0 / 350 * 100, decimals: 1, derivation: growth34),
          number("32.4", 400.0 / 1234 * 100, decimals: 1, derivation: share), number("2", 2),
        ]),
      TableRow(
        label: "南岭区", regionCode: "360104",
        cells: [
          number("30", 30), absent(decimals: 0, footnotes: [1]), absent(footnotes: [1]),
          number("234", 234), number("250", 250),
          number("-6.4", -16.0 / 250 * 100, decimals: 1, derivation: growth34),
          number("19.0", 234.0 / 1234 * 100, decimals: 1, derivation: share), number("3", 3),
        ]),
    ],
    notes: [], source: "市信访局", chartableColumns: [3, 0])
  let categories = TableContent(
    id: "petition_categories", number: 3, title: "信访问题类别", subtitle: "单位：件；2024年1-10月",
    labelHeader: "问题类别",
    columns: [
      TableColumn(group: nil, header: "累计", measure: "ytd"),
      TableColumn(group: nil, header: "占比(%)", measure: "share_pct"),
      TableColumn(group: nil, header: "去年同期累计", measure: "ytd_prev"),
      TableColumn(group: nil, header: "累计同比(%)", measure: "ytd_yoy_pct"),
    ],
    rows: [
      TableRow(
        label: "城乡建设",
        cells: [
          number("700", 700), number("56.7", 700.0 / 1234 * 100, decimals: 1), number("650", 650),
          number("7.7", 50.0 / 650 * 100, decimals: 1, derivation: .growth(of: 0, on: 2)),
        ]),
      TableRow(
        label: formulaLookingLabel,
        cells: [
          number("434", 434), number("35.2", 434.0 / 1234 * 100, decimals: 1), number("400", 400),
          number("8.5", 34.0 / 400 * 100, decimals: 1, derivation: .growth(of: 0, on: 2)),
        ]),
      TableRow(
        label: "其他",
        cells: [
          number("100", 100), number("8.1", 100.0 / 1234 * 100, decimals: 1), number("50", 50),
          number("100.0", 100, decimals: 1, derivation: .growth(of: 0, on: 2)),
        ]),
    ],
    notes: ["按累计件数列出前8类，其余合并为“其他”。"], source: "市信访局")
  let target = [
    TableColumn(group: "年度目标", header: "年度目标", measure: "target"),
    TableColumn(
      group: "年度目标", header: "完成率(%)", measure: "completion_pct",
      scheduleTest: .gapBelowZero(gap: 6, decimals: 1)),
    TableColumn(
      group: "年度目标", header: "超序时进度(百分点)", measure: "progress_gap_pp",
      scheduleTest: .belowZero(decimals: 1)),
  ]
  let progress = 10.0 / 12 * 100
  func jobs(
    _ label: String, code: String, total: Bool = false, month: Int, ytd: Int, prev: Int, goal: Int, rank: Int?
  )
    -> TableRow
  {
    let completion = Double(ytd) / Double(goal) * 100
    return TableRow(
      label: label, regionCode: code, isTotal: total,
      cells: [
        number(grouped(month), Double(month)), number(grouped(ytd), Double(ytd)),
        number(grouped(prev), Double(prev)),
        number(
          text(Double(ytd - prev) / Double(prev) * 100, 1), Double(ytd - prev) / Double(prev) * 100,
          decimals: 1, derivation: .growth(of: 1, on: 2)),
        number(grouped(goal), Double(goal)),
        number(
          text(completion, 1), completion, decimals: 1, derivation: .ratio(of: 1, to: 4),
          behind: completion < progress),
        number(
          text(completion - progress, 1), significant(completion) - significant(progress), decimals: 1,
          behind: completion < progress),
        rank.map { number("\($0)", Double($0)) } ?? .blank,
      ])
  }
  let employment = TableContent(
    id: "employment_by_district", number: 4, title: "各区县城镇新增就业", subtitle: "单位：人；2024年1-10月",
    unit: "人", labelHeader: "地区",
    columns: [
      TableColumn(group: "本月", header: "本月", measure: "month"),
      TableColumn(group: "1-10月累计", header: "累计", measure: "ytd"),
      TableColumn(group: "1-10月累计", header: "去年同期累计", measure: "ytd_prev"),
      TableColumn(group: "1-10月累计", header: "累计同比(%)", measure: "ytd_yoy_pct"),
    ] + target + [TableColumn(group: nil, header: "位次", measure: "rank")],
    rows: [
      jobs(
        "江川市", code: "3601", total: true, month: 4_100, ytd: 43_500, prev: 42_000, goal: 50_000, rank: nil),
      jobs("东湖区", code: "360102", month: 1_600, ytd: 16_000, prev: 15_000, goal: 20_000, rank: 1),
      jobs("西山区", code: "360103", month: 1_400, ytd: 14_000, prev: 14_500, goal: 15_000, rank: 2),
      jobs("南岭区（含高新技术产业开发区）", code: "360104", month: 1_100, ytd: 13_500, prev: 12_500, goal: 15_000, rank: 3),
    ],
    notes: ["序时进度为83.3%。"], source: "市人力资源和社会保障局",
    chartableColumns: [1, 0])
  let schemes = TableContent(
    id: "insurance_by_scheme", number: 5, title: "各险种参保情况", subtitle: "单位：人、%；2024年10月末",
    labelHeader: "险种",
    columns: [
      TableColumn(group: "参保人数", header: "期末数", measure: "level"),
      TableColumn(group: "参保人数", header: "去年同期", measure: "level_prev"),
      TableColumn(group: "参保人数", header: "同比(%)", measure: "level_yoy_pct"),
      TableColumn(group: "参保人数", header: "上年末", measure: "prev_year_end"),
      TableColumn(group: "参保人数", header: "比上年末增减", measure: "increase"),
      TableColumn(group: "参保率", header: "期末数", measure: "level"),
      TableColumn(group: "参保率", header: "去年同期", measure: "level_prev"),
      TableColumn(group: "参保率", header: "比去年同期增减", measure: "level_change_pp"),
    ],
    rows: [
      TableRow(
        label: "企业职工基本养老保险",
        cells: [
          number("1,234,567", 1_234_567), number("1,200,000", 1_200_000),
          number("2.9", 34_567.0 / 1_200_000 * 100, decimals: 1, derivation: growth01),
          number("1,220,000", 1_220_000), number("14,567", 14_567, derivation: .difference(0, 3)),
          number("92.35", 92.35, decimals: 2), number("91.80", 91.8, decimals: 2),
          number("0.55", 92.35 - 91.8, decimals: 2, derivation: .difference(5, 6)),
        ]),
      TableRow(
        label: "失业保险",
        cells: [
          number("456,789", 456_789), number("460,000", 460_000),
          number("-0.7", -3_211.0 / 460_000 * 100, decimals: 1, derivation: growth01),
          number("458,000", 458_000), number("-1,211", -1_211, derivation: .difference(0, 3)),
          absent(decimals: 2), number("80.10", 80.1, decimals: 2),
          absent(decimals: 2),
        ]),
    ],
    notes: [], source: "市人力资源和社会保障局、医疗保障局")
  let longTitle = TableContent(
    id: "long", number: 6, title: "一个非常长的表名用来检验工作表名称截断是否按字符计算而不是按字节计算", subtitle: "单位：人",
    labelHeader: "指标",
    columns: [
      TableColumn(group: nil, header: "累计", measure: "ytd"),
      TableColumn(group: nil, header: "年度目标", measure: "target"),
      TableColumn(group: nil, header: "完成率(%)", measure: "completion_pct"),
    ],
    rows: [
      TableRow(
        label: "城镇新增就业人数",
        cells: [
          number("678", 678), number("1,200", 1200),
          number("57", 678.0 / 1200 * 100, decimals: 0, derivation: .ratio(of: 0, to: 1)),
        ])
    ],
    notes: [], source: "")
  let chart = ChartSpec(
    id: "trend", kind: .line, title: "信访总量月度走势", categories: ["1月", "2月"],
    series: [Series(name: "2024年", values: [1, 2])], valueAxis: ValueAxis(unit: "件"))
  return BulletinDocument(
    title: "民生统计月报", office: "江川市统计局", issue: 10, periodName: "2024年10月", periodCode: "2024-10",
    releaseDate: "2024年11月23日", releaseDateISO: "2024-11-23", layout: layout, fileStem: "民生统计月报_2024-10",
    source: "江川市信访局、人力资源和社会保障局", headlines: [],
    sections: [
      SectionContent(
        id: "petitions", title: "一、信访工作", paragraphs: [], charts: [ChartContent(number: 1, spec: chart)],
        tables: [channels, districts, categories]),
      SectionContent(id: "employment", title: "二、就业", paragraphs: [], charts: [], tables: [employment]),
      SectionContent(
        id: "insurance", title: "三、社会保险", paragraphs: [], charts: [], tables: [schemes, longTitle]),
    ],
    definitions: [
      Definition(name: "信访总量(件)", text: "统计期内登记的信访事项件数，按登记日期归属。"),
      Definition(
        name: "城镇新增就业人数",
        text: "统计期内城镇累计新就业人数减去自然减员人数。完成率＝累计/年度目标×100；超序时进度＝完成率－序时进度，序时进度＝月份/12×100。"),
    ],
    footnotes: [Footnote(number: 1, text: "南岭区2023年10月来信来访数据缺失，无法计算同比。")],
    notes: ["本报数据为初步统计数。", "分项与合计因四舍五入可能略有出入。"],
    inputs: [
      InputFile(path: "data/petitions.csv", dataset: "信访事项", rowsRead: 12_345, rowsSkipped: 2),
      InputFile(path: "data/employment.csv", dataset: "就业", rowsRead: 480, rowsSkipped: 0),
    ],
    tidy: [
      TidyRow(
        period: "2024-10", regionCode: "3601", regionName: "江川市", indicator: "petitions.total",
        measure: "ytd", value: "1234"),
      TidyRow(
        period: "2024-10", regionCode: "3601", regionName: "江川市", indicator: "petitions.total",
        measure: "ytd_yoy_pct", value: "12.1818181818182"),
      TidyRow(
        period: "2024-10", regionCode: "360104", regionName: "南岭区", indicator: "petitions.total",
        measure: "month_yoy_pct", value: ""),
      TidyRow(
        period: "2024-10", regionCode: "0101", regionName: "东湖区",
        indicator: "employment.registered_unemployment_rate", measure: "met", value: "true"),
      TidyRow(
        period: "2024-10", regionCode: "3601", regionName: "江川市", indicator: "employment.new_urban_jobs",
        measure: "completion_pct", value: "56.5"),
      TidyRow(
        period: "2024-10", regionCode: "3601", regionName: "江川市", indicator: "insurance.unemployment.insured",
        measure: "increase", value: "-1211"),
    ])
}

/// `12,345`.
func grouped(_ value: Int) -> String {
  let digits = String(value.magnitude)
  var result = ""
  for (index, digit) in digits.enumerated() {
    if index > 0 && (digits.count - index) % 3 == 0 { result.append(",") }
    result.append(digit)
  }
  return (value < 0 ? "-" : "") + result
}

/// `value` with `decimals` decimals, half away from zero on its 15-significant-digit decimal form
/// (as the engine prints it), without a sign when it rounds to zero.
func text(_ value: Double, _ decimals: Int) -> String {
  let exact = Decimal(string: String(format: "%.15g", value))!
  var rounded = Decimal()
  var copy = exact
  NSDecimalRound(&rounded, &copy, decimals, .plain)
  var text = String(format: "%.\(decimals)f", NSDecimalNumber(decimal: rounded).doubleValue)
  if text.hasPrefix("-"), Double(text) == 0 { text.removeFirst() }
  return text
}
