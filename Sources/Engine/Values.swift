import Tables

/// An input that is missing, recorded so that every figure depending on it can be footnoted.
enum MissingInput: Hashable, Sendable {
  /// A region-month (and scheme) allowed to be missing with `--allow-missing`.
  case gap(Dataset, RegionMonthKey)
  /// An empty cell of a column that the dataset has elsewhere.
  case cell(Dataset, field: String, RegionMonthKey)
  /// A column that the dataset (for insurance: the scheme's rows) does not have at all.
  case column(Dataset, field: String, scheme: Scheme?)
  /// A region without 常住人口.
  case population(regionCode: String)
}

/// A value during computation: a number, or absent with the reason and the missing inputs behind
/// it. Absence is contagious: a sum, difference or ratio with an absent operand is absent, and
/// the missing inputs of every absent operand are kept for the footnotes.
enum Val {
  case num(Rational)
  case absent(Absence, Set<MissingInput>)

  static func missing(_ input: MissingInput) -> Val { .absent(.missingInput, [input]) }

  var number: Rational? {
    if case .num(let value) = self { return value }
    return nil
  }

  /// The missing inputs behind an absent value (empty when present).
  var missingInputs: Set<MissingInput> {
    if case .absent(_, let inputs) = self { return inputs }
    return []
  }

  /// The public figure.
  var figure: Figure {
    switch self {
    case .num(let value): .number(value)
    case .absent(let reason, _): .absent(reason)
    }
  }

  private static func rank(_ absence: Absence) -> Int {
    switch absence {
    case .missingInput: 0
    case .notInData: 1
    case .notComputable: 2
    case .noTarget: 3
    }
  }

  /// Combines two absences: the most telling reason wins (missing input, then not in data, then
  /// not computable, then no target) and the missing inputs are united.
  static func mergeAbsent(_ values: [Val]) -> Val? {
    var reason: Absence?
    var inputs = Set<MissingInput>()
    for value in values {
      guard case .absent(let r, let i) = value else { continue }
      if reason == nil || rank(r) < rank(reason!) { reason = r }
      inputs.formUnion(i)
    }
    return reason.map { .absent($0, inputs) }
  }

  /// Applies `operation` when both are numbers; otherwise the merged absence.
  static func combine(_ a: Val, _ b: Val, _ operation: (Rational, Rational) -> Val) -> Val {
    if case .num(let x) = a, case .num(let y) = b { return operation(x, y) }
    return mergeAbsent([a, b])!
  }

  /// The sum; absent if any term is absent (a total with an absent component is absent).
  static func sum(_ values: [Val]) -> Val {
    if let absent = mergeAbsent(values) { return absent }
    return .num(values.reduce(Rational.zero) { $0 + $1.number! })
  }

  static func + (a: Val, b: Val) -> Val { combine(a, b) { .num($0 + $1) } }
  static func - (a: Val, b: Val) -> Val { combine(a, b) { .num($0 - $1) } }

  /// `numerator / denominator × scale`; absent when the denominator is zero.
  static func ratio(_ numerator: Val, _ denominator: Val, scale: Rational = .hundred) -> Val {
    combine(numerator, denominator) { n, d in
      d.isZero ? .absent(.notComputable, []) : .num(n / d * scale)
    }
  }

  /// `(current − base) / base × 100`, computed as written even for a negative base; absent when
  /// the base is zero or either value is absent (never 0, never infinite).
  static func growthPct(_ current: Val, _ base: Val) -> Val {
    combine(current, base) { c, b in
      b.isZero ? .absent(.notComputable, []) : .num((c - b) / b * .hundred)
    }
  }
}
