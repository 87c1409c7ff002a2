import Foundation
import Tables

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The data files under a data folder, found by following every symbolic link (to folders and
/// to files), and every path under the folder that cannot be read, as a problem naming it: a
/// folder without permission, a broken link, a link loop, a FIFO or socket named like a data
/// file. Nothing is skipped silently.
///
/// A folder or file reached twice (two links to one export) is read once, under the first of its
/// paths in natural order, with a warning naming both.
struct DataFolderWalk {
  /// The extensions of the files read as data (`.csv`, `.tsv`, `.txt`, any case).
  static let dataExtensions: Set<String> = ["csv", "tsv", "txt"]

  /// A file or folder on its device, to find the same one reached by two paths.
  private struct Identity: Hashable {
    let device: UInt64
    let inode: UInt64

    init(_ info: stat) {
      device = UInt64(info.st_dev)
      inode = UInt64(info.st_ino)
    }
  }

  /// Relative paths of the data files, in natural order.
  private(set) var paths: [String] = []
  /// Every path that cannot be read, and every path that was a second name of another.
  private(set) var problems: [Diagnostic] = []
  private var files: [(path: String, identity: Identity)] = []
  private var folders: [Identity: String] = [:]

  /// Lists `folder`; throws only when `folder` itself is not a readable folder.
  static func walk(_ folder: URL) throws(LoadingError) -> DataFolderWalk {
    let root = folder.path
    var info = stat()
    guard stat(root, &info) == 0 else {
      throw .dataFolder("\(root) is not a folder (\(Self.reason(errno)))")
    }
    guard info.st_mode & S_IFMT == S_IFDIR else { throw .dataFolder("\(root) is not a folder") }
    var walk = DataFolderWalk()
    walk.folders[Identity(info)] = ""
    guard walk.visit(folder: root, relative: "", ancestors: [Identity(info): ""]) else {
      throw .dataFolder("cannot list \(root): \(Self.reason(errno))")
    }
    walk.finish()
    return walk
  }

  /// The text of an `errno` value (`Permission denied`).
  static func reason(_ code: Int32) -> String { String(cString: strerror(code)) }

  /// Lists one folder's entries (hidden ones excepted) in natural order; false when the folder
  /// cannot be opened (`errno` says why).
  private static func entries(of folder: String) -> [String]? {
    guard let directory = opendir(folder) else { return nil }
    defer { closedir(directory) }
    var names: [String] = []
    while let entry = readdir(directory) {
      let name = withUnsafePointer(to: &entry.pointee.d_name) {
        String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self))
      }
      if !name.hasPrefix(".") { names.append(name) }
    }
    return names.sorted(by: NaturalOrder.areInIncreasingOrder)
  }

  private mutating func visit(folder: String, relative: String, ancestors: [Identity: String]) -> Bool {
    guard let names = Self.entries(of: folder) else { return false }
    for name in names {
      let full = folder + "/" + name
      let path = relative.isEmpty ? name : relative + "/" + name
      let isData = Self.dataExtensions.contains((name as NSString).pathExtension.lowercased())
      var entry = stat()
      guard lstat(full, &entry) == 0 else {
        problem(path, "cannot read: \(Self.reason(errno))")
        continue
      }
      var info = stat()
      guard stat(full, &info) == 0 else {
        let code = errno
        // A broken link named like a data file, or with no extension (it may have been a
        // folder), is a file that cannot be read; any other is not data either way.
        if isData || (name as NSString).pathExtension.isEmpty {
          let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? "?"
          problem(
            path,
            code == ELOOP
              ? "cannot read: the symbolic link to '\(target)' loops back on itself"
              : "cannot read: broken symbolic link to '\(target)' (\(Self.reason(code)))")
        }
        continue
      }
      switch info.st_mode & S_IFMT {
      case S_IFDIR:
        enter(full, path: path, info: info, ancestors: ancestors)
      case S_IFREG:
        guard isData else { continue }
        let descriptor = open(full, O_RDONLY)
        guard descriptor >= 0 else {
          problem(path, "cannot read: \(Self.reason(errno))")
          continue
        }
        close(descriptor)
        files.append((path, Identity(info)))
      default:
        if isData { problem(path, "cannot read: not a regular file (\(Self.kind(info)))") }
      }
    }
    return true
  }

  /// Walks into a sub-folder, unless it is one of its own ancestors (a link loop) or a folder
  /// already walked under another path.
  private mutating func enter(
    _ full: String, path: String, info: stat, ancestors: [Identity: String]
  ) {
    // An output folder of minsheng (`report --data .`) is never read back as data.
    if access(full + "/" + OutputFolderMarker.fileName, F_OK) == 0 { return }
    let identity = Identity(info)
    if let ancestor = ancestors[identity] {
      let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: full)) ?? full
      let named = ancestor.isEmpty ? "the data folder" : "'\(ancestor)'"
      problem(path, "symbolic link loop: the link to '\(target)' leads back to \(named)")
      return
    }
    if let earlier = folders[identity] {
      problem(path, "the same folder as '\(earlier)' (read once, as '\(earlier)')", severity: .warning)
      return
    }
    folders[identity] = path
    var inner = ancestors
    inner[identity] = path
    if !visit(folder: full, relative: path, ancestors: inner) {
      problem(path, "cannot read the folder: \(Self.reason(errno))")
    }
  }

  /// The files in natural order, each read once.
  private mutating func finish() {
    var first: [Identity: String] = [:]
    for (path, identity) in files.sorted(by: { NaturalOrder.areInIncreasingOrder($0.path, $1.path) }) {
      if let earlier = first[identity] {
        problem(path, "the same file as '\(earlier)' (read once, as '\(earlier)')", severity: .warning)
        continue
      }
      first[identity] = path
      paths.append(path)
    }
  }

  private mutating func problem(_ path: String, _ message: String, severity: Diagnostic.Severity = .error) {
    problems.append(Diagnostic(severity, file: path, message: message))
  }

  /// What a file that is not a regular file is.
  private static func kind(_ info: stat) -> String {
    switch info.st_mode & S_IFMT {
    case S_IFIFO: "a FIFO"
    case S_IFSOCK: "a socket"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    default: "not a file"
    }
  }
}
