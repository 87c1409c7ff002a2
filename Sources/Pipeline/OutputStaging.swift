import Foundation
import Synchronization
import Tables

/// Why the outputs could not be moved into place: the file (or folder) and the system's reason.
/// When it is thrown, the output folder holds what it held before the run.
public struct OutputCommitError: Error, CustomStringConvertible, Sendable {
  public let path: String
  public let reason: String

  public var description: String { "\(path): \(reason)" }
}

/// Writes a run's outputs into a hidden staging folder beside the output folder and moves them
/// into place only when every output is complete, so a failure or an interruption never leaves a
/// half-written bulletin under a final name (outputs.md).
///
/// - The output folder is created only by `commit` (a failed render leaves no empty folder);
///   folders created for the staging folder are removed again by `discard`.
/// - `commit` checks every target before the first rename and puts back what it moved when a
///   rename fails.
/// - The output folder gets a marker (`OutputFolderMarker.fileName`) listing the files of the
///   run: the next run of the same report removes those it does not write again, and the loader
///   never reads a folder holding it.
/// - While it exists the staging folder is registered, so that SIGINT and SIGTERM remove it
///   (`StagingRegistry`); a later run removes staging folders of processes that are gone.
final class OutputStaging {
  static let prefix = ".minsheng-staging-"

  let destination: URL
  let staging: URL
  private var files: [String] = []
  /// Folders made for the staging folder (deepest first), removed by `discard` when empty.
  private let madeFolders: [URL]

  init(destination: URL) throws {
    self.destination = destination.standardizedFileURL
    let parent = self.destination.deletingLastPathComponent()
    madeFolders = try Self.makeFolders(parent)
    Self.removeStale(in: parent)
    Self.removeStale(in: self.destination)
    staging = parent.appending(
      path: "\(Self.prefix)\(getpid())-\(self.destination.lastPathComponent)", directoryHint: .isDirectory)
    try? FileManager.default.removeItem(at: staging)
    StagingRegistry.add(staging, madeFolders: madeFolders)
    try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: false)
  }

  /// The staging location of `path` (relative), with its folder created; record it for `commit`.
  func url(for path: String) throws -> URL {
    let url = staging.appending(path: path)
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    files.append(path)
    return url
  }

  /// Moves every staged file to its final name (`rename(2)`, atomic per file; the whole staging
  /// folder at once when the output folder is new), then removes this report's files of an
  /// earlier run that this run did not write. Throws `OutputCommitError`, with the output folder
  /// as it was.
  func commit() throws -> [URL] {
    try Data((files.sorted().joined(separator: "\n") + "\n").utf8).write(
      to: staging.appending(path: OutputFolderMarker.fileName))
    let previous = Self.listedFiles(in: destination)
    try StagingRegistry.whileCommitting {
      var isFolder: ObjCBool = false
      if !FileManager.default.fileExists(atPath: destination.path, isDirectory: &isFolder) {
        try move(staging, to: destination, shown: destination.path)
      } else {
        guard isFolder.boolValue else {
          throw OutputCommitError(path: destination.path, reason: "exists and is not a folder")
        }
        let paths = files + [OutputFolderMarker.fileName]
        try check(paths)
        try moveEach(paths)
      }
    }
    for stale in previous.subtracting(files) where Self.staysInside(stale) {
      try? FileManager.default.removeItem(at: destination.appending(path: stale))
    }
    discard()
    return files.map { destination.appending(path: $0) }
  }

  /// Removes the staging folder and everything in it, and the folders made for it when empty.
  func discard() {
    try? FileManager.default.removeItem(at: staging)
    StagingRegistry.remove(staging)
    for folder in madeFolders {
      guard (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?.isEmpty == true else {
        break
      }
      try? FileManager.default.removeItem(at: folder)
    }
  }

  /// Every target checked before anything moves: each folder on its way is a folder (or can be
  /// made) and writable, and no target is a folder.
  private func check(_ paths: [String]) throws {
    var checked: Set<String> = []
    for path in paths {
      let components = path.split(separator: "/").map(String.init)
      var folder = destination
      for component in [""] + components.dropLast() {
        if !component.isEmpty { folder = folder.appending(path: component) }
        guard checked.insert(folder.path).inserted else { continue }
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) {
          guard isFolder.boolValue else {
            throw OutputCommitError(path: folder.path, reason: "is not a folder")
          }
          guard access(folder.path, W_OK | X_OK) == 0 else {
            throw OutputCommitError(path: folder.path, reason: Self.reason(errno))
          }
          continue
        }
        break
      }
      var isFolder: ObjCBool = false
      let target = destination.appending(path: path)
      if FileManager.default.fileExists(atPath: target.path, isDirectory: &isFolder), isFolder.boolValue {
        throw OutputCommitError(path: target.path, reason: Self.reason(EISDIR))
      }
    }
  }

  /// Moves each file into place, keeping the file it replaces until all are moved; on a failure,
  /// every move is undone (in reverse) and the folders it made removed.
  func moveEach(_ paths: [String]) throws {
    let previous = staging.appending(path: ".previous")
    var done: [(path: String, keptPrevious: Bool)] = []
    var madeFolders: [URL] = []
    func undo() {
      for (path, keptPrevious) in done.reversed() {
        let target = destination.appending(path: path)
        _ = rename(target.path, staging.appending(path: path).path)
        if keptPrevious { _ = rename(previous.appending(path: path).path, target.path) }
      }
      for folder in madeFolders.reversed() { try? FileManager.default.removeItem(at: folder) }
    }
    do {
      for path in paths {
        let target = destination.appending(path: path)
        madeFolders += try Self.makeFolders(target.deletingLastPathComponent()).reversed()
        let keptPrevious = FileManager.default.fileExists(atPath: target.path)
        if keptPrevious {
          let kept = previous.appending(path: path)
          try FileManager.default.createDirectory(
            at: kept.deletingLastPathComponent(), withIntermediateDirectories: true)
          try move(target, to: kept, shown: target.path)
        }
        do {
          try move(staging.appending(path: path), to: target, shown: target.path)
        } catch {
          if keptPrevious { _ = rename(previous.appending(path: path).path, target.path) }
          throw error
        }
        done.append((path, keptPrevious))
      }
    } catch {
      undo()
      throw error
    }
  }

  private func move(_ source: URL, to target: URL, shown: String) throws {
    if rename(source.path, target.path) != 0 {
      throw OutputCommitError(path: shown, reason: Self.reason(errno))
    }
  }

  /// `folder` and the folders above it that do not exist yet, made; returns those made, deepest
  /// first.
  private static func makeFolders(_ folder: URL) throws -> [URL] {
    var missing: [URL] = []
    var current = folder
    while !FileManager.default.fileExists(atPath: current.path), current.path != "/" {
      missing.append(current)
      current = current.deletingLastPathComponent()
    }
    for made in missing.reversed() where mkdir(made.path, 0o777) != 0 && errno != EEXIST {
      throw OutputCommitError(path: made.path, reason: reason(errno))
    }
    return missing
  }

  /// The system's reason for `code`, in lower case (`permission denied`, `is a directory`).
  static func reason(_ code: Int32) -> String {
    let text = String(cString: strerror(code))
    return text.prefix(1).lowercased() + text.dropFirst()
  }

  /// Whether a path read from a marker names a file inside the output folder (a marker edited
  /// by hand must not make a run remove anything else).
  private static func staysInside(_ path: String) -> Bool {
    !path.hasPrefix("/")
      && !path.split(separator: "/", omittingEmptySubsequences: false).contains {
        $0.isEmpty || $0 == "." || $0 == ".."
      }
  }

  /// The files an earlier run listed in `folder`'s marker.
  private static func listedFiles(in folder: URL) -> Set<String> {
    let marker = folder.appending(path: OutputFolderMarker.fileName)
    guard let text = try? String(contentsOf: marker, encoding: .utf8) else { return [] }
    return Set(text.split(separator: "\n").map(String.init))
  }

  /// Staging folders left in `folder` by a run whose process is gone.
  private static func removeStale(in folder: URL) {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    for name in names where name.hasPrefix(prefix) {
      let pid = Int32(name.dropFirst(prefix.count).prefix(while: \.isNumber)) ?? 0
      if pid == 0 || (pid != getpid() && kill(pid, 0) != 0 && errno == ESRCH) {
        try? FileManager.default.removeItem(at: folder.appending(path: name))
      }
    }
  }
}

