import ChartModel
import Charts
import TestSupport
import Testing

/// Fixed data for every chart kind: what the default bulletin shows, with realistic names and values.
enum Fixtures {
  static let source = "市信访局、市人力资源和社会保障局"
  static let months = (1...12).map { "\($0)月" }

  /// 1. Monthly petitions, this year vs last year; 7月 is absent this year (a data gap) and
  /// 11–12月 are still to come.
  static let trend = ChartSpec(
    id: "petitions-trend", kind: .line, title: "全市信访总量月度走势",
    subtitle: "2024年1—10月，与上年同期对比", source: source, note: "注：7月数据缺失，图中留空。",
    categories: months,
    series: [
      Series(
        name: "2024年",
        values: [856, 702, 948, 1003, 1087, 1024, nil, 1121, 1043, 1098, nil, nil]),
      Series(
        name: "2023年",
        values: [812, 745, 903, 958, 1012, 987, 1105, 1068, 995, 1032, 978, 1046],
        showsDataLabels: false),
    ],
    valueAxis: ValueAxis(unit: "件"))

  /// 1b. The last 13 months of one flow, across the turn of the year.
  static let trend13 = ChartSpec(
    id: "petitions-13-months", kind: .line, title: "全市信访总量近13个月走势",
    subtitle: "2023年10月—2024年10月", source: "市信访局",
    categories: ["2023年10月", "11月", "12月"] + (1...10).map { $0 == 1 ? "2024年1月" : "\($0)月" },
    series: [
      Series(
        name: "信访总量",
        values: [1032, 978, 1046, 856, 702, 948, 1003, 1087, 1024, nil, 1121, 1043, 1098])
    ],
    valueAxis: ValueAxis(unit: "件"))

  static let districts = [
    "全市", "西湖区", "江川经济技术开发区", "东湖区", "青云谱区", "新建区", "青山湖区", "红谷滩区",
    "南昌县", "进贤县", "安义县", "高新技术产业开发区", "湾里管理局",
  ]

  /// 2. Districts ranked by completion of the employment target, with the time progress.
  static let ranking = ChartSpec(
    id: "employment-completion", kind: .horizontalBar, title: "各县区城镇新增就业目标完成情况",
    subtitle: "2024年1—10月", source: "市人力资源和社会保障局",
    categories: districts,
    series: [
      Series(
        name: "完成率",
        values: [86.2, 96.8, 92.1, 88.4, 86.0, 84.7, 81.2, 79.5, 77.3, 72.6, 68.9, 64.2, nil])
    ],
    valueAxis: ValueAxis(unit: "%"),
    referenceLines: [ReferenceLine(value: 83.3, label: "序时进度 83.3%")],
    mutedCategories: [0])

  /// 3. Year-to-date petitions by district (bars) and their 同比 (line, right axis); 湾里管理局 had
  /// no petitions last year, so its growth is absent.
  static let combo = ChartSpec(
    id: "petitions-by-district", kind: .combo, title: "各县区信访总量及同比增长",
    subtitle: "2024年1—10月", source: "市信访局",
    categories: Array(districts.dropFirst()),
    series: [
      Series(name: "信访总量", values: [1862, 1435, 1208, 1176, 954, 921, 876, 812, 645, 533, 498, 62]),
      Series(
        name: "同比增长", values: [5.2, 12.8, -3.4, 1.9, -8.6, 4.4, 15.1, -1.2, 3.3, -5.0, 7.7, nil],
        axis: .secondary),
    ],
    valueAxis: ValueAxis(unit: "件"), secondaryAxis: ValueAxis(unit: "%", title: "同比"))

  /// 4. Petition items by category: top 8 and 其他.
  static let composition = ChartSpec(
    id: "petitions-by-category", kind: .composition, title: "信访事项分类构成",
    subtitle: "2024年1—10月", source: "市信访局",
    categories: ["城乡建设", "劳动和社会保障", "自然资源", "农业农村", "卫生健康", "教育", "交通运输", "生态环境", "其他"],
    series: [
      Series(
        name: "信访事项", values: [1862, 1435, 1108, 876, 654, 521, 433, 398, 712],
        labels: zip(["1,862", "1,435", "1,108", "876", "654", "521", "433", "398", "712"], shares).map {
          "\($0)（\($1)）"
        })
    ],
    valueAxis: ValueAxis(unit: "件"), mutedCategories: [8])

  /// The composition's shares of its total, 7,999, as the caller (the engine) writes them.
  static let shares = ["23.3%", "17.9%", "13.9%", "11.0%", "8.2%", "6.5%", "5.4%", "5.0%", "8.9%"]

