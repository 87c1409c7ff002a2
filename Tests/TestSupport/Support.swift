/// Helpers shared by the test targets: temporary folders, running command-line clients
/// (poppler, python3 with openpyxl) and reading what they print.
import Foundation
import Testing

/// A fresh temporary directory, removed when the value is dropped.
package final class TemporaryDirectory {
  package let url: URL

  package init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("minsheng-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  package func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// A decoded JSON value, for reading what the Python inspector prints.
package enum JSON: Decodable, Equatable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  package init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let value = try? container.decode(Bool.self) {
      self = .bool(value)
    } else if let value = try? container.decode(Double.self) {
      self = .number(value)
    } else if let value = try? container.decode(String.self) {
      self = .string(value)
    } else if let value = try? container.decode([JSON].self) {
      self = .array(value)
    } else {
      self = .object(try container.decode([String: JSON].self))
    }
  }

  package subscript(key: String) -> JSON {
    if case .object(let object) = self { return object[key] ?? .null }
    return .null
  }

  package subscript(index: Int) -> JSON {
    if case .array(let array) = self, array.indices.contains(index) { return array[index] }
    return .null
  }

  package var string: String? { if case .string(let value) = self { value } else { nil } }
  package var number: Double? { if case .number(let value) = self { value } else { nil } }
  package var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
  package var array: [JSON] { if case .array(let value) = self { value } else { [] } }
  package var keys: [String] { if case .object(let value) = self { value.keys.sorted() } else { [] } }

  package var description: String {
    switch self {
    case .null: "null"
    case .bool(let value): "\(value)"
    case .number(let value): "\(value)"
    case .string(let value): "\"\(value)\""
    case .array(let value): "[\(value.map(\.description).joined(separator: ", "))]"
    case .object(let value):
      "{\(value.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", "))}"
    }
  }
}

/// The result of running a program.
package struct ProcessResult {
  package var status: Int32
  package var stdout: Data
  package var stderr: String
}

/// Whether an executable is on `PATH`.
package func executableExists(_ name: String) -> Bool {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
  }
}

/// Runs a program found on `PATH` and collects its output.
package func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = arguments
  if let environment {
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
  }
  let stdout = Pipe()
  let stderr = Pipe()
  process.standardOutput = stdout
  process.standardError = stderr
  try process.run()
  // Read stderr on another thread while this one reads stdout, so neither pipe can fill up
  // and block the child.
  let errorData = LockedData()
  let group = DispatchGroup()
  DispatchQueue.global().async(group: group) {
    errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
  }
  let output = stdout.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return ProcessResult(
    status: process.terminationStatus, stdout: output,
    stderr: String(decoding: errorData.value, as: UTF8.self))
}

/// Data handed over from a reader thread.
final class LockedData: @unchecked Sendable {
  private let lock = NSLock()
  private var data = Data()

  func set(_ value: Data) { lock.withLock { data = value } }
  var value: Data { lock.withLock { data } }
}

/// Opens an XLSX file with openpyxl (through python3) and returns what it found, as JSON.
package func inspectWithOpenpyxl(_ path: String) throws -> JSON {
  let result = try run(["python3", "-c", openpyxlInspector, path])
  guard result.status == 0 else {
    Issue.record("openpyxl inspector failed (\(result.status)): \(result.stderr)")
    throw InspectorError.failed(result.stderr)
  }
  return try JSONDecoder().decode(JSON.self, from: result.stdout)
}

package enum InspectorError: Error {
  case failed(String)
}

