import Foundation
import Tables

/// How the employment figures of a district move: yearly volumes that grow with the district,
/// a hiring season (Spring Festival dip, March and July peaks), and a registered unemployment
/// rate that drifts down slowly with a graduate bump in summer.
struct EmploymentModel {
  /// Monthly factors for job flows (sum 12).
  static let jobSeason: [Double] = [0.85, 0.55, 1.35, 1.10, 1.00, 1.05, 1.25, 1.00, 0.95, 0.90, 0.95, 1.05]
  /// Monthly factors for rural labour transfer (sum 12): migrants leave after the Spring Festival.
  static let transferSeason: [Double] = [1.3, 1.8, 1.6, 0.9, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]
  /// Seasonal offset of the registered unemployment rate (a fraction).
  static let unemploymentBump: [Double] = [
    0.0010, 0.0015, 0.0005, 0, -0.0005, 0, 0.0015, 0.0020, 0.0005, -0.0005, -0.0010, -0.0010,
  ]

  let city: SampleCity
  let options: SampleOptions

  /// The expected value of a flow for `district` over a full `year` (no noise): what the
  /// office plans with when it sets targets.
  func expectedYear(_ field: EmploymentField, district index: Int, year: Int) -> Double {
    let district = city.districts[index]
    let population = Double(district.population)
    let u = district.urbanization
    var growth = 1.0
    for _ in stride(from: options.year - 2, to: year, by: 1) { growth *= district.jobGrowth }
    let newJobs = population * (0.006 + 0.009 * u) * growth
    switch field {
    case .newUrbanJobs: return newJobs
    case .reemployed: return newJobs * 0.32
    case .hardToEmploy: return newJobs * 0.09
    case .ruralTransfer: return population * (0.003 + 0.012 * (1 - u)) * growth
    case .registeredUnemployed, .urbanEmployed: return 0
    }
  }
}

/// Writes `就业/就业月报.csv`: one row per district per month, January of Y-2 through month M of Y.
struct EmploymentWriter {
  static let path = "就业/就业月报.csv"
  static let header = [
    "统计月份", "区县", "城镇新增就业人数", "失业人员再就业人数", "就业困难人员就业人数", "农村劳动力转移就业人数",
    "城镇登记失业人数", "城镇从业人员数",
  ]
  static let flows: [EmploymentField] = [.newUrbanJobs, .reemployed, .hardToEmploy, .ruralTransfer]

  let city: SampleCity
  let options: SampleOptions

  func write(into directory: URL) throws -> SampleFile {
    let model = EmploymentModel(city: city, options: options)
    var random = SampleRandom(seed: options.seed, stream: SampleRandom.stream("employment"))
    var rateNoise = [Double](repeating: 0, count: city.districts.count)
    let writer = try CSVFileWriter(directory: directory, path: EmploymentWriter.path)
    try writer.writeHeader(EmploymentWriter.header)
    for (elapsed, month) in options.months.enumerated() {
      for (index, district) in city.districts.enumerated() {
        var cells = [month.description, district.name]
        for field in EmploymentWriter.flows {
          let season =
            field == .ruralTransfer ? EmploymentModel.transferSeason : EmploymentModel.jobSeason
          let mean =
            model.expectedYear(field, district: index, year: month.year) * season[month.month - 1] / 12
          cells.append(String(random.count(mean: mean, relativeNoise: 0.06)))
        }
        let years = Double(elapsed) / 12
        let employedShare = 0.22 + 0.30 * district.urbanization
        let employed =
          Double(district.population) * employedShare * (1 + 0.012 * years) * (1 + 0.002 * random.normal())
        rateNoise[index] = 0.7 * rateNoise[index] + 0.0006 * random.normal()
        let rate =
          district.unemploymentRate - 0.0008 * years + EmploymentModel.unemploymentBump[month.month - 1]
          + rateNoise[index]
        let unemployed = employed * rate / (1 - rate)
        cells.append(String(Int(unemployed.rounded())))
        cells.append(String(Int(employed.rounded())))
        try writer.writeRow(cells)
      }
    }
    return try writer.close()
  }
}
