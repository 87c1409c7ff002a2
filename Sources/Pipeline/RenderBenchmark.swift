import Charts
import Document
import Foundation
import Graphics
import PDFBulletin

/// The render work of one bulletin timed on its own, for `minsheng bench` (these were timing
/// "tests" once): every chart to PNG and SVG, the PNG encoding of the charts alone, and the PDF,
/// each repeated on one thread with a new typesetter per repeat. Reported as medians, never
/// asserted.
extension ReportPipeline {
  /// Builds the document of `request` (reading the data and computing the figures), then times
  /// its rendering `repeats` times; writes into a temporary folder that it removes.
  public func renderTimings(_ request: ReportRequest, repeats: Int) throws(ReportFailure) -> [PhaseTiming] {
    let document = try prepare(request, progress: { _ in }, lap: { _ in }).document
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "minsheng-render-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
      return try RenderBenchmark(document: document, folder: folder, repeats: max(1, repeats)).measure()
    } catch {
      throw .output("\(error)")
    }
  }
}

/// Times the rendering of one document; see ``ReportPipeline/renderTimings(_:repeats:)``.
struct RenderBenchmark {
  let document: BulletinDocument
  let folder: URL
  let repeats: Int

  func measure() throws -> [PhaseTiming] {
    var charts: [Double] = []
    var encoding: [Double] = []
    var pdf: [Double] = []
    let specs = document.charts.map(\.spec)
    let images = try specs.map { try ChartRenderer.renderImage($0).image }
    for _ in 0..<repeats {
      let typesetter = try Typesetter()
      charts.append(
        try Self.time {
          for spec in specs {
            try ChartRenderer.writePNG(
              spec, to: folder.appending(path: "\(spec.id).png"), typesetter: typesetter)
            try ChartRenderer.writeSVG(
              spec, to: folder.appending(path: "\(spec.id).svg"), typesetter: typesetter)
          }
        })
      encoding.append(try Self.time { for image in images { _ = try image.pngData(dpi: 200) } })
      let writer = try PDFBulletinWriter(typesetter: typesetter)
      pdf.append(try Self.time { try writer.write(document, to: folder.appending(path: "bulletin.pdf")) })
    }
    return [
      PhaseTiming(phase: "\(specs.count) charts to PNG+SVG", seconds: Self.median(charts)),
      PhaseTiming(phase: "PNG encoding of \(specs.count) charts", seconds: Self.median(encoding)),
      PhaseTiming(phase: "PDF write", seconds: Self.median(pdf)),
    ]
  }

  static func time(_ work: () throws -> Void) throws -> Double {
    let started = ContinuousClock.now
    try work()
    return ReportPipeline.seconds(ContinuousClock.now - started)
  }

  static func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted[sorted.count / 2]
  }
}
