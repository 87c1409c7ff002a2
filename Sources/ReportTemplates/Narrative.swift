import Engine
import Foundation
import Stencil
import Tables

/// One figure as a narrative template sees it: printed with its indicator's decimals, and the
/// input of the official-wording filters (`growth`, `points`, `progress`, `quantity`, `percent`).
/// Absent figures are not in the context at all, so `{% if x %}` tests for presence.
final class NarrativeFigure: CustomStringConvertible {
  let value: Rational
  let indicator: IndicatorDefinition
  let measure: Measure

  init(value: Rational, indicator: IndicatorDefinition, measure: Measure) {
    self.value = value
    self.indicator = indicator
    self.measure = measure
  }

  var decimals: Int { indicator.decimals(for: measure) }

  /// The figure as tables show it (`12,345`, `3.2`).
  var description: String { IndicatorFormat.display(value, decimals: decimals) }
}

/// A group of names in a narrative's context (`petitions`, `petitions.total`, a district, `period`).
///
/// A class that Stencil looks into through ``DynamicMemberLookup`` rather than a `[String: Any]`:
/// Stencil copies a dictionary deeply every time it resolves one part of a dotted name in it,
/// which made rendering three paragraphs cost as much as drawing a chart. Lookups behave as they
/// do on a dictionary (`count` is the number of names, a missing name is nil, a node is true in
/// `{% if %}` as a non-empty dictionary is; a node is never empty).
///
/// The node of an indicator holds the region's row of the report and makes a ``NarrativeFigure``
/// only for a measure a template asks for, not for each of the report's thousands of figures.
final class NarrativeNode: DynamicMemberLookup {
  var children: [String: Any]
  /// The row whose present figures are this node's measures (an indicator's node), if any.
  var result: IndicatorResult?

  init(_ children: [String: Any] = [:]) { self.children = children }

  subscript(dynamicMember member: String) -> Any? {
    if member == "count" {
      return children.count + (result?.figures.filter { $0.figure.number != nil }.count ?? 0)
    }
    if let child = children[member] { return child }
    guard let result,
      let present = result.figures.first(where: { $0.measure.rawValue == member && $0.figure.number != nil }),
      let value = present.figure.number
    else { return nil }
    return NarrativeFigure(value: value, indicator: result.indicator, measure: present.measure)
  }

  /// The node at `path` below this one, made where missing.
  func descendant(_ path: [String]) -> NarrativeNode {
    var node = self
    for name in path {
      if let child = node.children[name] as? NarrativeNode {
        node = child
      } else {
        let child = NarrativeNode()
        node.children[name] = child
        node = child
      }
    }
    return node
  }
}

/// Renders narrative paragraphs from Stencil templates with official-wording filters, after
/// checking every name the template uses, so a typo is an error with file and line, never an
/// empty gap in a leader's bulletin.
public struct Narrative {
  /// The filters a narrative may use.
  public static let filters: [String: String] = [
    "growth": "增长3.2% / 下降0.4% / 持平",
    "points": "提高0.8个百分点 / 降低0.04个百分点 / 持平",
    "progress": "超序时进度3.7个百分点 / 低于序时进度1.2个百分点",
    "quantity": "4.35万人 (≥ 10,000 in 万) or 9,876人",
    "percent": "87.0%",
    "number": "12,345 (the table digits)",
    "magnitude": "the absolute value, table digits",
    "verdict": "快于 / 基本一致 / 慢于 (a progress gap)",
  ]

  let context: [String: Any]
  let paths: Set<String>
  let environment: Environment

  /// The context for `report`: every figure of the report region under its indicator id and
  /// measure (`petitions.total.ytd_yoy_pct`), `districts` (each child with `name` and the same
  /// tree), `period.name`, `period.cumulative`, `region.name`, `time_progress`, `office`.
  public init(report: IndicatorReport, office: String) {
    var paths: Set<String> = []
    // Districts mostly share their names: spell each (prefix, indicator, measure) out once.
    struct Name: Hashable {
      var prefix: String
      var indicator: Int
      var measure: Measure
    }
    var named: Set<Name> = []
    let idComponents = report.indicators.map { $0.id.split(separator: ".").map(String.init) }
    func figures(for region: String, prefix: String) -> NarrativeNode {
      let tree = NarrativeNode()
      for (index, indicator) in report.indicators.enumerated() {
        guard let result = report.result(indicator.id, region: region) else { continue }
        let components = idComponents[index]
        var present = false
        for measureFigure in result.figures {
          if named.insert(Name(prefix: prefix, indicator: index, measure: measureFigure.measure)).inserted {
            let path = components + [measureFigure.measure.rawValue]
            for length in 1...path.count {
              paths.insert(([prefix] + path.prefix(length)).filter { !$0.isEmpty }.joined(separator: "."))
            }
          }
          present = present || measureFigure.figure.number != nil
        }
        // An indicator with no present figure has no node, as a name with no value is absent.
        if present { tree.descendant(components).result = result }
      }
      return tree
    }
    let root = figures(for: report.region.code, prefix: "")
    var districts: [NarrativeNode] = []
    for child in report.regions.dropFirst() {
      let tree = figures(for: child.code, prefix: "districts[]")
      tree.children["name"] = child.name
      tree.children["code"] = child.code
      districts.append(tree)
    }
    paths.formUnion(["districts", "districts[].name", "districts[].code"])
    var context = root.children
    context["districts"] = districts
    context["period"] = NarrativeNode([
      "name": report.period.chineseName, "cumulative": report.period.cumulativeName,
      "year": report.period.year, "month": report.period.lastMonth.month,
    ])
    context["region"] = NarrativeNode(["name": report.region.name, "code": report.region.code])
    context["time_progress"] = IndicatorFormat.display(
      report.timeProgressPct, decimals: report.settings.percentDecimals)
    context["office"] = office
    paths.formUnion([
      "period", "period.name", "period.cumulative", "period.year", "period.month", "region", "region.name",
      "region.code", "time_progress", "office",
    ])
    self.context = context
    self.paths = paths
    let band = report.settings.progressBandPp
    self.environment = Environment(extensions: [Self.wordingFilters(band: band)], trimBehaviour: .smart)
  }

