import ChartModel
import Charts
import Foundation
import Graphics
import TestSupport
import Testing

/// A benchmark, not a unit test: runs only with `MINSHENG_BENCH=1`, best in release:
/// `MINSHENG_BENCH=1 swift test -c release --filter RenderTiming`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["MINSHENG_BENCH"] != nil))
func renderTimingOfFiveChartsToPNGAndSVG() throws {
  let specs = [Fixtures.trend, Fixtures.ranking, Fixtures.combo, Fixtures.composition, Fixtures.insurance]
  let folder = try temporaryFolder()
  let clock = ContinuousClock()
  func renderAll(_ typesetter: Typesetter?) throws {
    for spec in specs {
      try ChartRenderer.writePNG(
        spec, to: folder.appendingPathComponent("\(spec.id).png"), typesetter: typesetter)
      try ChartRenderer.writeSVG(
        spec, to: folder.appendingPathComponent("\(spec.id).svg"), typesetter: typesetter)
    }
  }
  // First run in the process: fontconfig, font files and a new font map per chart.
  let cold = try clock.measure { try renderAll(nil) }
  var warm: [Duration] = []
  for _ in 0..<5 {
    let typesetter = try Typesetter()
    warm.append(try clock.measure { try renderAll(typesetter) })
  }
  warm.sort()
  print(
    "5 charts to PNG (1600×900) + SVG: first run \(cold), then median \(warm[2]) (min \(warm[0]), max \(warm[4])) with one typesetter"
  )
}
