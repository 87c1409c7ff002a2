import Tables

/// One petition item as it eventually turns out. An export shows only what had happened by
/// its as-of date: later acceptance, closure and evaluation are left empty there.
struct PetitionItem {
  /// Sequence number within the year of 登记日期, in order of registration.
  var serial: Int
  var month: Int
  /// 登记日期, as `Day.number`.
  var received: Int
  /// Index into `SampleCity.districts`.
  var district: Int
  var channel: PetitionChannel
  /// Index into `PetitionModel.categories`.
  var category: Int
  var persons: Int
  var level: PetitionLevel
  var isRepeat: Bool
  /// Day numbers of acceptance, closure and of the petitioner's evaluation; nil = never.
  var accepted: Int?
  var closed: Int?
  var evaluated: Int?
  /// The evaluation given on `evaluated`; `.notEvaluated` when none is ever given.
  var satisfaction: Satisfaction
  // How the registering system wrote the optional cells of this row.
  var regionByAlias: Bool
  var personsBlank: Bool
  var levelBlank: Bool
  var repeatBlank: Bool
}

/// How petition items arise: volume by district, season and weekday; the mix of channels,
/// categories, persons, escalation and repeats; and how long acceptance and closure take.
struct PetitionModel {
  /// 问题类别 with relative weights in a fully urban and a fully rural district.
  static let categories: [(name: String, urban: Double, rural: Double)] = [
    ("城乡建设", 24, 14), ("劳动和社会保障", 16, 12), ("国土资源", 7, 14), ("农村农业", 3, 14),
    ("政法", 9, 8), ("卫生健康", 6, 5), ("教育文化", 6, 5), ("民政", 5, 6), ("环境保护", 5, 5),
    ("交通运输", 4, 4), ("纪检监察", 4, 5), ("商贸旅游", 3, 2), ("企业改制", 3, 2),
    ("组织人事", 2, 2), ("其他", 3, 2),
  ]
  /// Group visits (集体访) are mostly about wages, demolition, restructuring and land.
  static let groupVisitCategories: [String: Double] = [
    "劳动和社会保障": 30, "城乡建设": 25, "企业改制": 15, "农村农业": 12, "国土资源": 10,
    "环境保护": 5, "民政": 3,
  ]
  /// Channel shares (信访形式).
  static let channelShares: [PetitionChannel: Double] = [
    .letter: 0.20, .visit: 0.25, .online: 0.45, .phone: 0.10,
  ]
  static let provinceShare = 0.030
  static let beijingShare = 0.007
  static let repeatShare = 0.12
  /// Monthly volume factors (sum 12): the Spring Festival dip, the year-end wage rush.
  static let season: [Double] = [0.95, 0.70, 1.10, 1.00, 1.00, 1.05, 1.05, 1.00, 1.00, 0.90, 1.05, 1.20]

  /// Days from registration to acceptance: (cumulative probability, days). Over 15 is late.
  static let acceptanceDelays: [(Double, ClosedRange<Int>)] = [
    (0.10, 0...0), (0.70, 1...5), (0.92, 6...10), (0.97, 11...15), (1, 16...35),
  ]
  /// Days from acceptance to closure: (cumulative probability, days). Over 60 is late.
  static let closureDurations: [(Double, ClosedRange<Int>)] = [
    (0.05, 5...19), (0.93, 20...55), (0.97, 56...60), (1, 61...120),
  ]
  /// Evaluations in `Satisfaction.allCases` order; repeat petitioners are harder to satisfy.
  static let evaluations = WeightedChoice([60, 24, 8, 8])
  static let repeatEvaluations = WeightedChoice([40, 28, 20, 12])

  static func days(_ table: [(Double, ClosedRange<Int>)], _ random: inout SampleRandom) -> Int {
    let u = random.unit()
    var index = 0
    while index < table.count - 1 && u >= table[index].0 { index += 1 }
    return random.int(in: table[index].1)
  }

  let city: SampleCity
  let options: SampleOptions
  private let channels: WeightedChoice
  private let categoryByDistrict: [WeightedChoice]
  private let groupCategory: WeightedChoice
  private let groupCategoryIndex: [Int]
  /// Each district's share of the city's petitions.
  private let shares: [Double]

  init(city: SampleCity, options: SampleOptions) {
    self.city = city
    self.options = options
    channels = WeightedChoice(PetitionChannel.allCases.map { PetitionModel.channelShares[$0]! })
    categoryByDistrict = city.districts.map { district in
      let u = district.urbanization
      return WeightedChoice(PetitionModel.categories.map { u * $0.urban + (1 - u) * $0.rural })
    }
    let names = PetitionModel.categories.map(\.name)
    let group = PetitionModel.groupVisitCategories.sorted { $0.key < $1.key }
    groupCategory = WeightedChoice(group.map(\.value))
    groupCategoryIndex = group.map { names.firstIndex(of: $0.key)! }
    let weights = city.districts.map { Double($0.population) * $0.petitionIntensity }
    let total = weights.reduce(0, +)
    shares = weights.map { $0 / total }
  }