  private static func wordingFilters(band: Rational) -> Extension {
    let wording = Extension()
    func figure(_ value: Any?, _ filter: String) throws -> NarrativeFigure? {
      guard let value else { return nil }
      guard let figure = value as? NarrativeFigure else {
        throw TemplateSyntaxError("'\(filter)' applies to a figure, not to '\(value)'")
      }
      return figure
    }
    wording.registerFilter("growth") { value in
      try figure(value, "growth").flatMap { IndicatorFormat.growth($0.value, decimals: $0.decimals) } ?? "—"
    }
    wording.registerFilter("points") { value in
      try figure(value, "points").flatMap { IndicatorFormat.pointsChange($0.value, decimals: $0.decimals) }
        ?? "—"
    }
    wording.registerFilter("progress") { value in
      try figure(value, "progress").flatMap { IndicatorFormat.progress(gap: $0.value, decimals: $0.decimals) }
        ?? "—"
    }
    wording.registerFilter("quantity") { value in
      guard let figure = try figure(value, "quantity") else { return "—" }
      return IndicatorFormat.quantity(
        figure.value, unit: figure.indicator.unit(for: figure.measure), decimals: figure.decimals)
    }
    wording.registerFilter("percent") { value in
      guard let figure = try figure(value, "percent") else { return "—" }
      return IndicatorFormat.percent(figure.value, decimals: figure.decimals)
    }
    wording.registerFilter("number") { value in
      try figure(value, "number")?.description ?? "—"
    }
    wording.registerFilter("magnitude") { value in
      guard let figure = try figure(value, "magnitude") else { return "—" }
      return IndicatorFormat.display(figure.value.magnitude, decimals: figure.decimals)
    }
    wording.registerFilter("verdict") { value in
      guard let figure = try figure(value, "verdict") else { return "—" }
      return ProgressVerdict.of(gap: figure.value, band: band).rawValue
    }
    return wording
  }

  /// Renders a narrative template file; paragraphs are separated by blank lines.
  public func render(file url: URL, displayName: String) throws(TemplateError) -> [String] {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else {
      throw TemplateError(file: displayName, line: nil, message: "cannot read the narrative template")
    }
    return try render(text: text, displayName: displayName)
  }

  /// Renders narrative template text (see `render(file:displayName:)`).
  public func render(text: String, displayName: String) throws(TemplateError) -> [String] {
    let template = Template(templateString: text, environment: environment, name: displayName)
    try check(template, displayName: displayName)
    let rendered: String
    do {
      rendered = try template.render(Context(dictionary: context, environment: environment))
    } catch let error as TemplateSyntaxError {
      let line = error.token.map { Int($0.sourceMap.location.lineNumber) }
      throw TemplateError(file: displayName, line: line, message: error.reason)
    } catch {
      throw TemplateError(file: displayName, line: nil, message: "\(error)")
    }
    return rendered.components(separatedBy: "\n\n").map {
      $0.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined()
    }.filter { !$0.isEmpty }
  }

  /// Every variable and filter the template names must exist.
  private func check(_ template: Template, displayName: String) throws(TemplateError) {
    var loops: [String: String] = [:]
    for token in template.tokens where token.kind == .variable || token.kind == .block {
      let line = Int(token.sourceMap.location.lineNumber)
      let words = token.contents.split(whereSeparator: \.isWhitespace).map(String.init)
      var expressions: [String] = []
      if token.kind == .variable {
        expressions = [token.contents]
      } else if let keyword = words.first {
        switch keyword {
        case "for":
          guard words.count >= 4, words[2] == "in" else {
            throw TemplateError(
              file: displayName, line: line, message: "malformed for tag '\(token.contents)'")
          }
          loops[words[1]] = words[3]
          expressions = [words[3]]
        case "if", "elif":
          expressions = words.dropFirst().filter {
            !["and", "or", "not", "in", "==", "!=", "<", ">", "<=", ">="].contains($0)
          }
        default:
          expressions = []
        }
      }
      for expression in expressions {
        let parts = expression.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
        guard let variable = parts.first else { continue }
        for filter in parts.dropFirst() {
          let name = String(filter.split(separator: ":").first ?? "")
          guard
            Self.filters[name] != nil
              || ["default", "join", "capitalize", "lowercase", "uppercase"].contains(name)
          else {
            throw TemplateError(
              file: displayName, line: line,
              message:
                "unknown filter '\(name)' (known: \(Self.filters.keys.sorted().joined(separator: ", ")))")
          }
        }
        if variable.first == "\"" || variable.first == "'" || Double(variable) != nil { continue }
        var path = variable
        if let dot = variable.firstIndex(of: "."), let loop = loops[String(variable[..<dot])] {
          path = loop + "[]" + variable[dot...]
        } else if let loop = loops[variable] {
          path = loop + "[]"
          if paths.contains(loop) { continue }
        }
        guard paths.contains(path) else {
          throw TemplateError(file: displayName, line: line, message: "unknown name '\(variable)'")
        }
      }
    }
  }
}
