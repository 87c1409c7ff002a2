import Foundation
import Tables

/// The level and movement of one insurance scheme, between a fully urban district and a fully
/// rural county.
struct SchemeProfile {
  /// Share of the population insured at the start of the data, urban and rural.
  let urbanShare: Double
  let ruralShare: Double
  /// Net growth of the insured per year (a fraction, may be negative).
  let growth: Double
  /// Employee schemes grow faster where jobs grow faster and enrol with the hiring season.
  let followsJobs: Bool
  /// New enrolments per month as a fraction of the level.
  let newRate: Double
  /// Contributions per insured person and year, in yuan, urban and rural.
  let urbanContribution: Double
  let ruralContribution: Double
  /// Monthly factors of contributions (sum 12): resident schemes collect in campaigns.
  let contributionSeason: [Double]
  /// Insured / eligible, when the office reports the eligible (应参保人数); nil leaves it empty.
  let coverage: Double?

  static let flat = [Double](repeating: 1, count: 12)

  static func of(_ scheme: Scheme) -> SchemeProfile {
    switch scheme {
    case .pensionEnterprise:
      SchemeProfile(
        urbanShare: 0.40, ruralShare: 0.28, growth: 0.035, followsJobs: true, newRate: 0.009,
        urbanContribution: 15_000, ruralContribution: 11_500,
        contributionSeason: [0.9, 0.9, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1.2], coverage: 0.93)
    case .pensionResident:
      SchemeProfile(
        urbanShare: 0.12, ruralShare: 0.30, growth: -0.004, followsJobs: false, newRate: 0.003,
        urbanContribution: 500, ruralContribution: 300,
        contributionSeason: [0.2, 0.3, 1.5, 2.5, 2.5, 2.0, 1.0, 0.6, 0.4, 0.4, 0.3, 0.3], coverage: 0.97)
    case .medicalEmployee:
      SchemeProfile(
        urbanShare: 0.34, ruralShare: 0.22, growth: 0.03, followsJobs: true, newRate: 0.008,
        urbanContribution: 6_500, ruralContribution: 5_000, contributionSeason: flat, coverage: 0.95)
    case .medicalResident:
      // Coverage comes from the district (`SampleDistrict.medicalCoverage`).
      SchemeProfile(
        urbanShare: 0.55, ruralShare: 0.72, growth: -0.008, followsJobs: false, newRate: 0.0025,
        urbanContribution: 380, ruralContribution: 380,
        contributionSeason: [0.6, 0.2, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 1.8, 3.4, 3.6, 2.1],
        coverage: 0.96)
    case .unemployment:
      SchemeProfile(
        urbanShare: 0.21, ruralShare: 0.13, growth: 0.03, followsJobs: true, newRate: 0.009,
        urbanContribution: 480, ruralContribution: 360, contributionSeason: flat, coverage: nil)
    case .workInjury:
      SchemeProfile(
        urbanShare: 0.23, ruralShare: 0.15, growth: 0.035, followsJobs: true, newRate: 0.010,
        urbanContribution: 260, ruralContribution: 180, contributionSeason: flat, coverage: nil)
    case .maternity:
      SchemeProfile(
        urbanShare: 0.18, ruralShare: 0.10, growth: 0.025, followsJobs: true, newRate: 0.007,
        urbanContribution: 380, ruralContribution: 260, contributionSeason: flat, coverage: nil)
    }
  }
}

/// How enrolment evolves: each district-scheme level starts from a share of the population at
/// the end of Y-3 and moves by new enrolments minus exits, with noise that can make it dip.
/// 城乡居民基本医疗保险 drops each January (people who did not renew) and recovers slowly.
struct InsuranceModel {
  let city: SampleCity
  let options: SampleOptions

  /// Net growth per year of a scheme in a district.
  func growth(_ scheme: Scheme, district: SampleDistrict) -> Double {
    let profile = SchemeProfile.of(scheme)
    return profile.growth + (profile.followsJobs ? district.jobGrowth - 1.03 : 0)
  }

  /// The insured at the end of Y-3 before noise.
  func startLevel(_ scheme: Scheme, district: SampleDistrict) -> Double {
    let profile = SchemeProfile.of(scheme)
    let u = district.urbanization
    return Double(district.population) * (u * profile.urbanShare + (1 - u) * profile.ruralShare)
  }

