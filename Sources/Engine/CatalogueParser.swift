import Tables

/// What a catalogue entry is being expanded for.
enum Expansion {
  case none
  case scheme(Scheme)
  case category(String)
}

/// Turns raw catalogue nodes into settings and indicator definitions, with errors that name the
/// file, the line and the key.
struct CatalogueParser {
  let file: String

  func error(_ line: Int?, _ message: String) -> CatalogueError {
    CatalogueError(file: file, line: line, message: message)
  }

  func checkKeys(
    _ pairs: [(key: String, value: RawNode)], allowed: [String], line: Int, context: String
  ) throws {
    for pair in pairs where !allowed.contains(pair.key) {
      throw error(
        pair.value.line == 0 ? line : pair.value.line,
        "\(context): unknown key '\(pair.key)' (expected one of: \(allowed.joined(separator: ", ")))")
    }
  }

  // MARK: Settings

  static let defaultSettings: [(String, String)] = [
    ("group_visit_threshold", "5"), ("acceptance_days", "15"), ("closure_days", "60"),
    ("top_categories", "8"), ("time_progress", "months"), ("progress_band_pp", "1"),
    ("percent_decimals", "1"), ("pp_decimals", "1"), ("money_decimals", "2"),
  ]

  func settings(_ node: RawNode?) throws -> CatalogueSettings {
    var values = Dictionary(uniqueKeysWithValues: CatalogueParser.defaultSettings)
    var lines: [String: Int] = [:]
    if let node {
      guard case .mapping(let pairs, _) = node else { throw error(node.line, "'settings' must be a mapping") }
      for (key, value) in pairs {
        guard case .scalar(let text, let line) = value else {
          throw error(value.line, "setting '\(key)' must be a single value")
        }
        guard key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
          throw error(line, "setting name '\(key)' may only hold letters, digits and '_'")
        }
        values[key] = text
        lines[key] = line
      }
    }
    var settings = CatalogueSettings()
    func integer(_ key: String, minimum: Int) throws -> Int {
      guard let value = Int(values[key]!), value >= minimum else {
        throw error(
          lines[key], "setting '\(key)' must be a whole number >= \(minimum), not '\(values[key]!)'")
      }
      return value
    }
    settings.groupVisitThreshold = try integer("group_visit_threshold", minimum: 1)
    settings.acceptanceDays = try integer("acceptance_days", minimum: 0)
    settings.closureDays = try integer("closure_days", minimum: 0)
    settings.topCategories = try integer("top_categories", minimum: 1)
    settings.percentDecimals = try integer("percent_decimals", minimum: 0)
    settings.pointsDecimals = try integer("pp_decimals", minimum: 0)
    settings.moneyDecimals = try integer("money_decimals", minimum: 0)
    guard let rule = TimeProgressRule(rawValue: values["time_progress"]!) else {
      throw error(
        lines["time_progress"],
        "setting 'time_progress' must be 'months' or 'days', not '\(values["time_progress"]!)'")
    }
    settings.timeProgress = rule
    guard let band = Rational(decimal: values["progress_band_pp"]!), !band.isNegative else {
      throw error(lines["progress_band_pp"], "setting 'progress_band_pp' must be a number >= 0")
    }
    settings.progressBandPp = band
    settings.values = values
    return settings
  }

  // MARK: Definitions

  static let entryKeys = [
    "id", "name", "unit", "kind", "decimals", "pct_decimals", "pp_decimals", "definition", "source",
    "measure", "where", "view", "numerator", "denominator", "scale", "timeliness", "limit_days",
  ]

  /// What an entry computes: its formula and what follows from it.
  private struct FormulaShape {
    var formula: Formula
    var basis: MeasureKind
    var datasets: Set<Dataset>
    var isNetIncrease = false
    /// The formula keys this kind of indicator may have.
    var allowedOperandKeys: Set<String>
  }

  /// The keys that describe a formula; each kind of indicator allows some of them.
  static let formulaKeys: Set<String> = [
    "source", "measure", "where", "view", "numerator", "denominator", "scale", "timeliness", "limit_days",
  ]

  func definition(_ node: RawNode, settings: CatalogueSettings, expansion: Expansion) throws
    -> IndicatorDefinition
  {
    guard case .mapping(let pairs, let line) = node else {
      throw error(node.line, "each indicator must be a mapping with id, name, unit, kind …")
    }
    let rawId = try scalar(pairs, "id", line: line, context: "indicator")
    let context = "indicator '\(rawId)'"
    try checkKeys(pairs, allowed: CatalogueParser.entryKeys, line: line, context: context)
    let placeholders = try self.placeholders(expansion, rawId: rawId, line: line, context: context)
    func text(_ key: String, required: Bool = true) throws -> String? {
      guard let raw = try optionalScalar(pairs, key, context: context) else {
        if required { throw error(line, "\(context): missing key '\(key)'") }
        return nil
      }
      return try substitute(
        raw, settings.values.merging(placeholders) { $1 }, line: valueLine(pairs, key) ?? line,
        context: "\(context), key '\(key)'")
    }
    let id = try text("id")!
    guard !id.isEmpty, !id.contains(where: { $0 == "\n" || $0 == "\r" }) else {
      throw error(line, "\(context): the id must be a non-empty single line")
    }
    let name = try text("name")!
    let unit = try text("unit")!
    let definitionText = try text("definition", required: false) ?? ""
    guard let kind = IndicatorKind(rawValue: try scalar(pairs, "kind", line: line, context: context)) else {
      throw error(line, "\(context): 'kind' must be flow, stock or rate")
    }
    func decimals(_ key: String, _ fallback: Int) throws -> Int {
      guard let raw = try optionalScalar(pairs, key, context: context) else { return fallback }
      guard let value = Int(raw), (0...6).contains(value) else {
        throw error(valueLine(pairs, key), "\(context): '\(key)' must be a whole number 0-6")
      }
      return value
    }
    let defaultDecimals =
      kind == .rate
      ? (unit == "%" ? settings.percentDecimals : 2) : (unit == "万元" ? settings.moneyDecimals : 0)
    let shape =
      kind == .rate
      ? try rateFormula(pairs, line: line, context: context, settings: settings, expansion: expansion)
      : try quantityFormula(
        kind, pairs, line: line, context: context, settings: settings, expansion: expansion)
    try checkApplicability(shape, pairs, line: line, context: context, expansion: expansion)
    var scheme: Scheme?
    var category: String?
    switch expansion {
    case .none: break
    case .scheme(let s): scheme = s
    case .category(let c): category = c
    }
    return IndicatorDefinition(
      id: id, name: name, unit: unit, decimals: try decimals("decimals", defaultDecimals),
      percentDecimals: try decimals("pct_decimals", settings.percentDecimals),
      pointsDecimals: try decimals("pp_decimals", settings.pointsDecimals), kind: kind, basis: shape.basis,
      isNetIncrease: shape.isNetIncrease, datasets: shape.datasets, scheme: scheme, category: category,
      templateId: rawId, definition: definitionText, line: line, formula: shape.formula)
  }

  /// The placeholders an expansion defines, after checking that the id uses its own.
  private func placeholders(_ expansion: Expansion, rawId: String, line: Int, context: String) throws
    -> [String: String]
  {
    switch expansion {
    case .none:
      return [:]
    case .scheme(let scheme):
      guard rawId.contains("{scheme}") else {
        throw error(line, "\(context): an id inside each_scheme must contain {scheme}")
      }
      return ["scheme": scheme.rawValue, "scheme_name": scheme.chineseName]
    case .category(let category):
      guard rawId.contains("{category}") else {
        throw error(line, "\(context): an id inside each_category must contain {category}")
      }
      return ["category": category]
    }
  }

  /// The formula of a flow or a stock: one operand, or a stock's net increase as a flow.
  private func quantityFormula(
    _ kind: IndicatorKind, _ pairs: [(key: String, value: RawNode)], line: Int, context: String,
    settings: CatalogueSettings, expansion: Expansion
  ) throws -> FormulaShape {
    let (operand, operandKind) = try self.operand(
      pairs, line: line, context: context, settings: settings, expansion: expansion)
    var shape = FormulaShape(
      formula: .flow(operand), basis: kind == .stock ? .stock : .flow, datasets: operand.datasets,
      allowedOperandKeys: ["source", "measure", "where", "view"])
    let view = try optionalScalar(pairs, "view", context: context)
    if let view, view != "net_increase" {
      throw error(valueLine(pairs, "view"), "\(context): 'view' can only be net_increase")
    }
    if kind == .flow, view == "net_increase" {
      guard operandKind == .stock else {
        throw error(line, "\(context): a net_increase view needs a stock measure")
      }
      shape.formula = .netIncrease(operand)
      shape.isNetIncrease = true
    } else if view != nil {
      throw error(line, "\(context): 'view: net_increase' is for flow indicators")
    } else {
      guard operandKind == (kind == .flow ? .flow : .stock) else {
        throw error(line, "\(context): a \(kind.rawValue) indicator needs a \(kind.rawValue) measure")
      }
      shape.formula = kind == .flow ? .flow(operand) : .stock(operand)
    }
    return shape
  }

  /// The formula of a rate: a timeliness rate, or a numerator over a denominator.
  private func rateFormula(
    _ pairs: [(key: String, value: RawNode)], line: Int, context: String, settings: CatalogueSettings,
    expansion: Expansion
  ) throws -> FormulaShape {
    if let clockText = try optionalScalar(pairs, "timeliness", context: context) {
      guard let clock = TimelinessClock(rawValue: clockText) else {
        throw error(valueLine(pairs, "timeliness"), "\(context): 'timeliness' must be acceptance or closure")
      }
      let fallback = clock == .acceptance ? "{acceptance_days}" : "{closure_days}"
      let limitText = try substitute(
        try optionalScalar(pairs, "limit_days", context: context) ?? fallback, settings.values,
        line: valueLine(pairs, "limit_days") ?? line, context: "\(context), key 'limit_days'")
      guard let limit = Int(limitText), limit >= 0 else {
        throw error(valueLine(pairs, "limit_days"), "\(context): 'limit_days' must be a whole number >= 0")
      }
      if case .category = expansion {
        throw error(line, "\(context): timeliness rates cannot be computed per category")
      }
      return FormulaShape(
        formula: .timeliness(clock, limitDays: limit), basis: .flow, datasets: [.petitions],
        allowedOperandKeys: ["timeliness", "limit_days"])
    }
    guard let numeratorNode = pairs.first(where: { $0.key == "numerator" })?.value,
      let denominatorNode = pairs.first(where: { $0.key == "denominator" })?.value
    else {
      throw error(line, "\(context): a rate needs 'numerator' and 'denominator' (or 'timeliness')")
    }
    let (numerator, numeratorKind) = try ratioOperand(
      numeratorNode, context: "\(context), numerator", settings: settings, expansion: expansion)
    let (denominator, denominatorKind) = try ratioOperand(
      denominatorNode, context: "\(context), denominator", settings: settings, expansion: expansion)
    guard let kindOfRate = numeratorKind ?? denominatorKind else {
      throw error(line, "\(context): numerator and denominator cannot both be population")
    }
    if let numeratorKind, let denominatorKind, numeratorKind != denominatorKind {
      throw error(line, "\(context): numerator and denominator must both be flows or both be stocks")
    }
    var scale = Rational.hundred
    if let scaleText = try optionalScalar(pairs, "scale", context: context) {
      guard let value = Rational(decimal: scaleText), !value.isZero, !value.isNegative else {
        throw error(valueLine(pairs, "scale"), "\(context): 'scale' must be a positive number")
      }
      scale = value
    }
    return FormulaShape(
      formula: .ratio(numerator: numerator, denominator: denominator, scale: scale, basis: kindOfRate),
      basis: kindOfRate, datasets: numerator.datasets.union(denominator.datasets),
      allowedOperandKeys: ["numerator", "denominator", "scale"])
  }

  /// Checks that the entry has no formula key of another kind, and that an expanded entry reads
  /// the data it is expanded over.
  private func checkApplicability(
    _ shape: FormulaShape, _ pairs: [(key: String, value: RawNode)], line: Int, context: String,
    expansion: Expansion
  ) throws {
    for pair in pairs
    where CatalogueParser.formulaKeys.contains(pair.key) && !shape.allowedOperandKeys.contains(pair.key) {
      throw error(pair.value.line, "\(context): key '\(pair.key)' does not apply to this kind of indicator")
    }
    if case .scheme(let scheme) = expansion, !shape.datasets.contains(.insurance) {
      throw error(
        line,
        "\(context): indicators inside each_scheme must read the insurance data (scheme \(scheme.rawValue))")
    }
    if case .category = expansion, !shape.datasets.contains(.petitions) {
      throw error(line, "\(context): indicators inside each_category must read the petition data")
    }
  }

  /// A numerator or denominator: `population`, or a mapping with source, measure and where.
  private func ratioOperand(
    _ node: RawNode, context: String, settings: CatalogueSettings, expansion: Expansion
  ) throws -> (Operand, MeasureKind?) {
    switch node {
    case .scalar(let text, let line):
      guard text == "population" else {
        throw error(line, "\(context): must be 'population' or a mapping with source and measure")
      }
      return (.population, nil)
    case .mapping(let pairs, let line):
      try checkKeys(pairs, allowed: ["source", "measure", "where"], line: line, context: context)
      let (operand, kind) = try self.operand(
        pairs, line: line, context: context, settings: settings, expansion: expansion)
      return (operand, kind)
    case .sequence(_, let line):
      throw error(line, "\(context): must be 'population' or a mapping with source and measure")
    }
  }

  /// The operand described by `source`, `measure` and `where` keys.
  private func operand(
    _ pairs: [(key: String, value: RawNode)], line: Int, context: String, settings: CatalogueSettings,
    expansion: Expansion
  ) throws -> (Operand, MeasureKind) {
    let sourceText = try scalar(pairs, "source", line: line, context: context)
    guard let source = Dataset(rawValue: sourceText) else {
      throw error(
        valueLine(pairs, "source"),
        "\(context): unknown source '\(sourceText)' (expected petitions, employment or insurance)")
    }
    let measures = try list(pairs, "measure", context: context)
    let whereNode = pairs.first { $0.key == "where" }?.value
    switch source {
    case .petitions:
      guard measures.count <= 1 else {
        throw error(valueLine(pairs, "measure"), "\(context): petitions have one measure, items or persons")
      }
      let measureText = measures.first ?? "items"
      guard let count = PetitionCount(rawValue: measureText) else {
        throw error(
          valueLine(pairs, "measure"),
          "\(context): petition measure must be items or persons, not '\(measureText)'")
      }
      var filter = PetitionFilter()
      if let whereNode {
        filter.conditions = try conditions(whereNode, context: context, settings: settings)
      }
      if case .category(let name) = expansion {
        filter.conditions.append(.category([name], negated: false))
      }
      return (.petitions(count, filter), .flow)
    case .employment, .insurance:
      if whereNode != nil {
        throw error(valueLine(pairs, "where"), "\(context): 'where' filters apply to petitions only")
      }
      guard !measures.isEmpty else { throw error(line, "\(context): missing key 'measure'") }
      if source == .employment {
        var fields: [EmploymentField] = []
        for name in measures {
          guard let field = EmploymentField(rawValue: name) else {
            throw error(
              valueLine(pairs, "measure"),
              "\(context): unknown employment field '\(name)' (expected one of: \(EmploymentField.allCases.map(\.rawValue).joined(separator: ", ")))"
            )
          }
          fields.append(field)
        }
        guard Set(fields.map(\.kind)).count == 1 else {
          throw error(
            valueLine(pairs, "measure"),
            "\(context): fields summed together must all be flows or all be stocks")
        }
        return (.employment(fields), fields[0].kind)
      }
      guard case .scheme(let scheme) = expansion else {
        throw error(
          line,
          "\(context): insurance indicators must be inside an each_scheme block (schemes are never summed)")
      }
      var fields: [InsuranceField] = []
      for name in measures {
        guard let field = InsuranceField(rawValue: name) else {
          throw error(
            valueLine(pairs, "measure"),
            "\(context): unknown insurance field '\(name)' (expected one of: \(InsuranceField.allCases.map(\.rawValue).joined(separator: ", ")))"
          )
        }
        fields.append(field)
      }
      guard Set(fields.map(\.kind)).count == 1 else {
        throw error(
          valueLine(pairs, "measure"), "\(context): fields summed together must all be flows or all be stocks"
        )
      }
      return (.insurance(fields, scheme), fields[0].kind)
    }
  }

  /// The conditions of a petition operand's `where`: one condition or a list of them.
  private func conditions(_ whereNode: RawNode, context: String, settings: CatalogueSettings) throws
    -> [PetitionCondition]
  {
    var result: [PetitionCondition] = []
    let conditions: [(String, Int)]
    switch whereNode {
    case .scalar(let text, let l): conditions = [(text, l)]
    case .sequence(let nodes, _):
      conditions = try nodes.map { node in
        guard case .scalar(let text, let l) = node else {
          throw error(node.line, "\(context): each 'where' condition must be a single line of text")
        }
        return (text, l)
      }
    case .mapping(_, let l):
      throw error(l, "\(context): 'where' must be a condition or a list of conditions")
    }
    for (text, conditionLine) in conditions {
      let expanded = try substitute(
        text, settings.values, line: conditionLine, context: "\(context), where")
      do {
        result.append(try FilterParser.parse(expanded))
      } catch let message as FilterParser.Failure {
        throw error(conditionLine, "\(context): where '\(text)': \(message.text)")
      }
    }
    return result
  }

  // MARK: Scalars

  private func valueLine(_ pairs: [(key: String, value: RawNode)], _ key: String) -> Int? {
    pairs.first { $0.key == key }?.value.line
  }

  private func optionalScalar(_ pairs: [(key: String, value: RawNode)], _ key: String, context: String) throws
    -> String?
  {
    guard let node = pairs.first(where: { $0.key == key })?.value else { return nil }
    guard case .scalar(let text, _) = node else {
      throw error(node.line, "\(context): '\(key)' must be a single value")
    }
    return text
  }

  private func scalar(_ pairs: [(key: String, value: RawNode)], _ key: String, line: Int, context: String)
    throws
    -> String
  {
    guard let text = try optionalScalar(pairs, key, context: context) else {
      throw error(line, "\(context): missing key '\(key)'")
    }
    return text
  }

  private func list(_ pairs: [(key: String, value: RawNode)], _ key: String, context: String) throws
    -> [String]
  {
    guard let node = pairs.first(where: { $0.key == key })?.value else { return [] }
    switch node {
    case .scalar(let text, _): return [text]
    case .sequence(let items, _):
      return try items.map { item in
        guard case .scalar(let text, _) = item else {
          throw error(item.line, "\(context): '\(key)' must list plain names")
        }
        return text
      }
    case .mapping(_, let line): throw error(line, "\(context): '\(key)' must be a name or a list of names")
    }
  }

  /// Replaces `{name}` with `values[name]`; an unknown name is an error naming it.
  func substitute(_ text: String, _ values: [String: String], line: Int, context: String) throws -> String {
    guard text.contains("{") else { return text }
    var output = ""
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{") {
      output += rest[..<open]
      guard let close = rest[open...].firstIndex(of: "}") else {
        throw error(line, "\(context): unclosed '{' in '\(text)'")
      }
      let name = String(rest[rest.index(after: open)..<close])
      guard let value = values[name] else {
        if ["scheme", "scheme_name"].contains(name) {
          throw error(line, "\(context): {\(name)} can only be used inside an each_scheme block")
        }
        if name == "category" {
          throw error(
            line,
            "\(context): {category} can only be used in ids, names and definitions inside an each_category block"
          )
        }
        let known = values.keys.sorted().joined(separator: ", ")
        throw error(line, "\(context): unknown placeholder {\(name)} in '\(text)' (known here: \(known))")
      }
      output += value
      rest = rest[rest.index(after: close)...]
    }
    return output + rest
  }
}
