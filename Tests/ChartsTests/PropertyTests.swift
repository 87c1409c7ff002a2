import ChartModel
import Charts
import Graphics
import TestSupport
import Testing

/// Random specs (seeded, so every run draws the same ones): whatever ``ChartSpec/validate()``
/// accepts lays out and records without a trap, a NaN or an infinite coordinate, and keeps its
/// text inside the frame.
@Suite struct PropertyTests {
  /// Text of a random length (0–150) and script: Chinese, Latin words, one unbroken Latin word,
  /// digits and signs, or a mix with emoji, combining marks, a line break and a tab.
  static func text(_ g: inout SeededGenerator) -> String {
    let length = Int.random(in: 0...150, using: &g) >> Int.random(in: 0...4, using: &g)
    let script = Int.random(in: 0..<5, using: &g)
    let mixed: [String] = ["江", "川", "A", "z", " ", "😀", "e\u{301}", "\n", "\t", "-", "9", "％", "…"]
    let characters = (0..<length).map { _ -> String in
      switch script {
      case 0: String(UnicodeScalar(UInt32.random(in: 0x4E00...0x9FA5, using: &g)).map(Character.init) ?? "国")
      case 1: Int.random(in: 0..<6, using: &g) == 0 ? " " : String("abcdefghij".randomElement(using: &g)!)
      case 2: String("Jiangchuan".randomElement(using: &g)!)
      case 3: String("0123456789,.-%".randomElement(using: &g)!)
      default: mixed.randomElement(using: &g)!
      }
    }
    return characters.joined()
  }

  /// A value: absent, ordinary, zero, huge, tiny, or (where allowed) negative.
  static func value(_ g: inout SeededGenerator, negative: Bool) -> Double? {
    let sign: Double = negative && Bool.random(using: &g) ? -1 : 1
    switch Int.random(in: 0..<10, using: &g) {
    case 0, 1: return nil
    case 2: return 0
    case 3:
      return sign * [1e15, 999_999_999_999_999, 1e100, 1e300, .greatestFiniteMagnitude].randomElement(
        using: &g)!
    case 4: return sign * [1e-12, 1e-300, .leastNonzeroMagnitude, 0.000_1].randomElement(using: &g)!
    default:
      return sign * Double.random(in: 0...20_000, using: &g).rounded() / [1, 10, 100].randomElement(
        using: &g)!
    }
  }

  static func spec(_ g: inout SeededGenerator, _ n: Int) -> ChartSpec {
    let kind = ChartKind.allCases.randomElement(using: &g)!
    let counts = [0, 1, 1, 2, 3, 5, 8, 12, 13, 20, 40, 120]
    let categories = (0..<counts.randomElement(using: &g)!).map { _ in text(&g) }
    let oneSeries = kind == .composition || kind == .donut
    let hasSecondary = [.line, .verticalBar, .combo].contains(kind) && Bool.random(using: &g)
    let negative = !oneSeries
    let series = (0..<(oneSeries ? 1 : Int.random(in: 1...4, using: &g))).map { s -> Series in
      let allAbsent = Int.random(in: 0..<8, using: &g) == 0
      let values = categories.map { _ in allAbsent ? nil : value(&g, negative: negative) }
      let labelled = oneSeries || Bool.random(using: &g)
      let labels = labelled ? values.map { v in v == nil && Bool.random(using: &g) ? nil : text(&g) } : nil
      return Series(
        name: text(&g), values: values,
        axis: hasSecondary && s > 0 && Bool.random(using: &g) ? .secondary : .primary,
        labels: labels, showsDataLabels: Int.random(in: 0..<4, using: &g) > 0)
    }
    let references = (0..<Int.random(in: 0...2, using: &g)).compactMap { _ in
      value(&g, negative: true).map { ReferenceLine(value: $0, label: text(&g)) }
    }
    return ChartSpec(
      id: "random-\(n)-\(kind.rawValue)", kind: kind, title: text(&g), subtitle: text(&g),
      source: Bool.random(using: &g) ? text(&g) : nil, note: Bool.random(using: &g) ? text(&g) : nil,
      categories: categories, series: series,
      valueAxis: ValueAxis(unit: text(&g), title: Bool.random(using: &g) ? text(&g) : nil),
      secondaryAxis: hasSecondary
        ? ValueAxis(unit: "%", title: text(&g), includesZero: Bool.random(using: &g)) : nil,
      referenceLines: references,
      mutedCategories: Set(categories.indices.filter { _ in Bool.random(using: &g) }),
      totalLabel: text(&g))
  }

  @Test func randomSpecsLayOutWithoutATrap() throws {
    var g = SeededGenerator(seed: 0x15_C4A2)
    let typesetter = try Typesetter()
    var drawn = 0
    var empty = 0
    for n in 0..<500 {
      let spec = Self.spec(&g, n)
      let frame = Rect(
        x: Double.random(in: 0...50, using: &g), y: Double.random(in: 0...50, using: &g),
        width: Double.random(in: 240...900, using: &g), height: Double.random(in: 200...600, using: &g))
      guard (try? spec.validate()) != nil else { continue }
      let canvas = try RecordingCanvas(typesetter: typesetter)
      let layout = try ChartRenderer.draw(spec, on: canvas, in: frame)
      drawn += 1
      if !spec.hasData { empty += 1 }
      RobustnessTests.expectFinite(layout, canvas, spec.id)
      #expect(
        layout.textsOutsideFrame.isEmpty, "\(spec.id) in \(frame): \(layout.textsOutsideFrame.map(\.text))")
      #expect(layout.plot.width >= 0 && layout.plot.height >= 0, "\(spec.id): \(layout.plot)")
    }
    // Most random specs are valid, and some of them are empty charts.
    #expect(drawn >= 400 && empty >= 25, "\(drawn) drawn, \(empty) empty")
  }
}
