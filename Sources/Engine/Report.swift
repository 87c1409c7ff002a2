import Tables

/// The figures of one indicator for one region, in measure order (spec §2).
public struct IndicatorResult: Sendable {
  public let indicator: IndicatorDefinition
  public let region: Region
  /// True for the report region's row (first; no `rank`; `share_pct` 100).
  public let isReportRegion: Bool
  public let figures: [MeasureFigure]

  /// The figure of `measure`, or nil when this row has no such measure.
  public func figure(_ measure: Measure) -> Figure? {
    figures.first { $0.measure == measure }?.figure
  }

  /// The figure of `measure` with its footnote numbers, or nil when this row has no such measure.
  public func measureFigure(_ measure: Measure) -> MeasureFigure? {
    figures.first { $0.measure == measure }
  }
}

/// One month of a trend series.
public struct SeriesPoint: Sendable, Hashable {
  public let month: YearMonth
  public let figure: Figure
  /// Footnote numbers when the figure is absent because an input is missing.
  public let footnotes: [Int]
}

/// The monthly values behind a 13-month trend chart: the 13 months ending at the period's last
/// month, and the same months one year earlier. A flow's point is the month's value, a stock's
/// the month-end level, a rate's the month's rate (of flows) or month-end rate (of stocks), a net
/// increase's the change from the previous month-end. Timeliness cohorts of the current line are
/// judged at the as-of date, those of the previous year at the same date one year earlier.
public struct IndicatorSeries: Sendable {
  public let indicatorId: String
  public let regionCode: String
  /// 13 points, oldest first.
  public let current: [SeriesPoint]
  /// The same calendar months one year earlier, oldest first.
  public let previousYear: [SeriesPoint]
}

/// One slice of the category composition (top N by value, then 其他).
public struct CategorySlice: Sendable, Hashable {
  /// The category's name, or `其他` for the rest.
  public let name: String
  /// `petitions.category.<name>`, nil for 其他.
  public let indicatorId: String?
  public let value: Rational
  /// value / the sum of all categories × 100; absent when that sum is 0.
  public let sharePct: Figure
}

/// Every figure of a report for one period and one report region, in the order of
/// `indicators.csv`, plus everything renderers need so that they never recompute statistics:
/// definitions (name, unit, decimals), footnotes for absent values, trend series, the category
/// composition and the time progress.
public struct IndicatorReport: Sendable {
  public let period: ReportPeriod
  /// The date timeliness is judged at (default: the last day of the period).
  public let asOf: Day
  /// The same date one year earlier: previous-year cohorts are judged here.
  public let previousAsOf: Day
  /// The report region (first row of every indicator).
  public let region: Region
  /// The report region, then its direct children, in display order.
  public let regions: [Region]
  /// Indicators in catalogue order, expanded for the schemes and categories in the data.
  public let indicators: [IndicatorDefinition]
  /// One result per indicator and region: indicator-major, then region in display order.
  public let results: [IndicatorResult]
  /// Notes for figures absent because an input is missing, numbered from 1.
  public let footnotes: [Footnote]
  public let settings: CatalogueSettings
  /// 序时进度 of the period, in %.
  public let timeProgressPct: Rational
  /// Target handling per indicator id in this report.
  public let targetModes: [String: TargetMode]
  /// Things a user should know that are not errors (targets for indicators not in the data, a
  /// target stated twice).
  public let warnings: [String]
  let resultIndex: [String: [String: Int]]
  let seriesIndex: [String: [String: IndicatorSeries]]

  /// The footnotes referred to by the report's table figures (not by trend series), in number
  /// order: what a table or a filtered view prints under itself.
  public var tableFootnotes: [Footnote] {
    let used = Set(results.flatMap { $0.figures.flatMap(\.footnotes) })
    return footnotes.filter { used.contains($0.number) }
  }

  /// The definition of `id`, if the report has that indicator.
  public func indicator(_ id: String) -> IndicatorDefinition? {
    indicators.first { $0.id == id }
  }

  /// The row of `id` for `region`, if the report has it.
  public func result(_ id: String, region: String) -> IndicatorResult? {
    resultIndex[id]?[region].map { results[$0] }
  }

