import ChartModel
import Charts
import Document
import TestSupport

/// A bulletin built by hand: three sections with realistic Chinese text and figures, a chart per
/// section, and a table of 80 townships that spans pages. Every figure is a finished string, as
/// the engine would hand it over.
enum Fixture {
  static let office = "江川市统计局"
  static let source = "市信访局、市人力资源和社会保障局、市医疗保障局"

  static let paragraphs = [
    "petitions": [
      "1-10月，全市共受理群众信访事项10,385件，同比下降2.1%。其中，10月受理1,034件，环比下降5.8%，同比下降3.4%。"
        + "从渠道看，网上信访6,512件，占信访总量的62.7%，同比提高4.5个百分点；来信1,406件，来访1,872件，电话595件。",
      "从问题类别看，城乡建设、劳动和社会保障、自然资源三类事项合计5,205件，占信访总量的50.1%。"
        + "按期受理率、按期办结率分别为99.6%和98.9%，群众满意率为91.3%，较上年同期提高1.2个百分点。",
      "分县区看，10个县区中有6个县区信访总量同比下降，其中安义县、新建区降幅较大，分别下降8.6%和5.0%；"
        + "湾里管理局上年同期无信访事项，同比增速无法计算。",
    ],
    "employment": [
      "1-10月，全市城镇新增就业4.35万人，同比增长3.2%，完成年度目标的87.0%，超序时进度3.7个百分点。"
        + "失业人员再就业1.12万人，就业困难人员就业0.38万人，分别完成年度目标的93.3%和95.0%。",
      "分县区看，西湖区、江川经济技术开发区、东湖区完成进度居前，完成率分别为96.8%、92.1%和88.4%；"
        + "安义县、高新技术产业开发区完成率低于序时进度，分别为68.9%和64.2%，需加快推进。",
    ],
    "insurance": [
      "10月末，全市企业职工基本养老保险参保人数312.45万人，同比增长3.5%；城乡居民基本养老保险参保人数268.12万人，同比下降0.7%。"
        + "职工基本医疗保险参保人数285.60万人，同比增长3.4%。",
      "失业保险、工伤保险参保人数分别为156.08万人和171.92万人，同比分别增长4.3%和5.2%。"
        + "1-10月，全市社会保险基金收入合计186.37亿元，支出合计172.54亿元，收支总体平衡。",
    ],
  ]

  static let districts = [
    "全市", "西湖区", "江川经济技术开发区", "东湖区", "青云谱区", "新建区", "青山湖区", "红谷滩区", "南昌县", "进贤县", "安义县",
    "高新技术产业开发区", "湾里管理局",
  ]

  static func cell(_ text: String, footnotes: [Int] = []) -> TableCell {
    TableCell(
      text: text, value: Double(text.replacingOccurrences(of: ",", with: "")), decimals: 0,
      footnotes: footnotes)
  }

  /// `1,234`.
  static func grouped(_ n: Int) -> String {
    let digits = String(n)
    var out = ""
    for (i, c) in digits.enumerated() {
      if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
      out.append(c)
    }
    return out
  }

  /// `-3.4` with one decimal.
  static func oneDecimal(_ tenths: Int) -> String {
    let sign = tenths < 0 ? "-" : ""
    return "\(sign)\(abs(tenths) / 10).\(abs(tenths) % 10)"
  }

