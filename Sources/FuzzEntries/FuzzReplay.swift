import Foundation

/// The fuzz targets' main when they are built without the fuzzer runtime (the normal
/// `swift build`): each argument is a file or a folder of files, and each file goes through the
/// target's entry once, as libFuzzer would pass it. An input that traps stops the run there, so
/// the last `replaying` line names it.
public enum FuzzReplay {
  /// Runs `entry` on every file named by the command line; exits 2 without arguments.
  public static func main(_ name: String, _ entry: (Data) -> Void) {
    let arguments = CommandLine.arguments.dropFirst()
    guard !arguments.isEmpty else {
      FileHandle.standardError.write(
        Data(
          """
          usage: \(name) FILE_OR_FOLDER...
          (built without the fuzzer; build with scripts/fuzz to fuzz)

          """.utf8))
      exit(2)
    }
    var count = 0
    for argument in arguments {
      for file in files(argument) {
        FileHandle.standardError.write(Data("replaying \(file)\n".utf8))
        guard let data = FileManager.default.contents(atPath: file) else {
          FileHandle.standardError.write(Data("\(file): cannot read\n".utf8))
          exit(1)
        }
        entry(data)
        count += 1
      }
    }
    print("\(name): \(count) inputs, no trap")
  }

  /// The file itself, or the regular files of a folder in name order.
  static func files(_ path: String) -> [String] {
    var isFolder: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
      return [path]
    }
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
    return names.sorted().map { "\(path)/\($0)" }.filter {
      FileManager.default.fileExists(atPath: $0, isDirectory: &isFolder) && !isFolder.boolValue
    }
  }
}