  /// Expected items of `district` in a full `year`: the base volume in year Y-1, grown or shrunk.
  func expectedYearVolume(district: Int, year: Int) -> Double {
    var volume = Double(options.petitionsPerYear) * shares[district]
    let growth = city.districts[district].petitionGrowth
    let base = options.year - 1
    for _ in stride(from: base, to: year, by: 1) { volume *= growth }
    for _ in stride(from: year, to: base, by: 1) { volume /= growth }
    return volume
  }

  /// Calls `body` with every item received from January through `lastMonth` of `year`, in
  /// order of registration. The items of a year do not depend on `lastMonth` or on other years.
  func generate(year: Int, through lastMonth: Int, _ body: (PetitionItem) throws -> Void) rethrows {
    guard lastMonth >= 1 else { return }
    var random = SampleRandom(seed: options.seed, stream: SampleRandom.stream("petitions", year))
    let yearVolumes = city.districts.indices.map { expectedYearVolume(district: $0, year: year) }
    var serial = 0
    for month in 1...lastMonth {
      let yearMonth = YearMonth(year: year, month: month)!
      let first = yearMonth.firstDay.number
      let days = WeightedChoice((0..<yearMonth.dayCount).map { dayWeight(first + $0) })
      var districtsByDay = [[Int]](repeating: [], count: yearMonth.dayCount)
      for district in city.districts.indices {
        let mean = yearVolumes[district] * PetitionModel.season[month - 1] / 12
        for _ in 0..<random.count(mean: mean, relativeNoise: 0.06) {
          districtsByDay[days.pick(&random)].append(district)
        }
      }
      for (offset, var districts) in districtsByDay.enumerated() {
        random.shuffle(&districts)
        for district in districts {
          serial += 1
          try body(
            item(serial: serial, month: month, received: first + offset, district: district, &random))
        }
      }
    }
  }

  /// Registrations per day relative to a working day: weekends and public holidays are quiet.
  private func dayWeight(_ dayNumber: Int) -> Double {
    let c = Day(number: dayNumber).components
    if (c.month == 10 && c.day <= 7) || (c.month == 1 && c.day == 1) { return 0.3 }
    switch (dayNumber + 3) % 7 {  // 1970-01-01 was a Thursday; 0 = Monday
    case 5: return 0.45
    case 6: return 0.35
    default: return 1
    }
  }

  private func item(
    serial: Int, month: Int, received: Int, district: Int, _ random: inout SampleRandom
  ) -> PetitionItem {
    let channel = PetitionChannel.allCases[channels.pick(&random)]
    var persons = 1
    var isGroup = false
    switch channel {
    case .visit:
      let r = random.unit()
      if r >= 0.955 {
        let u = random.unit()
        persons = 5 + Int(u * u * u * 56)  // 5…60, mostly small groups
        isGroup = true
      } else if r >= 0.72 {
        persons = random.int(in: 2...4)
      }
    case .letter:
      if random.chance(0.05) { persons = random.int(in: 2...6) }  // 联名信
    case .online, .phone:
      break
    }
    let category =
      isGroup
      ? groupCategoryIndex[groupCategory.pick(&random)]
      : categoryByDistrict[district].pick(&random)
    let escalation = random.unit()
    var level = PetitionLevel.local
    if escalation < PetitionModel.beijingShare {
      level = .beijing
    } else if escalation < PetitionModel.beijingShare + PetitionModel.provinceShare {
      level = .province
    }
    let isRepeat = random.chance(PetitionModel.repeatShare)

    var accepted: Int?
    var closed: Int?
    var evaluated: Int?
    var satisfaction = Satisfaction.notEvaluated
    if !random.chance(0.002) {
      accepted = received + PetitionModel.days(PetitionModel.acceptanceDelays, &random)
    }
    if let accepted, !random.chance(0.005) {
      let closing = accepted + PetitionModel.days(PetitionModel.closureDurations, &random)
      closed = closing
      evaluated = closing + random.int(in: 0...15)
      let evaluations = isRepeat ? PetitionModel.repeatEvaluations : PetitionModel.evaluations
      satisfaction = Satisfaction.allCases[evaluations.pick(&random)]
    }
    return PetitionItem(
      serial: serial, month: month, received: received, district: district, channel: channel,
      category: category, persons: persons, level: level, isRepeat: isRepeat, accepted: accepted,
      closed: closed, evaluated: evaluated, satisfaction: satisfaction,
      regionByAlias: random.chance(0.04),
      personsBlank: persons == 1 && channel != .visit && random.chance(0.4),
      levelBlank: level == .local && random.chance(0.85),
      repeatBlank: !isRepeat && random.chance(0.05))
  }
}