  /// 表1: petitions by channel, with a two-level header (本月 / 1-10月累计).
  static let channels = TableContent(
    id: "petitions-by-channel", number: 1, title: "信访总量及分渠道情况", subtitle: "单位：件；2024年1-10月",
    labelHeader: "指标",
    columns: [
      TableColumn(group: "本月", header: "本月", measure: "month"),
      TableColumn(group: "本月", header: "去年同月", measure: "month_prev"),
      TableColumn(group: "本月", header: "同比(%)", measure: "month_yoy_pct"),
      TableColumn(group: "1-10月累计", header: "累计", measure: "ytd"),
      TableColumn(group: "1-10月累计", header: "去年同期累计", measure: "ytd_prev"),
      TableColumn(group: "1-10月累计", header: "累计同比(%)", measure: "ytd_yoy_pct"),
      TableColumn(group: nil, header: "占总量比重(%)", measure: "share_pct"),
    ],
    rows: [
      TableRow(
        label: "信访总量", isTotal: true,
        cells: ["1,034", "1,070", "-3.4", "10,385", "10,608", "-2.1", "100.0"].map { cell($0) }),
      TableRow(
        label: "网上信访", cells: ["671", "622", "7.9", "6,512", "6,173", "5.5", "62.7"].map { cell($0) }),
      TableRow(
        label: "来信", cells: ["138", "157", "-12.1", "1,406", "1,588", "-11.5", "13.5"].map { cell($0) }),
      TableRow(
        label: "来访", cells: ["172", "221", "-22.2", "1,872", "2,158", "-13.3", "18.0"].map { cell($0) }),
      TableRow(label: "电话", cells: ["53", "70", "-24.3", "595", "689", "-13.6", "5.7"].map { cell($0) }),
    ],
    notes: ["本表信访总量按登记受理口径统计，不含重复信访。"], source: "市信访局信访信息系统")

  static let townshipNames: [String] = {
    let stems = [
      "城关", "新华", "东升", "南塘", "北郊", "西山", "长岭", "石岗", "云溪", "白沙", "青岚", "梅岭", "桃花", "凤凰", "莲塘", "向塘",
      "三江", "黄马", "泾口", "幽兰", "武阳", "冈上", "广福", "塔城", "蒋巷", "昌东", "罗家", "湖坊", "文教", "鼎湖",
    ]
    let kinds = ["镇", "街道", "乡"]
    return (0..<80).map { i in
      stems[i % stems.count] + (i >= 30 ? ["一", "二"][(i / 30) - 1] : "") + kinds[(i * 7) % 3]
    }
  }()

  /// 表2: 80 townships, long enough to span pages; one has no figures last year ([注1]).
  static let townships: TableContent = {
    var seed: UInt32 = 20_241_023
    func random(_ range: ClosedRange<Int>) -> Int {
      seed = seed &* 1_664_525 &+ 1_013_904_223
      return range.lowerBound + Int(seed >> 8) % (range.count)
    }
    var rows: [TableRow] = []
    for (i, name) in townshipNames.enumerated() {
      let month = random(3...48)
      let ytd = month * 9 + random(0...60)
      let previous = ytd + random(-40...40)
      let share = ytd * 1000 / 10_385
      if i == 17 {
        rows.append(
          TableRow(
            label: name, regionCode: "3601\(i)",
            cells: [
              cell(grouped(month)), cell(grouped(ytd)), cell("—", footnotes: [1]), cell("—", footnotes: [1]),
              cell(oneDecimal(share)),
            ]))
        continue
      }
      let growth = (ytd - previous) * 1000 / previous
      rows.append(
        TableRow(
          label: name, regionCode: "3601\(i)",
          cells: [
            cell(grouped(month)), cell(grouped(ytd)), cell(grouped(previous)), cell(oneDecimal(growth)),
            cell(oneDecimal(share)),
          ]))
    }
    return TableContent(
      id: "petitions-by-township", number: 2, title: "各乡镇（街道）信访情况", subtitle: "单位：件；2024年1-10月",
      labelHeader: "乡镇（街道）",
      columns: [
        TableColumn(group: nil, header: "本月", measure: "month"),
        TableColumn(group: nil, header: "1-10月累计", measure: "ytd"),
        TableColumn(group: nil, header: "去年同期累计", measure: "ytd_prev"),
        TableColumn(group: nil, header: "累计同比(%)", measure: "ytd_yoy_pct"),
        TableColumn(group: nil, header: "占全市比重(%)", measure: "share_pct"),
      ],
      rows: rows, notes: ["按信访事项发生地统计。", "乡镇（街道）排序按行政区划代码。"], source: "市信访局")
  }()

