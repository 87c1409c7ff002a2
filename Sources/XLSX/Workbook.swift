internal import CXlsxWriter
import Foundation

/// How a workbook is written (libxlsxwriter's `lxw_workbook_options`).
///
/// `constant_memory` is always off: the bulletin writes cells out of row order (titles, then
/// tables, then merged headers), which constant-memory mode forbids; a bulletin is small.
public struct WorkbookOptions: Hashable, Sendable {
  /// Directory for libxlsxwriter's temporary files; the system's (`tmpfile()`) when `nil`.
  public var temporaryDirectory: String?
  /// Allow ZIP64 extensions (only needed for parts over 4 GB).
  public var useZip64: Bool

  /// Options; the defaults suit every bulletin.
  public init(temporaryDirectory: String? = nil, useZip64: Bool = false) {
    self.temporaryDirectory = temporaryDirectory
    self.useZip64 = useZip64
  }
}

/// The workbook's document properties (File ▸ Properties in Excel).
///
/// They are written when the workbook is closed. `created` always has a fixed value, so the
/// same input gives the same bytes: libxlsxwriter would otherwise stamp the current time.
public struct DocumentProperties: Hashable, Sendable {
  /// Title, e.g. `民生统计月报（2024年10月）`.
  public var title: String?
  /// Subject.
  public var subject: String?
  /// Author; the bulletin puts the issuing office here.
  public var author: String?
  /// Manager.
  public var manager: String?
  /// Company.
  public var company: String?
  /// Category.
  public var category: String?
  /// Keywords, e.g. `信访,就业,社会保险`.
  public var keywords: String?
  /// Comments.
  public var comments: String?
  /// Status.
  public var status: String?
  /// Document language, e.g. `zh-CN`.
  ///
  /// libxlsxwriter 1.1.4 writes no `dc:language` core property, so this is written as the
  /// custom property `Language` (File ▸ Properties ▸ Custom) instead.
  public var language: String?
  /// Creation (and modification) time. Must be after 1970-01-01T00:00:01Z: libxlsxwriter takes
  /// 0 to mean "now". Defaults to ``DocumentProperties/fixedCreationDate``.
  public var created: Date

  /// 2000-01-01T00:00:00Z, the creation time when none is given.
  public static let fixedCreationDate = Date(timeIntervalSince1970: 946_684_800)

  /// Properties; absent fields are left out of the file.
  public init(
    title: String? = nil, subject: String? = nil, author: String? = nil, manager: String? = nil,
    company: String? = nil, category: String? = nil, keywords: String? = nil, comments: String? = nil,
    status: String? = nil, language: String? = nil, created: Date = DocumentProperties.fixedCreationDate
  ) {
    self.title = title
    self.subject = subject
    self.author = author
    self.manager = manager
    self.company = company
    self.category = category
    self.keywords = keywords
    self.comments = comments
    self.status = status
    self.language = language
    self.created = created
  }
}

/// An XLSX file being written: owns libxlsxwriter's `lxw_workbook`.
///
/// Worksheets, formats and charts belong to the workbook in C; their Swift handles
/// (``Worksheet``, ``Format``, ``Chart``) keep the `Workbook` object alive but not the C objects
/// after ``close()``: any use of a handle after that throws `XLSX_WORKBOOK_CLOSED`.
///
/// The file is written by ``close()``. `workbook_close` frees the C workbook whatever it returns,
/// so `close()` drops the pointer on every path; a workbook that is never closed explicitly is
/// closed (and written) in `deinit`, where an error can only be dropped — call `close()`.
///
/// Not thread-safe (libxlsxwriter is not): use a workbook from one task at a time.
public final class Workbook {
  /// Where the file is written on ``close()``.
  public let path: String
  /// Document properties, written on ``close()``.
  public var properties = DocumentProperties()

  private var handle: UnsafeMutablePointer<lxw_workbook>?
  private var formats: [FormatSpec: UnsafeMutablePointer<lxw_format>] = [:]
  private var sheets: [SheetState] = []

  /// Starts a workbook to be written to `path` on ``close()``.
  ///
  /// Nothing is written yet, so an unwritable path is only reported by `close()`
  /// (`LXW_ERROR_CREATING_XLSX_FILE`).
  public init(path: String, options: WorkbookOptions = WorkbookOptions()) throws(XLSXError) {
    self.path = path
    let created = try withCStrings("workbook_new_opt") { arena throws(XLSXError) in
      var cOptions = lxw_workbook_options(
        constant_memory: UInt8(LXW_FALSE.rawValue), tmpdir: try arena.copy(options.temporaryDirectory),
        use_zip64: options.useZip64 ? UInt8(LXW_TRUE.rawValue) : UInt8(LXW_FALSE.rawValue))
      return workbook_new_opt(try arena.copy(path), &cOptions)
    }
    guard let created else { throw XLSXError(.memoryMallocFailed, function: "workbook_new_opt") }
    handle = created
  }

