import Foundation
import FuzzEntries
import Testing

/// The inputs the fuzzers kept (`Corpus/<target>/`, merged and minimised by `scripts/fuzz`) go
/// through the same entry as the fuzzer: each must return (an error is fine, a trap is not).
/// A trap here stops the test process; `swift run FuzzCSV Tests/FuzzRegressionTests/Corpus/csv`
/// (or FuzzValues, FuzzTemplates) names the input that does it.
@Suite struct FuzzRegressionTests {
  static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appending(path: "Corpus")

  /// The corpus files of one target, in name order.
  static func inputs(_ target: String) throws -> [URL] {
    let folder = corpus.appending(path: target)
    return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
      .filter { !$0.lastPathComponent.hasPrefix(".") }
      .sorted { $0.lastPathComponent < $1.lastPathComponent }
  }

  @Test func csvInputsReturn() throws {
    let inputs = try Self.inputs("csv")
    #expect(inputs.count >= 10)
    var refused = 0
    for url in inputs where CSVFuzzing.run(try Data(contentsOf: url)) == nil {
      refused += 1
    }
    // The corpus reaches the loader's tables, not only its first refusals.
    #expect(refused < inputs.count)
  }

  @Test func valueInputsReturn() throws {
    let inputs = try Self.inputs("values")
    #expect(inputs.count >= 10)
    let accepted = try inputs.map { ValueFuzzing.run(try Data(contentsOf: $0)) }
    #expect(accepted.contains { $0 > 0 })
    #expect(accepted.contains(0))
  }

  @Test func templateInputsReturn() throws {
    let inputs = try Self.inputs("templates")
    #expect(inputs.count >= 10)
    let accepted = try inputs.map { TemplateFuzzing.run(try Data(contentsOf: $0)) }
    #expect(accepted.contains(true))
    #expect(accepted.contains(false))
  }
}