  /// 表3: employment by district, with targets.
  static let employment = TableContent(
    id: "employment-by-district", number: 3, title: "各县区城镇新增就业目标完成情况", subtitle: "单位：人；2024年1-10月",
    labelHeader: "地区",
    columns: [
      TableColumn(group: nil, header: "年度目标", measure: "target"),
      TableColumn(group: nil, header: "1-10月累计", measure: "ytd"),
      TableColumn(group: nil, header: "去年同期累计", measure: "ytd_prev"),
      TableColumn(group: nil, header: "累计同比(%)", measure: "ytd_yoy_pct"),
      TableColumn(group: nil, header: "完成年度目标(%)", measure: "completion_pct"),
      TableColumn(group: nil, header: "与序时进度差(个百分点)", measure: "progress_gap_pp"),
    ],
    rows: zip(
      districts,
      [
        ["50,000", "43,512", "42,163", "3.2", "87.0", "3.7"],
        ["6,200", "6,002", "5,714", "5.0", "96.8", "13.5"],
        ["5,800", "5,342", "5,105", "4.6", "92.1", "8.8"], ["4,500", "3,978", "3,893", "2.2", "88.4", "5.1"],
        ["4,200", "3,612", "3,575", "1.0", "86.0", "2.7"], ["5,100", "4,320", "4,278", "1.0", "84.7", "1.4"],
        ["4,800", "3,898", "3,787", "2.9", "81.2", "-2.1"],
        ["4,300", "3,419", "3,298", "3.7", "79.5", "-3.8"],
        ["4,000", "3,092", "3,051", "1.3", "77.3", "-6.0"],
        ["3,600", "2,614", "2,598", "0.6", "72.6", "-10.7"],
        ["3,000", "2,067", "2,094", "-1.3", "68.9", "-14.4"],
        ["3,200", "2,054", "1,987", "3.4", "64.2", "-19.1"],
        ["1,300", "1,114", "—", "—", "85.7", "2.4"],
      ]
    ).enumerated().map { i, pair in
      TableRow(
        label: pair.0, regionCode: "36010\(i)", isTotal: i == 0,
        cells: pair.1.map { cell($0, footnotes: $0 == "—" ? [2] : []) })
    },
    notes: ["序时进度为83.3%（10/12）。"], source: "市人力资源和社会保障局")

  /// 表4: insured persons by scheme.
  static let insurance = TableContent(
    id: "insurance-by-scheme", number: 4, title: "主要险种参保情况", subtitle: "单位：万人；2024年10月末",
    labelHeader: "险种",
    columns: [
      TableColumn(group: nil, header: "参保人数", measure: "level"),
      TableColumn(group: nil, header: "去年同期", measure: "level_prev"),
      TableColumn(group: nil, header: "同比(%)", measure: "level_yoy_pct"),
    ],
    rows: [
      ("企业职工基本养老保险", ["312.45", "301.87", "3.5"]), ("城乡居民基本养老保险", ["268.12", "270.05", "-0.7"]),
      ("职工基本医疗保险", ["285.60", "276.34", "3.4"]), ("城乡居民基本医疗保险", ["402.37", "409.11", "-1.6"]),
      ("失业保险", ["156.08", "149.66", "4.3"]), ("工伤保险", ["171.92", "163.40", "5.2"]),
    ].map { TableRow(label: $0.0, cells: $0.1.map { cell($0) }) },
    notes: [], source: "市人力资源和社会保障局、市医疗保障局")

  static let months = ["2023年10月", "11月", "12月"] + (1...10).map { $0 == 1 ? "2024年1月" : "\($0)月" }

  static let trendChart = ChartSpec(
    id: "petitions-13-months", kind: .line, title: "全市信访总量近13个月走势", subtitle: "2023年10月—2024年10月",
    source: "市信访局", categories: months,
    series: [
      Series(
        name: "信访总量", values: [1032, 978, 1046, 856, 702, 948, 1003, 1087, 1024, 1012, 1121, 1043, 1034])
    ],
    valueAxis: ValueAxis(unit: "件"))