  deinit {
    try? close()
  }

  /// Whether ``close()`` has run (successfully or not).
  public var isClosed: Bool { handle == nil }

  /// The C workbook, or `XLSX_WORKBOOK_CLOSED`.
  func open(_ function: String, sheet: String? = nil, cell: @autoclosure () -> String? = nil)
    throws(XLSXError)
    -> UnsafeMutablePointer<lxw_workbook>
  {
    guard let handle else { throw XLSXError(.workbookClosed, function: function, sheet: sheet, cell: cell()) }
    return handle
  }

  // MARK: Worksheets

  /// Adds a worksheet named `name`.
  ///
  /// The name is checked by libxlsxwriter's `workbook_validate_sheet_name` (at most 31
  /// characters, none of `[ ] : * ? / \`, no leading or trailing apostrophe, not in use) and
  /// then, on the Swift side, for what 1.1.4 lets through: an empty name, more than 31 UTF-16
  /// code units (Excel's own count; CJK characters count one each) and a name already used in
  /// another letter case (Excel compares sheet names case-insensitively).
  public func addWorksheet(named name: String) throws(XLSXError) -> Worksheet {
    let function = "workbook_validate_sheet_name"
    let workbook = try open(function, sheet: name)
    let status = try withCString(name, function, sheet: name) { workbook_validate_sheet_name(workbook, $0) }
    try check(status, function, sheet: name)
    if name.isEmpty {
      throw XLSXError(
        .parameterValidation, message: "A worksheet name cannot be empty.", function: function, sheet: name)
    }
    if name.utf16.count > 31 {
      throw XLSXError(.sheetnameLengthExceeded, function: function, sheet: name)
    }
    if sheets.contains(where: { $0.name.lowercased() == name.lowercased() }) {
      throw XLSXError(.sheetnameAlreadyUsed, function: function, sheet: name)
    }
    let added = try withCString(name, "workbook_add_worksheet", sheet: name) {
      workbook_add_worksheet(workbook, $0)
    }
    guard let added else {
      throw XLSXError(.memoryMallocFailed, function: "workbook_add_worksheet", sheet: name)
    }
    let state = SheetState(pointer: added, name: name, index: sheets.count)
    sheets.append(state)
    return Worksheet(workbook: self, state: state)
  }

  /// The worksheets in tab order.
  public var worksheets: [Worksheet] { sheets.map { Worksheet(workbook: self, state: $0) } }

  /// The worksheet named exactly `name`, if any.
  public func worksheet(named name: String) -> Worksheet? {
    sheets.first { $0.name == name }.map { Worksheet(workbook: self, state: $0) }
  }

  /// Throws `XLSX_UNKNOWN_SHEET` unless a worksheet is named `name`.
  func requireSheet(_ name: String, _ function: String) throws(XLSXError) {
    guard sheets.contains(where: { $0.name == name }) else {
      throw XLSXError(.unknownSheet, function: function, sheet: name)
    }
  }

  // MARK: Formats

  /// The format for `spec`: created on first use, then the same `lxw_format` for every equal spec.
  public func format(_ spec: FormatSpec) throws(XLSXError) -> Format {
    let workbook = try open("workbook_add_format")
    if let existing = formats[spec] { return Format(workbook: self, spec: spec, pointer: existing) }
    guard let created = workbook_add_format(workbook) else {
      throw XLSXError(.memoryMallocFailed, function: "workbook_add_format")
    }
    spec.apply(to: created)
    formats[spec] = created
    return Format(workbook: self, spec: spec, pointer: created)
  }

  /// Number of distinct formats created so far (each distinct ``FormatSpec`` counts once).
  public var formatCount: Int { formats.count }

  // MARK: Charts

  /// Adds a chart of the given kind, to be filled with series and inserted into a worksheet.
  public func addChart(_ kind: ChartKind) throws(XLSXError) -> Chart {
    let workbook = try open("workbook_add_chart")
    guard let chart = workbook_add_chart(workbook, kind.lxw) else {
      throw XLSXError(.memoryMallocFailed, function: "workbook_add_chart")
    }
    return Chart(workbook: self, pointer: chart, kind: kind)
  }