/// The staging folders of this process, removed when SIGINT or SIGTERM arrives; a commit in
/// progress finishes first (the handler waits for the lock), so the output folder is never left
/// half-moved.
enum StagingRegistry {
  /// Each staging folder, with the folders made for it (deepest first).
  private static let folders = Mutex<[String: [URL]]>([:])
  private static let committing = Mutex(())

  static func add(_ folder: URL, madeFolders: [URL]) { folders.withLock { $0[folder.path] = madeFolders } }
  static func remove(_ folder: URL) { folders.withLock { _ = $0.removeValue(forKey: folder.path) } }

  static func whileCommitting(_ body: () throws -> Void) throws {
    try committing.withLock { _ in try body() }
  }

  /// Removes every registered staging folder (after any commit in progress). A render worker may
  /// create a file while the folder is removed: the removal is tried again.
  static func removeAll() {
    committing.withLock { _ in
      for (path, made) in folders.withLock({ $0 }) {
        for _ in 0..<5 where FileManager.default.fileExists(atPath: path) {
          try? FileManager.default.removeItem(atPath: path)
        }
        for folder in made where rmdir(folder.path) != 0 { break }
      }
    }
  }
}

/// Handles SIGINT and SIGTERM for a report run: the staging folders are removed, then the signal
/// is raised again with its default action, so the shell sees the usual status (130, 143).
public enum InterruptCleanup {
  nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []
  /// The signal received, 0 before any.
  private static let received = Atomic<Int32>(0)

  /// Installs the handlers; call once, before the run starts.
  public static func install() {
    for signo in [SIGINT, SIGTERM] {
      signal(signo, SIG_IGN)
      let source = DispatchSource.makeSignalSource(signal: signo, queue: .global())
      source.setEventHandler {
        received.store(signo, ordering: .sequentiallyConsistent)
        StagingRegistry.removeAll()
        // The signal's default action, on this thread with the signal unblocked (a parent may
        // have started the process with it blocked); the status below only if that returns.
        signal(signo, SIG_DFL)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, signo)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
        raise(signo)
        _exit(128 + signo)
      }
      source.resume()
      sources.append(source)
    }
  }

  /// Call before exiting on a failure: when a signal arrived, the failure is its effect (the
  /// staging folder removed under the render), so this waits for the handler to end the process
  /// with the signal's status instead of exiting with the failure's.
  public static func waitIfInterrupted() {
    guard received.load(ordering: .sequentiallyConsistent) != 0 else { return }
    while true { sleep(1) }
  }
}
