import Tables

/// Reads aggregated inputs for the engine: leaf values of the region-month tables, counts from
/// the petition cube, timeliness cohorts, populations, and their sums over regions and months.
///
/// Each petition filter is evaluated once over the cube (cost proportional to the number of
/// distinct cells, never to the number of raw records) and memoised per leaf and month.
final class DataAccess {
  let tables: DataTables
  private var leavesCache: [String: [String]] = [:]
  private var petitionCache: [PetitionKey: [String: [Int: Int]]] = [:]
  private var timelinessCache: [TimelinessKey: [String: [Int: (Int, Int)]]] = [:]
  private let employmentColumns: Set<EmploymentField>
  private let insuranceColumns: [Scheme: Set<InsuranceField>]

  private struct PetitionKey: Hashable {
    let count: PetitionCount
    let filter: PetitionFilter
  }

  private struct TimelinessKey: Hashable {
    let clock: TimelinessClock
    let limit: Int
    let judgedAt: Day
  }

  init(tables: DataTables) {
    self.tables = tables
    var employment = Set<EmploymentField>()
    for row in tables.employment?.rows.values ?? [:].values { employment.formUnion(row.keys) }
    employmentColumns = employment
    var insurance: [Scheme: Set<InsuranceField>] = [:]
    for (key, row) in tables.insurance?.rows ?? [:] {
      if let scheme = key.scheme { insurance[scheme, default: []].formUnion(row.keys) }
    }
    insuranceColumns = insurance
  }

  /// What a `DataAccess` on another thread starts from: everything this one derived from the
  /// tables once (the flattened petition cube, the columns present), none of its memos.
  struct Seed: Sendable {
    fileprivate let tables: DataTables
    fileprivate let flatCube: FlatCube
    fileprivate let employmentColumns: Set<EmploymentField>
    fileprivate let insuranceColumns: [Scheme: Set<InsuranceField>]
  }

  /// This reader's seed (flattens the petition cube now if it has not been).
  var seed: Seed {
    Seed(
      tables: tables, flatCube: flatCube, employmentColumns: employmentColumns,
      insuranceColumns: insuranceColumns)
  }

  init(seed: Seed) {
    tables = seed.tables
    employmentColumns = seed.employmentColumns
    insuranceColumns = seed.insuranceColumns
    flatCube = seed.flatCube
  }

  func leaves(under code: String) -> [String] {
    if let cached = leavesCache[code] { return cached }
    let leaves = tables.regions.leaves(under: code)
    leavesCache[code] = leaves
    return leaves
  }

  // MARK: Region-month tables

  private func tableValue<Field>(
    _ table: RegionMonthTable<Field>?, _ dataset: Dataset, _ field: Field, fieldName: String,
    columnExists: Bool, key: RegionMonthKey
  ) -> Val {
    guard let table else { return .absent(.notInData, []) }
    if let row = table.rows[key] {
      if let value = row[field] { return .num(Rational(value)) }
      return columnExists
        ? .missing(.cell(dataset, field: fieldName, key))
        : .missing(.column(dataset, field: fieldName, scheme: key.scheme))
    }
    if table.missing.contains(key) { return .missing(.gap(dataset, key)) }
    return .absent(.notInData, [])
  }

  /// The sum over the leaves under `region` and over `months` (a flow over a span, or with one
  /// month a month-end level). Absent if any leaf-month is absent.
  func total(_ operand: Operand, region: String, months: [YearMonth]) -> Val {
    switch operand {
    case .population:
      return population(of: region)
    case .petitions(let count, let filter):
      // The filter's counts are looked up once, not per leaf and month; counts are never absent.
      let counts = petitionCounts(count, filter)
      var sum = 0
      for leaf in leaves(under: region) {
        guard let byMonth = counts[leaf] else { continue }
        for month in months { sum += byMonth[month.ordinal] ?? 0 }
      }
      return .num(Rational(sum))
    case .employment(let fields):
      return regionMonthTotal(
        tables.employment, .employment, fields, scheme: nil, columnExists: employmentColumns.contains,
        leaves: leaves(under: region), months: months)
    case .insurance(let fields, let scheme):
      let columns = insuranceColumns[scheme] ?? []
      return regionMonthTotal(
        tables.insurance, .insurance, fields, scheme: scheme, columnExists: columns.contains,
        leaves: leaves(under: region), months: months)
    }
  }

  /// The sum of `fields` of a region-month table over `leaves` and `months`. When every
  /// leaf-month has every field, the values are added as fixed-point decimals (one exact
  /// `Rational` at the end instead of one per value); otherwise each value is looked at, so that
  /// the absent total names every missing input.
  private func regionMonthTotal<Field: RawRepresentable>(
    _ table: RegionMonthTable<Field>?, _ dataset: Dataset, _ fields: [Field], scheme: Scheme?,
    columnExists: (Field) -> Bool, leaves: [String], months: [YearMonth]
  ) -> Val where Field.RawValue == String {
    if let table {
      var scaled: Int128 = 0
      var complete = true
      search: for leaf in leaves {
        for month in months {
          guard let row = table.rows[RegionMonthKey(regionCode: leaf, month: month, scheme: scheme)] else {
            complete = false
            break search
          }
          for field in fields {
            guard let value = row[field] else {
              complete = false
              break search
            }
            scaled += Int128(value.scaled)
          }
        }
      }
      if complete { return .num(Rational(scaled, Int128(FixedPoint.scale))) }
    }
    var values: [Val] = []
    for leaf in leaves {
      for month in months {
        let key = RegionMonthKey(regionCode: leaf, month: month, scheme: scheme)
        values.append(
          Val.sum(
            fields.map {
              tableValue(table, dataset, $0, fieldName: $0.rawValue, columnExists: columnExists($0), key: key)
            }))
      }
    }
    return Val.sum(values)
  }