  /// `report.figure("employment.new_urban_jobs", region: code, measure: .ytd)`; nil when the report
  /// has no such indicator, region or measure (a template error, not an absent value).
  public func figure(_ id: String, region: String, measure: Measure) -> Figure? {
    result(id, region: region)?.figure(measure)
  }

  /// The footnote numbers of a figure (empty unless it is absent because an input is missing).
  public func footnoteNumbers(_ id: String, region: String, measure: Measure) -> [Int] {
    result(id, region: region)?.measureFigure(measure)?.footnotes ?? []
  }

  /// The monthly trend series of `id` for `region` (the report region or one of its children).
  public func series(_ id: String, region: String) -> IndicatorSeries? {
    seriesIndex[id]?[region]
  }

  /// The results of one indicator, region by region.
  public func results(for id: String) -> [IndicatorResult] {
    guard let rows = resultIndex[id] else { return [] }
    return regions.compactMap { rows[$0.code].map { results[$0] } }
  }

  /// The petition category composition for `region` by `measure` (ytd or month): the `top`
  /// categories with the largest values (default: the catalogue's `top_categories`; ties in
  /// code-point order of names), then `其他` for the rest when the rest is not zero. Categories
  /// with a zero value are left out.
  public func categoryBreakdown(region: String, measure: Measure = .ytd, top: Int? = nil) -> [CategorySlice] {
    let categories = indicators.filter {
      $0.category != nil && $0.kind == .flow && $0.datasets == [.petitions]
    }
    var values: [(IndicatorDefinition, Rational)] = []
    var total = Rational.zero
    for definition in categories {
      guard let value = figure(definition.id, region: region, measure: measure)?.number else { continue }
      total = total + value
      if !value.isZero { values.append((definition, value)) }
    }
    values.sort { a, b in a.1 != b.1 ? a.1 > b.1 : codePointOrder(a.0.category!, b.0.category!) }
    let count = top ?? settings.topCategories
    func share(_ value: Rational) -> Figure {
      total.isZero ? .absent(.notComputable) : .number(value / total * .hundred)
    }
    var slices = values.prefix(count).map {
      CategorySlice(name: $0.0.category!, indicatorId: $0.0.id, value: $0.1, sharePct: share($0.1))
    }
    let rest = values.dropFirst(count).reduce(Rational.zero) { $0 + $1.1 }
    if !rest.isZero {
      slices.append(CategorySlice(name: "其他", indicatorId: nil, value: rest, sharePct: share(rest)))
    }
    return slices
  }

  /// 快于 / 基本一致 / 慢于序时进度 for a completion gap, with the catalogue's band.
  public func verdict(progressGap: Rational) -> ProgressVerdict {
    ProgressVerdict.of(gap: progressGap, band: settings.progressBandPp)
  }

  /// The report restricted to indicators whose id starts with `prefix` and/or to one region
  /// (for `minsheng indicators --only PREFIX --region CODE`). Footnote numbers are kept.
  public func filtered(only prefix: String? = nil, region code: String? = nil) -> IndicatorReport {
    let keptIndicators = indicators.filter { prefix.map($0.id.hasPrefix) ?? true }
    let keptIds = Set(keptIndicators.map(\.id))
    let keptRegions = regions.filter { code == nil || $0.code == code }
    let keptCodes = Set(keptRegions.map(\.code))
    let keptResults = results.filter {
      keptIds.contains($0.indicator.id) && keptCodes.contains($0.region.code)
    }
    var index: [String: [String: Int]] = [:]
    for (position, result) in keptResults.enumerated() {
      index[result.indicator.id, default: [:]][result.region.code] = position
    }
    return IndicatorReport(
      period: period, asOf: asOf, previousAsOf: previousAsOf, region: region, regions: keptRegions,
      indicators: keptIndicators, results: keptResults, footnotes: footnotes, settings: settings,
      timeProgressPct: timeProgressPct, targetModes: targetModes.filter { keptIds.contains($0.key) },
      warnings: warnings, resultIndex: index,
      seriesIndex: seriesIndex.filter { keptIds.contains($0.key) }.mapValues {
        $0.filter { keptCodes.contains($0.key) }
      })
  }
}
