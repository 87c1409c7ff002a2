import Document
import Engine

/// How a derived measure may follow from other measures of its table: the candidates a derived
/// cell is checked against, in order.
enum Recipe: Equatable {
  /// (a − b) ÷ b × 100.
  case growth(Measure, on: Measure)
  /// a − b.
  case difference(Measure, Measure)
  /// part ÷ whole × 100.
  case ratio(Measure, to: Measure)
  /// The measure in the row ÷ the same measure in the total row × 100.
  case share(Measure)

  /// The candidate recipes of `measure`, tried in order (a completion may be measured against the
  /// cumulative flow, the level or the increase, whichever reproduces the figure).
  static func candidates(for measure: Measure, hasTotalRow: Bool) -> [Recipe] {
    switch measure {
    case .monthYoyPct: [.growth(.month, on: .monthPrev)]
    case .ytdYoyPct: [.growth(.ytd, on: .ytdPrev)]
    case .levelYoyPct: [.growth(.level, on: .levelPrev)]
    case .monthChangePp: [.difference(.month, .monthPrev)]
    case .ytdChangePp, .ytdChange: [.difference(.ytd, .ytdPrev)]
    case .levelChangePp: [.difference(.level, .levelPrev)]
    case .increase: [.difference(.level, .prevYearEnd)]
    case .completionPct: [Measure.ytd, .level, .increase].map { .ratio($0, to: .target) }
    case .progressGapPp: [.difference(.completionPct, .timeProgressPct)]
    case .sharePct where hasTotalRow: [Measure.ytd, .level, .month].map { .share($0) }
    default: []
    }
  }
}

/// The derivations and behind-schedule flags of a table's cells, decided on the engine's exact
/// figures, so that renderers only draw them.
extension ContentBuilder {
  /// Fills in each cell's derivation and behind-schedule flag, and each column's schedule test.
  func decide(_ draft: inout TableDraft) {
    let blocks = Self.blocks(of: draft.measures)
    let totalRow = draft.rows.firstIndex(where: \.isTotal)
    for row in draft.rows.indices {
      for column in draft.rows[row].cells.indices where column < draft.columns.count {
        draft.rows[row].cells[column].derivation = Self.derivation(
          row: row, column: column, in: draft, blocks: blocks, totalRow: totalRow)
      }
    }
    markBehindSchedule(&draft, blocks: blocks)
  }

  /// Splits columns into blocks: a new block starts where a measure repeats one of the current
  /// block (the schemes table repeats its measures for each indicator side by side). Operands
  /// are looked up in the derived cell's block.
  static func blocks(of measures: [Measure]) -> [Int] {
    var result: [Int] = []
    var block = 0
    var seen: Set<Measure> = []
    for measure in measures {
      if seen.contains(measure) {
        block += 1
        seen = []
      }
      seen.insert(measure)
      result.append(block)
    }
    return result
  }

  /// The column holding `measure` in the block of `column`, other than `column` itself.
  static func column(of measure: Measure, besides column: Int, measures: [Measure], blocks: [Int]) -> Int? {
    measures.indices.first { $0 != column && blocks[$0] == blocks[column] && measures[$0] == measure }
  }

  /// The first candidate recipe whose operands are present numbers of the cell's row (or, for a
  /// share, of the total row) and whose result on their exact values is the cell's exact value.
  static func derivation(
    row: Int, column: Int, in draft: TableDraft, blocks: [Int], totalRow: Int?
  ) -> Derivation? {
    guard let value = draft.number(row, column) else { return nil }
    let measures = draft.measures
    func operand(_ measure: Measure, inRow operandRow: Int? = nil) -> (column: Int, value: Rational)? {
      guard let found = Self.column(of: measure, besides: column, measures: measures, blocks: blocks),
        let number = draft.number(operandRow ?? row, found)
      else { return nil }
      return (found, number)
    }
    for recipe in Recipe.candidates(for: measures[column], hasTotalRow: totalRow != nil) {
      switch recipe {
      case .growth(let current, let base):
        guard let a = operand(current), let b = operand(base), Exact.growth(a.value, b.value, is: value)
        else { continue }
        return .growth(of: a.column, on: b.column)
      case .difference(let minuend, let subtrahend):
        guard let a = operand(minuend), let b = operand(subtrahend),
          Exact.difference(a.value, b.value, is: value)
        else { continue }
        return .difference(a.column, b.column)
      case .ratio(let part, let whole):
        guard let a = operand(part), let b = operand(whole), Exact.ratio(a.value, b.value, is: value)
        else { continue }
        return .ratio(of: a.column, to: b.column)
      case .share(let measure):
        guard let totalRow, let a = operand(measure), let total = operand(measure, inRow: totalRow),
          a.column == total.column, Exact.ratio(a.value, total.value, is: value)
        else { continue }
        return .share(of: a.column, totalRow: totalRow)
      }
    }
    return nil
  }