  /// 常住人口 of a region (its own, or the sum of its children's when all have one).
  func population(of region: String) -> Val {
    guard let population = tables.regions.population(of: region) else {
      return .missing(.population(regionCode: region))
    }
    return .num(Rational(Int128(population)))
  }

  // MARK: Petitions

  /// The cube's cells as integers, built once: region as an index into `regions`, month as an
  /// offset from `firstMonth`, and the coded dimensions (channel, level, repeat, persons,
  /// satisfaction) as an index into `shapes`. A filter is then decided once per shape and per
  /// category, and sums into a dense region × month grid: no hashing and no `String` per cell.
  fileprivate struct FlatCube {
    var regions: [String] = []
    var firstMonth = 0
    var months = 0
    /// One representative cell per distinct combination of the coded dimensions.
    var shapes: [PetitionCell] = []
    var cells: [FlatCell] = []
  }

  fileprivate struct FlatCell {
    let region: Int32
    let month: Int32
    let shape: Int32
    let category: Int32
    let items: Int
    let persons: Int
  }

  private lazy var flatCube: FlatCube = {
    var cube = FlatCube()
    guard let table = tables.petitions, !table.counts.isEmpty else { return cube }
    let counts = table.counts
    var shapeIndex: [UInt64: Int32] = [:]
    let ordinals = counts.entries.map(\.month)
    cube.firstMonth = Int(ordinals.min()!)
    cube.months = Int(ordinals.max()!) - cube.firstMonth + 1
    cube.regions = counts.regionCodes
    cube.cells.reserveCapacity(counts.count)
    for entry in counts.entries {
      let key = Self.shapeKey(entry)
      let shape: Int32
      if let known = shapeIndex[key] {
        shape = known
      } else {
        shape = Int32(cube.shapes.count)
        shapeIndex[key] = shape
        cube.shapes.append(counts.cell(entry))
      }
      cube.cells.append(
        FlatCell(
          region: entry.region, month: entry.month - Int32(cube.firstMonth), shape: shape,
          category: entry.category, items: entry.count, persons: Int(entry.persons)))
    }
    return cube
  }()

  /// The coded dimensions of a cell (what `PetitionCondition`s other than category look at) as
  /// one integer: persons above the four coded values' case indices.
  private static func shapeKey(_ entry: PetitionCounts.Entry) -> UInt64 {
    func index<Code: CaseIterable & Equatable>(_ code: Code) -> UInt64 {
      UInt64(Code.allCases.distance(from: Code.allCases.startIndex, to: Code.allCases.firstIndex(of: code)!))
    }
    return UInt64(UInt32(bitPattern: entry.persons)) << 8 | index(entry.channel) | index(entry.level) << 2
      | index(entry.satisfaction) << 4 | (entry.isRepeat ? 1 << 6 : 0)
  }

  private func petitionCounts(_ count: PetitionCount, _ filter: PetitionFilter) -> [String: [Int: Int]] {
    let key = PetitionKey(count: count, filter: filter)
    if let cached = petitionCache[key] { return cached }
    var result: [String: [Int: Int]] = [:]
    if let table = tables.petitions {
      let categoryConditions = filter.conditions.filter {
        if case .category = $0 { return true }
        return false
      }
      let shapeFilter = PetitionFilter(
        conditions: filter.conditions.filter { !categoryConditions.contains($0) })
      let categoryFilter = PetitionFilter(conditions: categoryConditions)
      let categoryAllowed = table.categories.map(categoryFilter.matchesCategory)
      let unknownAllowed = categoryFilter.matchesCategory("")
      let cube = flatCube
      let shapeAllowed = cube.shapes.map { shapeFilter.matches($0, categoryName: "") }
      var sums = [Int](repeating: 0, count: cube.regions.count * cube.months)
      var counted = [Bool](repeating: false, count: sums.count)
      for cell in cube.cells where shapeAllowed[Int(cell.shape)] {
        let category = Int(cell.category)
        guard categoryAllowed.indices.contains(category) ? categoryAllowed[category] : unknownAllowed else {
          continue
        }
        let slot = Int(cell.region) * cube.months + Int(cell.month)
        sums[slot] += count == .items ? cell.items : cell.items * cell.persons
        counted[slot] = true
      }
      for (region, code) in cube.regions.enumerated() {
        var byMonth: [Int: Int] = [:]
        for month in 0..<cube.months where counted[region * cube.months + month] {
          byMonth[cube.firstMonth + month] = sums[region * cube.months + month]
        }
        if !byMonth.isEmpty { result[code] = byMonth }
      }
    }
    petitionCache[key] = result
    return result
  }

