import Document
import Foundation
import Testing
import Workbook

/// A fresh temporary directory, removed when the value is dropped.
final class TemporaryDirectory {
  let url: URL

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("workbook-tests-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func path(_ name: String) -> String { url.appendingPathComponent(name).path }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// A decoded JSON value, for reading what the Python inspector prints.
enum JSON: Decodable, Equatable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  init(from decoder: any Decoder) throws {
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

  subscript(key: String) -> JSON {
    if case .object(let object) = self { return object[key] ?? .null }
    return .null
  }

  subscript(index: Int) -> JSON {
    if case .array(let array) = self, array.indices.contains(index) { return array[index] }
    return .null
  }

  var string: String? { if case .string(let value) = self { value } else { nil } }
  var number: Double? { if case .number(let value) = self { value } else { nil } }
  var bool: Bool? { if case .bool(let value) = self { value } else { nil } }
  var array: [JSON] { if case .array(let value) = self { value } else { [] } }
  var keys: [String] { if case .object(let value) = self { value.keys.sorted() } else { [] } }

  var description: String {
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
struct ProcessResult {
  var status: Int32
  var stdout: Data
  var stderr: String
}

/// Whether an executable is on `PATH`.
func executableExists(_ name: String) -> Bool {
  let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
  return path.split(separator: ":").contains {
    FileManager.default.isExecutableFile(atPath: "\($0)/\(name)")
  }
}

/// Runs a program found on `PATH` and collects its output.
func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
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
func inspectWithOpenpyxl(_ path: String) throws -> JSON {
  let result = try run(["python3", "-c", openpyxlInspector, path])
  guard result.status == 0 else {
    Issue.record("openpyxl inspector failed (\(result.status)): \(result.stderr)")
    throw InspectorError.failed(result.stderr)
  }
  return try JSONDecoder().decode(JSON.self, from: result.stdout)
}

enum InspectorError: Error {
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

// MARK: The fixture workbooks

/// Writes the fixture document in `layout` to `directory` and returns the file's path.
func writeFixture(_ layout: WorkbookLayout, in directory: TemporaryDirectory) throws -> String {
  let path = directory.path("民生统计月报_2024-10_\(layout.rawValue).xlsx")
  try BulletinWorkbookWriter().write(fixtureDocument(layout: layout), to: URL(fileURLWithPath: path))
  return path
}

/// The fixture workbooks, written once per layout and read back by openpyxl.
let inspectedBulletin: Result<JSON, any Error> = Result {
  let directory = try TemporaryDirectory()
  return try inspectWithOpenpyxl(try writeFixture(.bulletin, in: directory))
}

/// See ``inspectedBulletin``.
let inspectedAccessible: Result<JSON, any Error> = Result {
  let directory = try TemporaryDirectory()
  return try inspectWithOpenpyxl(try writeFixture(.accessible, in: directory))
}

/// The inspected fixture workbook of `layout`.
func inspected(_ layout: WorkbookLayout) throws -> JSON {
  try (layout == .bulletin ? inspectedBulletin : inspectedAccessible).get()
}

/// `B5` → (row 5, column 1).
func coordinates(_ a1: String) -> (row: Int, column: Int) {
  let letters = a1.prefix { $0.isLetter }
  let column = letters.unicodeScalars.reduce(0) { $0 * 26 + Int($1.value) - 64 } - 1
  return (Int(a1.dropFirst(letters.count)) ?? 0, column)
}

/// `1` → `B`.
func columnLetter(_ column: Int) -> String {
  var name = ""
  var remaining = column + 1
  while remaining > 0 {
    name = String(UnicodeScalar(UInt8(65 + (remaining - 1) % 26))) + name
    remaining = (remaining - 1) / 26
  }
  return name
}

/// The row (1-based, as in A1 notation) whose column A shows `label`, optionally followed by
/// `[注n]` marks; nil when there is none.
func row(labelled label: String, in sheet: JSON) -> Int? {
  let cells = sheet["cells"]
  for address in cells.keys where coordinates(address).column == 0 {
    guard let text = cells[address]["value"].string, text.hasPrefix(label) else { continue }
    let rest = text.dropFirst(label.count)
    if rest.isEmpty || rest.wholeMatch(of: /(\[注\d+\])+/) != nil { return coordinates(address).row }
  }
  return nil
}

/// Each value cell of `table` with its address on the sheet.
func locatedCells(of table: TableContent, in sheet: JSON) -> [(address: String, cell: TableCell)] {
  var result: [(String, TableCell)] = []
  for tableRow in table.rows {
    guard let sheetRow = row(labelled: tableRow.label, in: sheet) else {
      Issue.record("no row labelled \(tableRow.label)")
      continue
    }
    for (column, cell) in tableRow.cells.enumerated() {
      result.append(("\(columnLetter(column + 1))\(sheetRow)", cell))
    }
  }
  return result
}

/// What Excel shows for `value` under the workbook's number formats (`#,##0`, `#,##0.0`, and the
/// signless `#,##0.0;#,##0.0`): the value taken to 15 significant digits, as Excel keeps it, then
/// rounded half away from zero.
func displayed(_ value: Double, numberFormat: String) -> String {
  let section = numberFormat.split(separator: ";").first.map(String.init) ?? numberFormat
  let decimals = section.split(separator: ".").dropFirst().first?.count ?? 0
  var exact = Decimal(string: String(format: "%.15g", value))!
  var rounded = Decimal()
  NSDecimalRound(&rounded, &exact, decimals, .plain)
  // Excel keeps the sign of a negative value that rounds to zero (-0.04 shows as -0.0).
  let negative = value < 0
  let magnitude = rounded < 0 ? -rounded : rounded
  let plain = NSDecimalNumber(decimal: magnitude).stringValue
  let parts = plain.split(separator: ".", omittingEmptySubsequences: false)
  var integer = String(parts[0])
  var fraction = parts.count > 1 ? String(parts[1]) : ""
  fraction += String(repeating: "0", count: max(0, decimals - fraction.count))
  if section.contains(",") {
    var grouped = ""
    for (index, digit) in integer.enumerated() {
      if index > 0 && (integer.count - index) % 3 == 0 { grouped.append(",") }
      grouped.append(digit)
    }
    integer = grouped
  }
  let sign = negative && !numberFormat.contains(";") ? "-" : ""
  return sign + integer + (decimals > 0 ? "." + fraction : "")
}
