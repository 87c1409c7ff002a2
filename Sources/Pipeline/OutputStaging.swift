import Foundation

/// Writes a run's outputs into a hidden staging folder beside the final location and moves each
/// file into place only when every output is complete, so a failure or an interruption never
/// leaves a half-written bulletin under a final name.
final class OutputStaging {
  let destination: URL
  let staging: URL
  private var files: [String] = []

  init(destination: URL) throws {
    self.destination = destination
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
    Self.removeStale(in: destination)
    staging = destination.appending(path: ".minsheng-staging-\(ProcessInfo.processInfo.processIdentifier)")
    try? FileManager.default.removeItem(at: staging)
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
  }

  /// The staging location of `path` (relative), with its folder created; record it for `commit`.
  func url(for path: String) throws -> URL {
    let url = staging.appending(path: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    files.append(path)
    return url
  }

  /// Moves every staged file to its final name (`rename(2)`, atomic within one file system).
  func commit() throws -> [URL] {
    var written: [URL] = []
    for path in files {
      let target = destination.appending(path: path)
      try FileManager.default.createDirectory(
        at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
      if rename(staging.appending(path: path).path, target.path) != 0 {
        throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: target.path])
      }
      written.append(target)
    }
    discard()
    return written
  }

  /// Removes the staging folder and everything in it.
  func discard() {
    try? FileManager.default.removeItem(at: staging)
  }

  /// Staging folders left by a killed run.
  private static func removeStale(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(".minsheng-staging-") {
      let pid = Int32(name.dropFirst(".minsheng-staging-".count)) ?? 0
      if pid == 0 || kill(pid, 0) != 0 {
        try? FileManager.default.removeItem(at: folder.appending(path: name))
      }
    }
  }
}