  /// The expected net increase over `year` (no noise): what the office plans with.
  func expectedNetIncrease(_ scheme: Scheme, district index: Int, year: Int) -> Double {
    let district = city.districts[index]
    let g = growth(scheme, district: district)
    var level = startLevel(scheme, district: district)
    for _ in stride(from: options.year - 2, to: year, by: 1) { level *= 1 + g }
    return level * g
  }

  /// Share of a year's net growth that happens in `month`.
  func netFraction(_ scheme: Scheme, growth g: Double, month: Int) -> Double {
    if scheme == .medicalResident { return month == 1 ? -0.012 : (g + 0.012) / 11 }
    let season = SchemeProfile.of(scheme).followsJobs ? EmploymentModel.jobSeason[month - 1] : 1
    return g / 12 * season
  }
}

/// Writes `社保/参保月报.csv`: one row per district, month and scheme (all seven schemes),
/// January of Y-2 through month M of Y. Months are written `202403`, as social-insurance
/// systems export them.
struct InsuranceWriter {
  static let path = "社保/参保月报.csv"
  static let header = ["统计月份", "区县", "险种", "参保人数", "新增参保人数", "征缴收入(万元)", "应参保人数"]

  let city: SampleCity
  let options: SampleOptions

  func write(into directory: URL) throws -> SampleFile {
    let model = InsuranceModel(city: city, options: options)
    let schemes = Scheme.allCases
    var random = SampleRandom(seed: options.seed, stream: SampleRandom.stream("insurance"))
    // State per district and scheme: the insured at the end of the previous month, the eligible.
    var levels = city.districts.map { district in
      schemes.map { model.startLevel($0, district: district) * (1 + 0.01 * random.normal()) }
    }
    var eligible = levels.map { $0.map { _ in 0.0 } }
    let writer = try CSVFileWriter(directory: directory, path: InsuranceWriter.path)
    try writer.writeHeader(InsuranceWriter.header)
    for month in options.months {
      let monthCell = String(month.year * 100 + month.month)
      for (d, district) in city.districts.enumerated() {
        for (s, scheme) in schemes.enumerated() {
          let profile = SchemeProfile.of(scheme)
          let g = model.growth(scheme, district: district)
          let previous = levels[d][s].rounded()
          if month.month == 1, let coverage = profile.coverage {  // set once a year
            let target = scheme == .medicalResident ? district.medicalCoverage : coverage
            eligible[d][s] = (previous * (1 + g) / target * (1 + 0.003 * random.normal())).rounded()
          }
          let drift = previous * model.netFraction(scheme, growth: g, month: month.month)
          let net = (drift + previous * 0.0012 * random.normal()).rounded()  // may dip
          let season = profile.followsJobs ? EmploymentModel.jobSeason[month.month - 1] : 1
          let enrolled = (previous * profile.newRate * season * (1 + 0.1 * random.normal())).rounded()
          let level = max(0, previous + net)
          levels[d][s] = level
          let u = district.urbanization
          let perYear = u * profile.urbanContribution + (1 - u) * profile.ruralContribution
          let contributionSeason = profile.contributionSeason[month.month - 1]
          let spread =
            profile.contributionSeason == SchemeProfile.flat ? 0.04 : 0.08 * contributionSeason + 0.02
          let factor = contributionSeason + spread * random.normal()
          // yuan / 10,000 = 万元; × 100 = hundredths of 万元
          let hundredths = Int((level * perYear / 12 * factor / 100).rounded())
          try writer.writeRow([
            monthCell, district.name, scheme.chineseName, String(Int(level)),
            String(Int(max(enrolled, net, 0))), Self.hundredths(hundredths),
            profile.coverage == nil ? "" : String(Int(eligible[d][s])),
          ])
        }
      }
    }
    return try writer.close()
  }

  /// `-12.05` from -1205.
  static func hundredths(_ value: Int) -> String {
    let cents = value.magnitude % 100
    return (value < 0 ? "-" : "") + "\(value.magnitude / 100)." + (cents < 10 ? "0" : "") + "\(cents)"
  }
}
