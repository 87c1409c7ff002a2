/// Whether a measure is summed over months or read at month end.
public enum MeasureKind: String, Sendable {
  /// Summed over time (new jobs, contributions).
  case flow
  /// A month-end level (insured persons, registered unemployed).
  case stock
}

/// The measure columns of the employment dataset (就业).
public enum EmploymentField: String, CaseIterable, Hashable, Sendable {
  case newUrbanJobs = "new_urban_jobs"
  case reemployed
  case hardToEmploy = "hard_to_employ"
  case ruralTransfer = "rural_transfer"
  case registeredUnemployed = "registered_unemployed"
  case urbanEmployed = "urban_employed"

  public var kind: MeasureKind {
    switch self {
    case .newUrbanJobs, .reemployed, .hardToEmploy, .ruralTransfer: .flow
    case .registeredUnemployed, .urbanEmployed: .stock
    }
  }
}

/// Social insurance schemes, in the data contract's order. Schemes are never added together.
public enum Scheme: String, CaseIterable, Hashable, Sendable {
  case pensionEnterprise = "pension_enterprise"
  case pensionResident = "pension_resident"
  case medicalEmployee = "medical_employee"
  case medicalResident = "medical_resident"
  case unemployment
  case workInjury = "work_injury"
  case maternity

  public var chineseName: String {
    switch self {
    case .pensionEnterprise: "企业职工基本养老保险"
    case .pensionResident: "城乡居民基本养老保险"
    case .medicalEmployee: "职工基本医疗保险"
    case .medicalResident: "城乡居民基本医疗保险"
    case .unemployment: "失业保险"
    case .workInjury: "工伤保险"
    case .maternity: "生育保险"
    }
  }
}

/// The measure columns of the insurance dataset (社会保险参保).
public enum InsuranceField: String, CaseIterable, Hashable, Sendable {
  case insured
  case newEnrolled = "new_enrolled"
  case contributions
  case eligible

  public var kind: MeasureKind {
    switch self {
    case .insured, .eligible: .stock
    case .newEnrolled, .contributions: .flow
    }
  }
}

/// A leaf region's month in a region-month dataset; `scheme` is set for insurance only.
public struct RegionMonthKey: Hashable, Sendable, CustomStringConvertible {
  public let regionCode: String
  public let month: YearMonth
  public let scheme: Scheme?

  public init(regionCode: String, month: YearMonth, scheme: Scheme? = nil) {
    self.regionCode = regionCode
    self.month = month
    self.scheme = scheme
  }

  public var description: String {
    "\(regionCode) \(month)" + (scheme.map { " \($0.rawValue)" } ?? "")
  }
}

/// A validated region-month dataset: monthly values (cumulative columns already differenced)
/// per leaf region. A field missing from a row's dictionary is absent, never zero.
public struct RegionMonthTable<Field: Hashable & Sendable>: Sendable {
  public var rows: [RegionMonthKey: [Field: FixedPoint]]
  /// Region-months that are missing and were allowed with `--allow-missing`; figures that need
  /// them are absent and footnoted.
  public var missing: Set<RegionMonthKey>

  public init(rows: [RegionMonthKey: [Field: FixedPoint]] = [:], missing: Set<RegionMonthKey> = []) {
    self.rows = rows
    self.missing = missing
  }

  /// The value of `field` for a leaf region-month, or nil when absent.
  public func value(_ field: Field, _ key: RegionMonthKey) -> FixedPoint? {
    rows[key]?[field]
  }

  /// Months present in the table.
  public var months: Set<YearMonth> { Set(rows.keys.map(\.month)) }
}

public typealias EmploymentTable = RegionMonthTable<EmploymentField>
public typealias InsuranceTable = RegionMonthTable<InsuranceField>

/// Whether a target is a floor (不低于) or a ceiling (不高于).
public enum TargetDirection: String, Sendable {
  case atLeast = "at_least"
  case atMost = "at_most"
}

/// An annual target stated by the office for one region and indicator.
public struct Target: Hashable, Sendable {
  public let year: Int
  public let regionCode: String
  /// The indicator id or Chinese name as written; the engine resolves it against its catalogue.
  public let indicator: String
  /// In the indicator's base unit.
  public let value: FixedPoint
  public let direction: TargetDirection
  public let source: SourceLocation

  public init(
    year: Int, regionCode: String, indicator: String, value: FixedPoint,
    direction: TargetDirection, source: SourceLocation
  ) {
    self.year = year
    self.regionCode = regionCode
    self.indicator = indicator
    self.value = value
    self.direction = direction
    self.source = source
  }
}

/// Everything the loading layer hands to the engine: validated, de-duplicated, aggregated.
public struct DataTables: Sendable {
  public var regions: RegionTree
  /// nil when the data folder holds no petition file.
  public var petitions: PetitionTable?
  public var employment: EmploymentTable?
  public var insurance: InsuranceTable?
  public var targets: [Target]

  public init(
    regions: RegionTree, petitions: PetitionTable? = nil, employment: EmploymentTable? = nil,
    insurance: InsuranceTable? = nil, targets: [Target] = []
  ) {
    self.regions = regions
    self.petitions = petitions
    self.employment = employment
    self.insurance = insurance
    self.targets = targets
  }
}
