import Foundation
import Loading
import Tables

#if canImport(Glibc)
  import Glibc
#endif

/// A temporary data folder written by a test, loaded with the real `templates/headers.yaml`.
final class DataFolder {
  enum Encoding { case utf8, utf8BOM, gb18030 }

  let url: URL

  static let templates = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appending(path: "templates")

  static let dictionary = try! HeaderDictionary.load(from: templates.appending(path: "headers.yaml"))

  /// Regions used by most tests: a city with two districts and a county.
  static let regions = """
    区划代码,名称,上级代码,别名,常住人口,排序
    330500,江川市,,,1000000,
    330502,西湖区,330500,西湖|西湖区人民政府,400000,1
    330503,东山区,330500,东山,350000,2
    330521,安平县,330500,,250000,3

    """

  init() {
    url = FileManager.default.temporaryDirectory.appending(path: "minsheng-test-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  deinit { try? FileManager.default.removeItem(at: url) }

  /// Writes `text` (LF line ends unless `crlf`) in the given encoding.
  @discardableResult
  func write(_ path: String, _ text: String, encoding: Encoding = .utf8, crlf: Bool = false) -> DataFolder {
    var text = text
    if crlf { text = text.replacingOccurrences(of: "\n", with: "\r\n") }
    var bytes = Array(text.utf8)
    switch encoding {
    case .utf8: break
    case .utf8BOM: bytes = [0xEF, 0xBB, 0xBF] + bytes
    case .gb18030: bytes = Self.gb18030(text)
    }
    return write(path, bytes: bytes)
  }

  @discardableResult
  func write(_ path: String, bytes: [UInt8]) -> DataFolder {
    let file = url.appending(path: path)
    try! FileManager.default.createDirectory(
      at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! Data(bytes).write(to: file)
    return self
  }

  func load(
    period: String? = "2024-02", skipInvalid: Bool = false, allowMissing: Bool = false
  ) -> LoadReport {
    try! DataLoader(dictionary: Self.dictionary).load(
      folder: url,
      options: LoadOptions(
        period: period.flatMap(YearMonth.parse), skipInvalid: skipInvalid, allowMissing: allowMissing))
  }

  /// UTF-8 → GB18030 with glibc's iconv (test tooling only).
  static func gb18030(_ text: String) -> [UInt8] {
    let cd = iconv_open("GB18030", "UTF-8")!
    defer { iconv_close(cd) }
    var input = Array(text.utf8).map { CChar(bitPattern: $0) }
    var output = [CChar](repeating: 0, count: input.count * 2 + 8)
    var inLeft = input.count
    var outLeft = output.count
    input.withUnsafeMutableBufferPointer { inBuffer in
      output.withUnsafeMutableBufferPointer { outBuffer in
        var inPointer = inBuffer.baseAddress
        var outPointer = outBuffer.baseAddress
        _ = iconv(cd, &inPointer, &inLeft, &outPointer, &outLeft)
      }
    }
    return output[..<(output.count - outLeft)].map { UInt8(bitPattern: $0) }
  }
}

extension LoadReport {
  /// The diagnostics' printed forms, for exact comparisons.
  var lines: [String] { diagnostics.map(\.description) }
  var errorLines: [String] { diagnostics.filter { $0.severity == .error }.map(\.description) }
  var warningLines: [String] { diagnostics.filter { $0.severity == .warning }.map(\.description) }
}

/// Employment rows for every leaf of `DataFolder.regions` over the months a 2024-02 report needs.
func completeEmployment(
  header: String = "统计月份,区县,城镇新增就业人数,城镇登记失业人数",
  value: (String, String) -> String = { _, _ in "10,5" }
) -> String {
  var text = header + "\n"
  for month in ["2023-01", "2023-02", "2023-12", "2024-01", "2024-02"] {
    for region in ["西湖区", "东山区", "安平县"] {
      text += "\(month),\(region),\(value(month, region))\n"
    }
  }
  return text
}
