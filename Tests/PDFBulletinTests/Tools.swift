import Foundation

/// Runs a command-line tool (poppler's pdftotext, pdffonts, pdfinfo) and returns its standard output.
func run(_ tool: String, _ arguments: [String]) throws -> String {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = [tool] + arguments
  let output = Pipe()
  process.standardOutput = output
  process.standardError = FileHandle.nullDevice
  try process.run()
  let data = output.fileHandleForReading.readDataToEndOfFile()
  process.waitUntilExit()
  guard process.terminationStatus == 0 else {
    throw ToolError(
      message: "\(tool) \(arguments.joined(separator: " ")) exited \(process.terminationStatus)")
  }
  return String(decoding: data, as: UTF8.self)
}

struct ToolError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}

/// A fresh temporary folder for one test.
func temporaryFolder(_ name: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("minsheng-pdf-\(getpid())")
    .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
