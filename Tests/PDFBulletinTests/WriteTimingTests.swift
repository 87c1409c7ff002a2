import Foundation
import Graphics
import TestSupport
import Testing

@testable import PDFBulletin

/// A benchmark, not a unit test: runs only with `MINSHENG_BENCH=1`, best in release:
/// `MINSHENG_BENCH=1 swift test -c release --filter WriteTiming`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["MINSHENG_BENCH"] != nil))
func writeTimingOfTheFixtureBulletin() throws {
  let folder = try temporaryFolder()
  let clock = ContinuousClock()
  let url = folder.appendingPathComponent("bulletin.pdf")
  // First run in the process: fontconfig, font files, a new typesetter.
  let cold = try clock.measure { try PDFBulletinWriter().write(Fixture.document, to: url) }
  let typesetter = try Typesetter()
  var layout: [Duration] = []
  var warm: [Duration] = []
  for _ in 0..<5 {
    let writer = try PDFBulletinWriter(typesetter: typesetter)
    layout.append(clock.measure { _ = writer.pages(for: Fixture.document) })
    warm.append(try clock.measure { try writer.write(Fixture.document, to: url) })
  }
  warm.sort()
  layout.sort()
  let size = try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int ?? 0
  print(
    "fixture bulletin (\(size / 1024) KiB): first write \(cold), then median \(warm[2]) (min \(warm[0]), max \(warm[4])); layout alone median \(layout[2])"
  )
}