  /// The same composition as a donut: the shares in the legend, the total in the middle.
  static var donut: ChartSpec {
    var spec = composition
    spec.id = "petitions-by-category-donut"
    spec.kind = .donut
    spec.series[0].labels = shares
    spec.totalLabel = "7,999件"
    return spec
  }

  static let schemes = ["企业职工基本养老保险", "城乡居民基本养老保险", "职工基本医疗保险", "城乡居民基本医疗保险", "失业保险", "工伤保险"]

  /// 5. Insured persons by scheme: this year's level vs last year's.
  static let insurance = ChartSpec(
    id: "insurance-by-scheme", kind: .verticalBar, title: "主要险种参保人数",
    subtitle: "2024年10月末与上年同期对比", source: "市人力资源和社会保障局、市医疗保障局",
    categories: schemes,
    series: [
      Series(name: "2024年10月末", values: [312.45, 268.12, 285.60, 402.37, 156.08, 171.92]),
      Series(name: "2023年10月末", values: [301.87, 270.05, 276.34, 409.11, 149.66, 163.40]),
    ],
    valueAxis: ValueAxis(unit: "万人"))

  /// 5b. Insured persons by scheme: level and 同比 on a right axis.
  static let insuranceGrowth = ChartSpec(
    id: "insurance-level-growth", kind: .verticalBar, title: "主要险种参保人数及同比增长",
    subtitle: "2024年10月末", source: "市人力资源和社会保障局、市医疗保障局",
    categories: schemes,
    series: [
      Series(name: "参保人数", values: [312.45, 268.12, 285.60, 402.37, 156.08, 171.92]),
      Series(name: "同比增长", values: [3.5, -0.7, 3.4, -1.6, 4.3, 5.2], axis: .secondary),
    ],
    valueAxis: ValueAxis(unit: "万人"), secondaryAxis: ValueAxis(unit: "%", title: "同比"))

  /// Shapes of data a bulletin can meet: nothing reported yet, falls below zero, a single
  /// category, a long monthly series.
  static let edgeCases: [ChartSpec] = [
    ChartSpec(
      id: "edge-all-absent", kind: .verticalBar, title: "全部缺失", source: "测试",
      categories: ["西湖区", "东湖区", "新建区"], series: [Series(name: "信访总量", values: [nil, nil, nil])],
      valueAxis: ValueAxis(unit: "件")),
    ChartSpec(
      id: "edge-negative", kind: .verticalBar, title: "各县区信访总量同比增长", source: "测试",
      categories: Array(districts.prefix(8)),
      series: [Series(name: "同比增长", values: [-12.4, 3.1, -0.4, 18.9, -25.0, 0, 7.5, -3.3])],
      valueAxis: ValueAxis(unit: "%"), referenceLines: [ReferenceLine(value: 2.1, label: "全市 2.1%")]),
    ChartSpec(
      id: "edge-one-category", kind: .horizontalBar, title: "全市完成率", source: "测试",
      categories: ["全市"], series: [Series(name: "完成率", values: [87.0])], valueAxis: ValueAxis(unit: "%"),
      referenceLines: [ReferenceLine(value: 83.3, label: "序时进度 83.3%")]),
    ChartSpec(
      id: "edge-30-months", kind: .line, title: "近30个月走势", source: "测试",
      categories: (0..<30).map { "\(2022 + ($0 + 4) / 12)年\(($0 + 4) % 12 + 1)月" },
      series: [Series(name: "信访总量", values: (0..<30).map { $0 == 17 ? nil : 800 + Double(($0 * 37) % 300) })],
      valueAxis: ValueAxis(unit: "件")),
    longDistrict(length: 120),
    {
      var spec = ranking
      spec.id = "edge-long-latin-ranking"
      spec.categories[2] = String(repeating: "Jiangchuan Economic Development Zone ", count: 3)
      spec.categories[5] = String(repeating: "Xinjiangchuan", count: 8)
      return spec
    }(),
    ChartSpec(
      id: "edge-empty-composition", kind: .composition, title: "信访事项分类构成", subtitle: "2024年10月",
      source: "市信访局", categories: [], series: [Series(name: "占比", values: [], labels: [])],
      valueAxis: ValueAxis(unit: "%")),
  ]

  /// The district chart with one district's name `length` characters long.
  static func longDistrict(length: Int) -> ChartSpec {
    var spec = combo
    spec.id = "edge-long-district-\(length)"
    spec.categories[3] = String(repeating: "江川经济技术开发区高新产业园", count: 20).prefix(length).description
    return spec
  }

  static let all = [trend, trend13, ranking, combo, composition, insurance, insuranceGrowth, donut]
}

extension ChartSpec: CustomTestStringConvertible {
  public var testDescription: String { id }
}
