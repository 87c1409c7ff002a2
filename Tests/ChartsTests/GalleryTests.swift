import ChartModel
import Charts
import Foundation
import Graphics
import TestSupport
import Testing

/// Renders every fixture chart to PNG, SVG and PDF in a folder, for people to look at:
/// `MINSHENG_CHART_GALLERY=/tmp/charts swift test --filter GalleryTests`.
@Test func gallery() throws {
  let folder =
    ProcessInfo.processInfo.environment["MINSHENG_CHART_GALLERY"].map {
      URL(fileURLWithPath: $0)
    } ?? FileManager.default.temporaryDirectory.appendingPathComponent("minsheng-gallery-\(getpid())")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  let typesetter = try Typesetter()
  // Every kind with 60-character texts everywhere, and every kind with no data.
  let stress = ChartKind.allCases.enumerated().flatMap { n, kind in
    [RobustnessTests.spec(kind, categories: 9, length: 60, script: n % 3)]
      + RobustnessTests.emptySpecs(kind).prefix(1).map { spec in
        var empty = spec
        empty.id = "empty-\(kind.rawValue)"
        return empty
      }
  }
  for spec in Fixtures.all + Fixtures.edgeCases + stress {
    let png = try ChartRenderer.writePNG(
      spec, to: folder.appendingPathComponent("\(spec.id).png"), typesetter: typesetter)
    let svg = try ChartRenderer.writeSVG(
      spec, to: folder.appendingPathComponent("\(spec.id).svg"), typesetter: typesetter)
    #expect(png == svg, "PNG and SVG of \(spec.id) are laid out alike")
    #expect(png.textsOutsideFrame.isEmpty)
    // Half-width, as in a two-column page: 300×240 pt.
    try ChartRenderer.writePNG(
      spec, to: folder.appendingPathComponent("\(spec.id)-small.png"), widthPx: 834, heightPx: 667,
      typesetter: typesetter)
  }
}