/// Reads a workbook with openpyxl — twice, for formulas and for cached values — and prints
/// everything the tests check as one JSON object. Raw XML parts are included for what openpyxl
/// does not model (ignored errors, chart details, alt text, custom properties).
let openpyxlInspector = #"""
  import json, sys, zipfile, warnings
  warnings.simplefilter("ignore")
  import openpyxl

  path = sys.argv[1]
  wb = openpyxl.load_workbook(path)
  values = openpyxl.load_workbook(path, data_only=True)

  def color(c):
      if c is None or c.type != "rgb":
          return None
      return c.rgb

  def cell_info(c, v):
      info = {
          "type": c.data_type,
          "value": c.value if isinstance(c.value, (str, int, float, bool)) or c.value is None else str(c.value),
          "cached": v.value if isinstance(v.value, (str, int, float, bool)) or v.value is None else str(v.value),
          "numberFormat": c.number_format,
          "bold": bool(c.font.b),
          "italic": bool(c.font.i),
          "fontName": c.font.name,
          "fontSize": c.font.sz,
          "fontColor": color(c.font.color),
          "fill": color(c.fill.fgColor) if c.fill.fill_type == "solid" else None,
          "wrap": bool(c.alignment.wrap_text),
          "horizontal": c.alignment.horizontal,
          "vertical": c.alignment.vertical,
          "borderTop": c.border.top.style,
          "borderBottom": c.border.bottom.style,
      }
      if c.hyperlink is not None:
          info["link"] = {"target": c.hyperlink.target, "location": c.hyperlink.location,
                          "tooltip": c.hyperlink.tooltip}
      return info

  out = {"sheetnames": wb.sheetnames, "active": wb.active.title, "sheets": {}}
  p = wb.properties
  out["properties"] = {"title": p.title, "subject": p.subject, "creator": p.creator,
                       "keywords": p.keywords, "description": p.description,
                       "category": p.category, "created": p.created.isoformat() if p.created else None}
  try:
      out["custom"] = {prop.name: prop.value for prop in wb.custom_doc_props.props}
  except AttributeError:
      out["custom"] = {}
  out["definedNames"] = {name: dn.attr_text for name, dn in wb.defined_names.items()}

  for ws in wb.worksheets:
      wv = values[ws.title]
      s = {"cells": {}}
      for row in ws.iter_rows():
          for c in row:
              if c.value is None and not c.has_style:
                  continue
              s["cells"][c.coordinate] = cell_info(c, wv[c.coordinate])
      s["merged"] = sorted(str(r) for r in ws.merged_cells.ranges)
      s["freeze"] = ws.freeze_panes
      s["autofilter"] = ws.auto_filter.ref
      s["tables"] = {}
      for t in ws.tables.values():
          name = t.name
          s["tables"][name] = {"ref": t.ref,
                               "style": t.tableStyleInfo.name if t.tableStyleInfo else None,
                               "rowStripes": bool(t.tableStyleInfo.showRowStripes) if t.tableStyleInfo else None,
                               "autofilter": t.autoFilter.ref if t.autoFilter else None,
                               "headers": [col.name for col in t.tableColumns]}
      s["conditional"] = []
      for cf in ws.conditional_formatting:
          for rule in cf.rules:
              s["conditional"].append({"range": str(cf.sqref), "type": rule.type,
                                       "operator": rule.operator, "formula": list(rule.formula or []),
                                       "hasFormat": rule.dxf is not None})
      s["validations"] = [{"range": str(dv.sqref), "type": dv.type, "formula1": dv.formula1,
                           "prompt": dv.prompt}
                          for dv in ws.data_validations.dataValidation]
      ps = ws.page_setup
      s["print"] = {"orientation": ps.orientation, "paperSize": ps.paperSize,
                    "fitToWidth": ps.fitToWidth, "fitToHeight": ps.fitToHeight,
                    "fitToPage": bool(ws.sheet_properties.pageSetUpPr.fitToPage)
                                 if ws.sheet_properties.pageSetUpPr else False,
                    "titleRows": ws.print_title_rows, "printArea": ws.print_area,
                    "margins": [ws.page_margins.left, ws.page_margins.right,
                                ws.page_margins.top, ws.page_margins.bottom],
                    "header": ws.oddHeader.center.text, "footer": ws.oddFooter.center.text,
                    "footerRight": ws.oddFooter.right.text,
                    "gridlines": bool(ws.print_options.gridLines),
                    "horizontalCentered": bool(ws.print_options.horizontalCentered)}
      view = ws.sheet_view
      s["view"] = {"showGridLines": view.showGridLines is not False,
                   "tabSelected": bool(view.tabSelected),
                   "activeCell": view.selection[0].activeCell if view.selection else None,
                   "zoom": view.zoomScale}
      s["tabColor"] = color(ws.sheet_properties.tabColor)
      s["columnWidths"] = {k: d.width for k, d in ws.column_dimensions.items() if d.customWidth}
      s["rowHeights"] = {str(k): d.ht for k, d in ws.row_dimensions.items() if d.ht is not None}
      s["charts"] = [type(ch).__name__ for ch in ws._charts]
      s["images"] = len(ws._images)
      out["sheets"][ws.title] = s

  parts = {}
  with zipfile.ZipFile(path) as z:
      out["files"] = sorted(z.namelist())
      for name in z.namelist():
          if name.startswith(("xl/worksheets/sheet", "xl/charts/", "xl/drawings/drawing", "docProps/")) \
             or name == "xl/workbook.xml":
              parts[name] = z.read(name).decode("utf-8")
  out["parts"] = parts
  print(json.dumps(out, ensure_ascii=False, default=str))
  """#

/// Runs a command-line tool (poppler's pdftotext, pdffonts, pdfinfo) and returns its standard output.
package func run(_ tool: String, _ arguments: [String]) throws -> String {
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

package struct ToolError: Error, CustomStringConvertible {
  package var message: String
  package var description: String { message }
}

/// A fresh temporary folder for one test.
package func temporaryFolder(_ name: String = #function) throws -> URL {
  let url = FileManager.default.temporaryDirectory
    .appendingPathComponent("minsheng-tests-\(getpid())")
    .appendingPathComponent(name.filter { $0.isLetter || $0.isNumber })
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}