  static let rankingChart = ChartSpec(
    id: "employment-completion", kind: .horizontalBar, title: "各县区城镇新增就业目标完成情况", subtitle: "2024年1-10月",
    source: "市人力资源和社会保障局", categories: districts,
    series: [
      Series(
        name: "完成率", values: [87.0, 96.8, 92.1, 88.4, 86.0, 84.7, 81.2, 79.5, 77.3, 72.6, 68.9, 64.2, 85.7])
    ],
    valueAxis: ValueAxis(unit: "%"), referenceLines: [ReferenceLine(value: 83.3, label: "序时进度 83.3%")],
    mutedCategories: [0])

  static let insuranceChart = ChartSpec(
    id: "insurance-by-scheme", kind: .verticalBar, title: "主要险种参保人数", subtitle: "2024年10月末与上年同期对比",
    source: "市人力资源和社会保障局、市医疗保障局",
    categories: ["企业职工基本养老保险", "城乡居民基本养老保险", "职工基本医疗保险", "城乡居民基本医疗保险", "失业保险", "工伤保险"],
    series: [
      Series(name: "2024年10月末", values: [312.45, 268.12, 285.60, 402.37, 156.08, 171.92]),
      Series(name: "2023年10月末", values: [301.87, 270.05, 276.34, 409.11, 149.66, 163.40]),
    ],
    valueAxis: ValueAxis(unit: "万人"))

  static let document = BulletinDocument(
    title: "民生统计月报", office: office, issue: 10, periodName: "2024年10月", periodCode: "2024-10",
    releaseDate: "2024年11月23日", releaseDateISO: "2024-11-23", layout: .bulletin, fileStem: "民生统计月报_2024-10",
    source: source,
    headlines: [
      HeadlineCard(label: "信访总量（1-10月）", value: "10,385", unit: "件", change: "-2.1%", direction: .down),
      HeadlineCard(
        label: "城镇新增就业", value: "4.35", unit: "万人", change: "+3.2%", direction: .up,
        progress: "完成年度目标87.0%，超序时进度3.7个百分点"),
      HeadlineCard(
        label: "失业人员再就业", value: "1.12", unit: "万人", change: "0.0%", direction: .flat,
        progress: "完成年度目标93.3%，超序时进度10.0个百分点"),
      HeadlineCard(label: "企业职工养老保险参保", value: "312.45", unit: "万人", change: "+3.5%", direction: .up),
    ],
    sections: [
      SectionContent(
        id: "petitions", title: "一、信访工作", paragraphs: paragraphs["petitions"]!,
        charts: [ChartContent(number: 1, spec: trendChart)], tables: [channels, townships]),
      SectionContent(
        id: "employment", title: "二、就业", paragraphs: paragraphs["employment"]!,
        charts: [ChartContent(number: 2, spec: rankingChart)], tables: [employment]),
      SectionContent(
        id: "insurance", title: "三、社会保险", paragraphs: paragraphs["insurance"]!,
        charts: [ChartContent(number: 3, spec: insuranceChart)], tables: [insurance]),
    ],
    definitions: [
      Definition(name: "信访总量", text: "报告期内各级信访工作机构登记受理的来信、来访、网上信访和电话信访事项之和，同一事项重复信访只计一次。"),
      Definition(name: "城镇新增就业", text: "报告期内城镇累计新就业人数减去自然减员人数，以就业登记为准。"),
      Definition(name: "序时进度", text: "报告期月数占全年12个月的比重，1-10月为83.3%。"),
      Definition(name: "参保人数", text: "报告期末按规定参加社会保险并进行登记的人数。"),
    ],
    footnotes: [
      Footnote(number: 1, text: "该乡镇于2024年1月由原两乡合并设立，无可比的上年同期数据，同比无法计算。"),
      Footnote(number: 2, text: "湾里管理局上年同期未单独统计，同比无法计算。"),
    ],
    notes: ["“—”表示数据缺失或无法计算；同比增速按未经四舍五入的数据计算。", "本期数据为快报数，部分数据可能在下期修订。"],
    inputs: [], tidy: [])
}
