import Foundation
import TestSupport
import Testing

@testable import PDFBulletin

/// Writes the fixture bulletin where a person can look at it: `MINSHENG_PDF_PREVIEW=/path/file.pdf`.
@Test(.enabled(if: ProcessInfo.processInfo.environment["MINSHENG_PDF_PREVIEW"] != nil))
func writePreview() throws {
  let path = ProcessInfo.processInfo.environment["MINSHENG_PDF_PREVIEW"]!
  try PDFBulletinWriter().write(Fixture.document, to: URL(fileURLWithPath: path))
}