  /// Categories with at least one item in `months` under `region`.
  func categories(under region: String, from first: YearMonth, to last: YearMonth) -> [String] {
    guard let table = tables.petitions else { return [] }
    let leafSet = Set(leaves(under: region))
    let counts = table.counts
    let isUnder = counts.regionCodes.map(leafSet.contains)
    let (firstOrdinal, lastOrdinal) = (Int32(first.ordinal), Int32(last.ordinal))
    var used = Set<Int>()
    for entry in counts.entries
    where entry.count > 0 && entry.month >= firstOrdinal && entry.month <= lastOrdinal
      && isUnder[Int(entry.region)]
    {
      used.insert(Int(entry.category))
    }
    return Set(used.compactMap { table.categories.indices.contains($0) ? table.categories[$0] : nil })
      .sorted(by: codePointOrder)
  }

  /// Numerator and denominator of a timeliness rate for the items received in `months` under
  /// `region`, judged at `judgedAt` (spec §4):
  ///
  /// - an acceptance or closure dated after `judgedAt` has not happened yet;
  /// - acceptance: numerator = accepted with accepted − received <= limit; denominator = accepted,
  ///   plus not accepted with received + limit < judgedAt (overdue counts against);
  /// - closure: start = accepted (if accepted by `judgedAt`) else received; numerator = closed
  ///   with closed − start <= limit; denominator = closed, plus not closed with
  ///   start + limit < judgedAt.
  ///
  /// Items received after `judgedAt` are in neither.
  func timeliness(
    _ clock: TimelinessClock, limit: Int, region: String, months: [YearMonth], judgedAt: Day
  ) -> (numerator: Val, denominator: Val) {
    let counts = timelinessCounts(clock, limit: limit, judgedAt: judgedAt)
    var numerator = 0
    var denominator = 0
    for leaf in leaves(under: region) {
      guard let byMonth = counts[leaf] else { continue }
      for month in months {
        if let (n, d) = byMonth[month.ordinal] {
          numerator += n
          denominator += d
        }
      }
    }
    return (.num(Rational(numerator)), .num(Rational(denominator)))
  }

  private func timelinessCounts(_ clock: TimelinessClock, limit: Int, judgedAt: Day) -> [String: [Int: (
    Int, Int
  )]] {
    let key = TimelinessKey(clock: clock, limit: limit, judgedAt: judgedAt)
    if let cached = timelinessCache[key] { return cached }
    guard let timelines = tables.petitions?.timelines else { return [:] }
    let day = judgedAt.number
    // Counted per region index and received month, then keyed by code once at the end. The
    // loader's entries come sorted by region and date, so runs of one region-month are summed
    // locally and stored once.
    var byRegion = [[Int: (Int, Int)]](repeating: [:], count: timelines.regionCodes.count)
    var lastReceived = Int32.min
    var month = 0
    var run = (region: -1, month: 0, numerator: 0, denominator: 0)
    func flush() {
      guard run.region >= 0 else { return }
      let sums = byRegion[run.region][run.month, default: (0, 0)]
      byRegion[run.region][run.month] = (sums.0 + run.numerator, sums.1 + run.denominator)
    }
    for entry in timelines.entries {
      if entry.received != lastReceived {
        lastReceived = entry.received
        month = Day(number: Int(entry.received)).yearMonth.ordinal
      }
      if Int(entry.region) != run.region || month != run.month {
        flush()
        run = (Int(entry.region), month, 0, 0)
      }
      let count = Int(entry.count)
      let received = Int(entry.received)
      let accepted: Int? =
        entry.accepted != PetitionTimelines.Entry.noDate && Int(entry.accepted) <= day
        ? Int(entry.accepted) : nil
      switch clock {
      case .acceptance:
        if let accepted {
          run.denominator += count
          if accepted - received <= limit { run.numerator += count }
        } else if received + limit < day {
          run.denominator += count
        }
      case .closure:
        let start = accepted ?? received
        let closed: Int? =
          entry.closed != PetitionTimelines.Entry.noDate && Int(entry.closed) <= day ? Int(entry.closed) : nil
        if let closed {
          run.denominator += count
          if closed - start <= limit { run.numerator += count }
        } else if start + limit < day {
          run.denominator += count
        }
      }
    }
    flush()
    var result: [String: [Int: (Int, Int)]] = [:]
    for (region, byMonth) in byRegion.enumerated() where !byMonth.isEmpty {
      result[timelines.regionCodes[region], default: [:]].merge(byMonth) { ($0.0 + $1.0, $0.1 + $1.1) }
    }
    timelinessCache[key] = result
    return result
  }

  /// Schemes with rows (or allowed gaps) in the insurance data, in the data contract's order.
  var schemesPresent: [Scheme] {
    guard let insurance = tables.insurance else { return [] }
    let present = Set(insurance.rows.keys.compactMap(\.scheme)).union(insurance.missing.compactMap(\.scheme))
    return Scheme.allCases.filter(present.contains)
  }
}
