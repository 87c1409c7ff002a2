import Tables

/// The kind of a county-level division (区, 县, 县级市).
public enum DistrictKind: Sendable {
  case district, county, countyLevelCity
}

/// One leaf region of the fictional city, with the traits that drive its generated figures.
public struct SampleDistrict: Sendable {
  public let code: String
  public let name: String
  /// The short name used as an alias (`临江` for `临江区`).
  public let shortName: String
  public let kind: DistrictKind
  /// Resident population (常住人口).
  public let population: Int
  /// Display order among the city's districts (排序).
  public let order: Int
  /// 0 for a rural mountain county … 1 for the central urban district.
  public let urbanization: Double
  /// Petitions per resident relative to the city average (1 = average).
  public let petitionIntensity: Double
  /// Yearly growth factor of petition volume (1.04 = +4 % a year).
  public let petitionGrowth: Double
  /// Yearly growth factor of employment flows and employee insurance.
  public let jobGrowth: Double
  /// Registered unemployment rate (a fraction) around which the district moves.
  public let unemploymentRate: Double
  /// Coverage of 城乡居民基本医疗保险 (insured / eligible) around which the district moves.
  public let medicalCoverage: Double

  /// Other names by which files refer to the district: the short name and its government.
  public var aliases: [String] { [shortName, name + "人民政府"] }
}

/// The fictional prefecture-level city 江川市 and its ten county-level divisions.
public struct SampleCity: Sendable {
  public let code: String
  public let name: String
  public let shortName: String
  /// The leaf regions, in display order.
  public let districts: [SampleDistrict]

  /// Sum of the districts' populations.
  public var population: Int { districts.reduce(0) { $0 + $1.population } }

  /// The root's aliases.
  public var aliases: [String] { [shortName, name + "人民政府"] }

  /// The region table as `regions.csv` states it: the root first, then the districts by code.
  public var regions: [Region] {
    let root = Region(
      code: code, name: name, parentCode: nil, aliases: aliases, population: Int64(population))
    let leaves = districts.sorted { $0.code < $1.code }.map {
      Region(
        code: $0.code, name: $0.name, parentCode: code, aliases: $0.aliases,
        population: Int64($0.population), order: $0.order)
    }
    return [root] + leaves
  }

  /// 江川市 (code 361500): four urban districts, one county-level city and five counties.
  public static let jiangchuan = SampleCity(
    code: "361500", name: "江川市", shortName: "江川",
    districts: [
      district("361502", "临江区", "临江", .district, 1_186_400, 1, 1.00, 1.10, 1.03, 1.035, 0.031, 0.962),
      district("361503", "西湖区", "西湖", .district, 862_300, 2, 0.95, 0.95, 1.02, 1.030, 0.028, 0.968),
      district("361504", "北山区", "北山", .district, 534_700, 3, 0.85, 1.00, 1.05, 1.030, 0.033, 0.958),
      district("361505", "江东区", "江东", .district, 318_900, 4, 0.80, 1.45, 1.09, 1.060, 0.029, 0.944),
      district("361581", "瑞江市", "瑞江", .countyLevelCity, 741_200, 5, 0.60, 0.95, 1.03, 1.030, 0.034, 0.966),
      district("361521", "清河县", "清河", .county, 486_500, 6, 0.35, 0.90, 1.02, 1.025, 0.032, 0.971),
      district("361522", "石门县", "石门", .county, 392_800, 7, 0.30, 1.05, 1.04, 1.020, 0.036, 0.957),
      district("361523", "安平县", "安平", .county, 275_600, 8, 0.28, 0.85, 0.99, 1.025, 0.030, 0.974),
      district("361524", "永丰县", "永丰", .county, 203_400, 9, 0.25, 0.90, 1.01, 1.020, 0.035, 0.969),
      district("361525", "南岭县", "南岭", .county, 68_900, 10, 0.15, 0.80, 0.97, 1.010, 0.039, 0.976),
    ])

  private static func district(
    _ code: String, _ name: String, _ shortName: String, _ kind: DistrictKind, _ population: Int,
    _ order: Int, _ urbanization: Double, _ petitionIntensity: Double, _ petitionGrowth: Double,
    _ jobGrowth: Double, _ unemploymentRate: Double, _ medicalCoverage: Double
  ) -> SampleDistrict {
    SampleDistrict(
      code: code, name: name, shortName: shortName, kind: kind, population: population,
      order: order, urbanization: urbanization, petitionIntensity: petitionIntensity,
      petitionGrowth: petitionGrowth, jobGrowth: jobGrowth, unemploymentRate: unemploymentRate,
      medicalCoverage: medicalCoverage)
  }
}
