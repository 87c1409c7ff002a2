import Tables

/// Numbers footnotes in order of first use and writes their Chinese text. Missing inputs are
/// grouped (one note per dataset, scheme and column) so that a report has a handful of notes, not
/// one per region-month. Inputs missing only from trend series get notes of their own (numbered
/// after the tables' notes), so that a table's note lists exactly the gaps behind its figures.
final class FootnoteBuilder {
  private enum Kind: Hashable {
    case gap(Dataset, Scheme?)
    case cell(Dataset, String, Scheme?)
    case column(Dataset, String, Scheme?)
    case population
    /// No petition item at all was received in the month (an export left out, most likely).
    case noPetitions(YearMonth)
  }

  private struct Group: Hashable {
    let kind: Kind
    let forSeries: Bool
  }

  private let tree: RegionTree
  private var order: [Group] = []
  private var numbers: [Group: Int] = [:]
  private var places: [Group: Set<RegionMonthKey>] = [:]
  private var regionsWithoutPopulation = Set<String>()

  init(tree: RegionTree) { self.tree = tree }

  /// Registers the inputs and returns the sorted footnote numbers that explain them.
  func numbers(for inputs: Set<MissingInput>, forSeries: Bool = false) -> [Int] {
    guard !inputs.isEmpty else { return [] }
    var result = Set<Int>()
    for input in inputs {
      let group: Group
      switch input {
      case .gap(let dataset, let key):
        group = Group(kind: .gap(dataset, key.scheme), forSeries: forSeries)
        places[group, default: []].insert(key)
      case .cell(let dataset, let field, let key):
        group = Group(kind: .cell(dataset, field, key.scheme), forSeries: forSeries)
        places[group, default: []].insert(key)
      case .column(let dataset, let field, let scheme):
        group = Group(kind: .column(dataset, field, scheme), forSeries: forSeries)
      case .population(let code):
        group = Group(kind: .population, forSeries: forSeries)
        regionsWithoutPopulation.insert(code)
      }
      if numbers[group] == nil {
        order.append(group)
        numbers[group] = order.count
      }
      result.insert(numbers[group]!)
    }
    return result.sorted()
  }

  /// The number of the note that says no petition item was received in `month`.
  func number(forNoPetitionsIn month: YearMonth) -> Int {
    let group = Group(kind: .noPetitions(month), forSeries: false)
    if let number = numbers[group] { return number }
    order.append(group)
    numbers[group] = order.count
    return order.count
  }

  func footnotes() -> [Footnote] {
    order.enumerated().map { offset, group in Footnote(number: offset + 1, text: text(group)) }
  }

  private static let fieldNames: [String: String] = [
    "new_urban_jobs": "城镇新增就业人数", "reemployed": "失业人员再就业人数", "hard_to_employ": "就业困难人员就业人数",
    "rural_transfer": "农村劳动力转移就业人数", "registered_unemployed": "城镇登记失业人数", "urban_employed": "城镇从业人员数",
    "insured": "参保人数", "new_enrolled": "新增参保人数", "contributions": "征缴收入", "eligible": "应参保人数",
  ]

  private static let consequence = "相关合计、增长率等不予计算，以“—”表示，不按零计。"

  private func source(_ dataset: Dataset, _ scheme: Scheme?) -> String {
    dataset.chineseName + "数据" + (scheme.map { "（\($0.chineseName)）" } ?? "")
  }

  private func name(_ code: String) -> String { tree.region(code: code)?.name ?? code }

  private func text(_ group: Group) -> String {
    let prefix = group.forSeries ? "（趋势图）" : ""
    return prefix + body(group)
  }

  private func body(_ group: Group) -> String {
    switch group.kind {
    case .gap(let dataset, let scheme):
      return "\(source(dataset, scheme))缺报：\(list(places[group] ?? []))。" + Self.consequence
    case .cell(let dataset, let field, let scheme):
      let label = Self.fieldNames[field] ?? field
      return "\(source(dataset, scheme))“\(label)”未填报：\(list(places[group] ?? []))。" + Self.consequence
    case .column(let dataset, let field, let scheme):
      let label = Self.fieldNames[field] ?? field
      return "\(source(dataset, scheme))无“\(label)”列，" + Self.consequence
    case .population:
      let codes = tree.regions.map(\.code).filter(regionsWithoutPopulation.contains)
      return "未提供常住人口：\(codes.map(name).joined(separator: "、"))。万人信访量等不予计算，以“—”表示。"
    case .noPetitions(let month):
      return "数据中无\(month.year)年\(month.month)月登记的信访事项（可能漏导出该月数据），该月信访各项数字按实有记录计算，请核实。"
    }
  }

  /// `东区 2024-01至2024-03、2024-08；西区 2024-02`: regions in display order, runs of months joined.
  private func list(_ keys: Set<RegionMonthKey>) -> String {
    var months: [String: [YearMonth]] = [:]
    for key in keys { months[key.regionCode, default: []].append(key.month) }
    let ordered =
      tree.regions.map(\.code).filter { months[$0] != nil }
      + months.keys.filter { tree.region(code: $0) == nil }.sorted()
    return ordered.map { code in
      let sorted = Array(Set(months[code]!)).sorted()
      return name(code) + " " + Self.runs(sorted).joined(separator: "、")
    }.joined(separator: "；")
  }

  private static func runs(_ sorted: [YearMonth]) -> [String] {
    var runs: [String] = []
    var index = 0
    while index < sorted.count {
      var end = index
      while end + 1 < sorted.count && sorted[end + 1].ordinal == sorted[end].ordinal + 1 { end += 1 }
      runs.append(end == index ? "\(sorted[index])" : "\(sorted[index])至\(sorted[end])")
      index = end + 1
    }
    return runs
  }
}
