import Foundation
import Tables

/// Writes `目标/年度目标.csv` (UTF-8 with BOM, as Excel saves it): the annual targets of years
/// Y-1 and Y, set from the models' expected values with a planner's margin. The city's targets
/// are stated on their own (about 98 % of the districts' sum), not summed.
struct TargetsWriter {
  static let path = "目标/年度目标.csv"
  static let header = ["年度", "区县", "指标", "目标值", "方向"]

  let city: SampleCity
  let options: SampleOptions

  func write(into directory: URL) throws -> SampleFile {
    let employment = EmploymentModel(city: city, options: options)
    let insurance = InsuranceModel(city: city, options: options)
    var random = SampleRandom(seed: options.seed, stream: SampleRandom.stream("targets"))
    let writer = try CSVFileWriter(directory: directory, path: TargetsWriter.path, byteOrderMark: true)
    try writer.writeHeader(TargetsWriter.header)
    let districts = city.districts.indices

    for year in options.year - 1...options.year {
      /// One row for the city and one per district: each district's expected value with a margin,
      /// the city's 98 % of the expected sum, all rounded to hundreds.
      func flowTargets(_ indicator: String, direction: String, _ expected: (Int) -> Double) throws {
        let values = districts.map(expected)
        try writer.writeRow([
          String(year), city.name, indicator, String(roundedToHundreds(values.reduce(0, +) * 0.98)),
          direction,
        ])
        for (index, value) in zip(districts, values) {
          let margin = 0.96 + 0.08 * random.unit()
          try writer.writeRow([
            String(year), city.districts[index].name, indicator, String(roundedToHundreds(value * margin)),
            direction,
          ])
        }
      }
      try flowTargets("employment.new_urban_jobs", direction: "不低于") {
        employment.expectedYear(.newUrbanJobs, district: $0, year: year)
      }
      // Written with its Chinese name and no direction (不低于 is the default).
      try flowTargets("失业人员再就业人数", direction: "") {
        employment.expectedYear(.reemployed, district: $0, year: year)
      }
      try writer.writeRow([String(year), city.name, "employment.registered_unemployment_rate", "3.5", "不高于"])
      try flowTargets("insurance.pension_enterprise.net_increase", direction: "不低于") {
        insurance.expectedNetIncrease(.pensionEnterprise, district: $0, year: year)
      }
      let coverage = year == options.year ? "96" : "95"
      for name in [city.name] + city.districts.map(\.name) {
        try writer.writeRow([String(year), name, "insurance.medical_resident.coverage_rate", coverage, "不低于"])
      }
    }
    return try writer.close()
  }

  private func roundedToHundreds(_ value: Double) -> Int {
    Int((value / 100).rounded()) * 100
  }
}