  /// Flags the progress gaps and completion rates behind the time progress, as displayed, and
  /// gives their columns the test a spreadsheet repeats: a gap is behind when it rounds (to the
  /// decimals shown) below zero; a completion rate when it is behind the time progress of its row
  /// (from a time-progress column when the block has one, else from the row's gap).
  func markBehindSchedule(_ draft: inout TableDraft, blocks: [Int]) {
    for block in Set(blocks).sorted() {
      func find(_ measure: Measure) -> Int? {
        draft.measures.indices.first { blocks[$0] == block && draft.measures[$0] == measure }
      }
      let gap = find(.progressGapPp)
      let completion = find(.completionPct)
      let progress = find(.timeProgressPct)
      // The decimals of the gap as shown (of its first number; 1 when it shows none).
      let decimals =
        gap.flatMap { gap in draft.rows.lazy.map { $0.cells[gap] }.first { $0.value != nil }?.decimals } ?? 1
      func behind(_ value: Rational?) -> Bool {
        value.map { IndicatorFormat.roundedValue($0, decimals: decimals).isNegative } ?? false
      }
      if let gap {
        draft.columns[gap].scheduleTest = .belowZero(decimals: decimals)
        for row in draft.rows.indices {
          draft.rows[row].cells[gap].isBehindSchedule = behind(draft.number(row, gap))
        }
      }
      guard let completion else { continue }
      if let progress {
        draft.columns[completion].scheduleTest = .behind(progress: progress, decimals: decimals)
        for row in draft.rows.indices {
          let difference = draft.number(row, completion).flatMap { c in
            draft.number(row, progress).flatMap { Exact.difference(c, $0) }
          }
          draft.rows[row].cells[completion].isBehindSchedule = behind(difference)
        }
      } else if let gap {
        draft.columns[completion].scheduleTest = .gapBelowZero(gap: gap, decimals: decimals)
        for row in draft.rows.indices {
          draft.rows[row].cells[completion].isBehindSchedule =
            draft.number(row, completion) != nil && behind(draft.number(row, gap))
        }
      }
    }
  }
}

/// Exact rational arithmetic that gives up (nil, or false for a test) where 128 bits overflow,
/// instead of trapping as `Rational`'s operators do: a derivation that cannot be checked is
/// simply not written as a formula.
enum Exact {
  /// The product of `factors`, nil on overflow.
  private static func product(_ factors: Int128...) -> Int128? {
    var result: Int128 = 1
    for factor in factors {
      let step = result.multipliedReportingOverflow(by: factor)
      if step.overflow { return nil }
      result = step.partialValue
    }
    return result
  }

  /// a − b, nil on overflow.
  static func difference(_ a: Rational, _ b: Rational) -> Rational? {
    guard let left = product(a.numerator, b.denominator), let right = product(b.numerator, a.denominator),
      let denominator = product(a.denominator, b.denominator)
    else { return nil }
    let numerator = left.subtractingReportingOverflow(right)
    return numerator.overflow ? nil : Rational(numerator.partialValue, denominator)
  }

  /// Whether a − b = v.
  static func difference(_ a: Rational, _ b: Rational, is value: Rational) -> Bool {
    difference(a, b) == value
  }

  /// Whether part ÷ whole × 100 = v (false for a zero whole): part × 100 × v's denominator ×
  /// whole's denominator = v's numerator × whole's numerator × part's denominator.
  static func ratio(_ part: Rational, _ whole: Rational, is value: Rational) -> Bool {
    guard !whole.isZero,
      let left = product(part.numerator, 100, value.denominator, whole.denominator),
      let right = product(value.numerator, whole.numerator, part.denominator)
    else { return false }
    return left == right
  }

  /// Whether (a − b) ÷ b × 100 = v (false for a zero base).
  static func growth(_ a: Rational, _ b: Rational, is value: Rational) -> Bool {
    guard let change = difference(a, b) else { return false }
    return ratio(change, b, is: value)
  }
}
