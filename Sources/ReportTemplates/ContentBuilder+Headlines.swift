import Document
import Engine

/// The headline figures (KPI cards) of page 1.
extension ContentBuilder {
  /// A headline about a dataset the folder does not hold (no employment file, say) is left out;
  /// a misspelt id of a dataset that is there stays an error.
  func hasDataset(_ spec: ReportTemplate.Headline) -> Bool {
    let area = spec.indicator.split(separator: ".").first.map { String($0) + "." } ?? spec.indicator
    return report.indicators.contains { $0.id.hasPrefix(area) }
  }

  func headline(_ spec: ReportTemplate.Headline) throws(TemplateError) -> HeadlineCard {
    let indicator = try self.indicator(spec.indicator)
    let measure = try self.measure(spec.measure)
    let figure = report.figure(indicator.id, region: root, measure: measure)
    var value = IndicatorFormat.display(figure, of: indicator, measure: measure)
    var unit = indicator.unit(for: measure)
    if let number = figure?.number, number.magnitude >= Rational(10_000), unit != "%" {
      value = IndicatorFormat.display(number / Rational(10_000), decimals: 2)
      unit = "万" + unit
    }
    let changeMeasure: Measure
    switch (indicator.kind, measure) {
    case (.rate, .level): changeMeasure = .levelChangePp
    case (.rate, .month): changeMeasure = .monthChangePp
    case (.rate, _): changeMeasure = .ytdChangePp
    case (_, .level): changeMeasure = .levelYoyPct
    case (_, .month): changeMeasure = .monthYoyPct
    default: changeMeasure = .ytdYoyPct
    }
    var change: String?
    var direction: HeadlineCard.Direction?
    if let number = report.figure(indicator.id, region: root, measure: changeMeasure)?.number {
      let decimals = indicator.decimals(for: changeMeasure)
      let rounded = IndicatorFormat.roundedValue(number, decimals: decimals)
      direction = rounded.isZero ? .flat : (rounded.isNegative ? .down : .up)
      let text = IndicatorFormat.display(number, decimals: decimals)
      let suffix = changeMeasure.quantity == .points ? "个百分点" : "%"
      change = (direction == .up ? "+" : "") + text + suffix
    }
    var progress: String?
    if let completion = report.figure(indicator.id, region: root, measure: .completionPct)?.number {
      var text = "完成年度目标" + IndicatorFormat.percent(completion, decimals: indicator.percentDecimals)
      if let gap = report.figure(indicator.id, region: root, measure: .progressGapPp)?.number,
        let wording = IndicatorFormat.progress(gap: gap, decimals: indicator.pointsDecimals)
      {
        text += "，" + wording
      }
      progress = text
    } else if case .flag(let met)? = report.figure(indicator.id, region: root, measure: .met) {
      let target = IndicatorFormat.display(
        report.figure(indicator.id, region: root, measure: .target), of: indicator, measure: .target)
      progress = (met ? "控制在目标以内" : "超出控制目标") + "（\(target)\(indicator.unit)）"
    }
    return HeadlineCard(
      label: spec.label ?? indicator.shortName, value: value, unit: unit, change: change,
      direction: direction,
      progress: progress)
  }
}