  // MARK: Names and properties

  /// Defines a workbook-wide name, e.g. `defineName("地区", refersTo: "='数据'!$A$2:$A$20")`;
  /// `'Sheet'!Name` as the name makes it local to that sheet.
  public func defineName(_ name: String, refersTo formula: String) throws(XLSXError) {
    let function = "workbook_define_name"
    let workbook = try open(function)
    let status = try withCStrings(function) { arena throws(XLSXError) in
      workbook_define_name(workbook, try arena.copy(name), try arena.copy(formula))
    }
    try check(status, function)
  }

  /// Sets a custom document property (File ▸ Properties ▸ Custom) to a text.
  public func setCustomProperty(_ name: String, text value: String) throws(XLSXError) {
    let function = "workbook_set_custom_property_string"
    let workbook = try open(function)
    let status = try withCStrings(function) { arena throws(XLSXError) in
      workbook_set_custom_property_string(workbook, try arena.copy(name), try arena.copy(value))
    }
    try check(status, function)
  }

  /// Sets a custom document property to a number.
  public func setCustomProperty(_ name: String, number value: Double) throws(XLSXError) {
    let function = "workbook_set_custom_property_number"
    let workbook = try open(function)
    guard value.isFinite else { throw XLSXError(.nonFiniteNumber, function: function) }
    let status = try withCString(name, function) { workbook_set_custom_property_number(workbook, $0, value) }
    try check(status, function)
  }

  /// Sets a custom document property to a yes/no value.
  public func setCustomProperty(_ name: String, bool value: Bool) throws(XLSXError) {
    let function = "workbook_set_custom_property_boolean"
    let workbook = try open(function)
    let status = try withCString(name, function) {
      workbook_set_custom_property_boolean(workbook, $0, value ? 1 : 0)
    }
    try check(status, function)
  }

  // MARK: Closing

  /// Writes the file and frees the C workbook.
  ///
  /// The pointer is dropped whatever happens: `workbook_close` frees the workbook on every path,
  /// including failure. Calling `close()` again does nothing.
  public func close() throws(XLSXError) {
    guard let workbook = handle else { return }
    handle = nil
    formats.removeAll()
    var firstError: XLSXError?
    do {
      try writeProperties(workbook)
    } catch {
      firstError = error
    }
    let status = workbook_close(workbook)
    do {
      try check(status, "workbook_close")
    } catch {
      firstError = firstError ?? error
    }
    if let firstError { throw firstError }
  }

  private func writeProperties(_ workbook: UnsafeMutablePointer<lxw_workbook>) throws(XLSXError) {
    let properties = self.properties
    let function = "workbook_set_properties"
    let status = try withCStrings(function) { arena throws(XLSXError) in
      var cProperties = lxw_doc_properties()
      cProperties.title = try arena.copy(properties.title)
      cProperties.subject = try arena.copy(properties.subject)
      cProperties.author = try arena.copy(properties.author)
      cProperties.manager = try arena.copy(properties.manager)
      cProperties.company = try arena.copy(properties.company)
      cProperties.category = try arena.copy(properties.category)
      cProperties.keywords = try arena.copy(properties.keywords)
      cProperties.comments = try arena.copy(properties.comments)
      cProperties.status = try arena.copy(properties.status)
      cProperties.created = time_t(max(1, properties.created.timeIntervalSince1970.rounded(.down)))
      return workbook_set_properties(workbook, &cProperties)
    }
    try check(status, function)
    if let language = properties.language {
      let function = "workbook_set_custom_property_string"
      let status = try withCStrings(function) { arena throws(XLSXError) in
        workbook_set_custom_property_string(workbook, try arena.copy("Language"), try arena.copy(language))
      }
      try check(status, function)
    }
  }
}

/// A cell format owned by a workbook; get one with ``Workbook/format(_:)``.
///
/// A non-owning handle: the C format lives as long as the workbook is open.
public struct Format: Hashable {
  let workbook: Workbook
  /// The spec this format was made from.
  public let spec: FormatSpec
  let pointer: UnsafeMutablePointer<lxw_format>

  /// Formats are equal when they belong to the same workbook and have equal specs.
  public static func == (lhs: Format, rhs: Format) -> Bool {
    lhs.workbook === rhs.workbook && lhs.spec == rhs.spec
  }

  /// Hashes the owning workbook's identity and the spec.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(ObjectIdentifier(workbook))
    hasher.combine(spec)
  }
}
