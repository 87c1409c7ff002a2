import Foundation
import FuzzEntries

#if FUZZING
  import CLibFuzzer

  /// libFuzzer's entry: one input through `TemplateFuzzing`.
  @_cdecl("LLVMFuzzerTestOneInput")
  func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    TemplateFuzzing.run(start.map { Data(bytes: $0, count: count) } ?? Data())
    return 0
  }
#endif

/// The fuzz target of `TemplateFuzzing` (docs/fuzzing.md). Built by scripts/fuzz with
/// `-sanitize=fuzzer,address -DFUZZING`, it is a libFuzzer fuzzer (same flags as any libFuzzer
/// binary); in a normal build it replays the files named on its command line.
@main
enum FuzzTemplates {
  static func main() {
    #if FUZZING
      __lsan_disable()
      TemplateFuzzing.prepare()
      __lsan_enable()
      var argc = CommandLine.argc
      var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
      exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOneInput))
    #else
      FuzzReplay.main("fuzz-templates") { _ = TemplateFuzzing.run($0) }
    #endif
  }
}
