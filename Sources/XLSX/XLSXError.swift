internal import CXlsxWriter

/// The one error type of the XLSX module.
///
/// Every `lxw_error` returned by libxlsxwriter becomes an `XLSXError` whose ``code`` keeps the C
/// enumerator's name (``cName``, e.g. `LXW_ERROR_SHEETNAME_ALREADY_USED`) and whose ``message`` is
/// the library's own text from `lxw_strerror`. Checks made on the Swift side of the boundary (a
/// closed workbook, a non-finite number, a handle from another workbook) use the same type, with
/// codes named `XLSX_…`. Each error carries the C function it came from and, where known, the
/// sheet and the cell or range.
public struct XLSXError: Error, Sendable, Equatable, CustomStringConvertible {
  /// What went wrong; the raw value is the C name of the error.
  public enum Code: String, Sendable, CaseIterable {
    case memoryMallocFailed = "LXW_ERROR_MEMORY_MALLOC_FAILED"
    case creatingXLSXFile = "LXW_ERROR_CREATING_XLSX_FILE"
    case creatingTmpfile = "LXW_ERROR_CREATING_TMPFILE"
    case readingTmpfile = "LXW_ERROR_READING_TMPFILE"
    case zipFileOperation = "LXW_ERROR_ZIP_FILE_OPERATION"
    case zipParameterError = "LXW_ERROR_ZIP_PARAMETER_ERROR"
    case zipBadZipFile = "LXW_ERROR_ZIP_BAD_ZIP_FILE"
    case zipInternalError = "LXW_ERROR_ZIP_INTERNAL_ERROR"
    case zipFileAdd = "LXW_ERROR_ZIP_FILE_ADD"
    case zipClose = "LXW_ERROR_ZIP_CLOSE"
    case featureNotSupported = "LXW_ERROR_FEATURE_NOT_SUPPORTED"
    case nullParameterIgnored = "LXW_ERROR_NULL_PARAMETER_IGNORED"
    case parameterValidation = "LXW_ERROR_PARAMETER_VALIDATION"
    case sheetnameLengthExceeded = "LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED"
    case invalidSheetnameCharacter = "LXW_ERROR_INVALID_SHEETNAME_CHARACTER"
    case sheetnameStartEndApostrophe = "LXW_ERROR_SHEETNAME_START_END_APOSTROPHE"
    case sheetnameAlreadyUsed = "LXW_ERROR_SHEETNAME_ALREADY_USED"
    case stringLength32Exceeded = "LXW_ERROR_32_STRING_LENGTH_EXCEEDED"
    case stringLength128Exceeded = "LXW_ERROR_128_STRING_LENGTH_EXCEEDED"
    case stringLength255Exceeded = "LXW_ERROR_255_STRING_LENGTH_EXCEEDED"
    case maxStringLengthExceeded = "LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED"
    case sharedStringIndexNotFound = "LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND"
    case worksheetIndexOutOfRange = "LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE"
    case worksheetMaxURLLengthExceeded = "LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED"
    case worksheetMaxNumberURLsExceeded = "LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED"
    case imageDimensions = "LXW_ERROR_IMAGE_DIMENSIONS"
    /// An `lxw_error` value this wrapper does not know (a newer libxlsxwriter).
    case unknownLibraryError = "LXW_ERROR_UNKNOWN"

    /// The workbook was closed (or failed to close); its C objects are gone.
    case workbookClosed = "XLSX_WORKBOOK_CLOSED"
    /// A NaN or infinite number: a cell cannot hold it. Decide absent values in the model.
    case nonFiniteNumber = "XLSX_NON_FINITE_NUMBER"
    /// A format or chart handle created by another workbook.
    case foreignHandle = "XLSX_FOREIGN_HANDLE"
    /// A sheet name that is not a worksheet of this workbook.
    case unknownSheet = "XLSX_UNKNOWN_SHEET"
    /// A text that contains a NUL character, which C strings cannot carry.
    case embeddedNUL = "XLSX_EMBEDDED_NUL"

    /// The C name of the error (`LXW_ERROR_…`), or the Swift-side name (`XLSX_…`).
    public var cName: String { rawValue }

    /// Whether the error comes from libxlsxwriter (as opposed to a Swift-side check).
    public var isLibraryError: Bool { rawValue.hasPrefix("LXW_") }
  }

  /// What went wrong.
  public let code: Code
  /// libxlsxwriter's description (`lxw_strerror`) or the Swift-side explanation.
  public let message: String
  /// The C function (or Swift-side check) that reported the error, e.g. `worksheet_write_string`.
  public let function: String
  /// The worksheet concerned, if any.
  public let sheet: String?
  /// The cell or range concerned in A1 notation, if any.
  public let cell: String?

  /// The C name of the error, e.g. `LXW_ERROR_SHEETNAME_ALREADY_USED`.
  public var cName: String { code.cName }

  /// Makes an error; `message` defaults to the library's description for library codes.
  public init(
    _ code: Code, message: String? = nil, function: String, sheet: String? = nil, cell: String? = nil
  ) {
    self.code = code
    self.message = message ?? code.defaultMessage
    self.function = function
    self.sheet = sheet
    self.cell = cell
  }

  /// `function: NAME (message) [sheet 'S', cell B5]`.
  public var description: String {
    var context: [String] = []
    if let sheet { context.append("sheet '\(sheet)'") }
    if let cell { context.append("cell \(cell)") }
    let suffix = context.isEmpty ? "" : " [\(context.joined(separator: ", "))]"
    return "\(function): \(cName) (\(message))\(suffix)"
  }
}

extension XLSXError.Code {
  /// Maps a C status to a code; `nil` for `LXW_NO_ERROR`.
  init?(_ status: lxw_error) {
    switch status {
    case LXW_NO_ERROR: return nil
    case LXW_ERROR_MEMORY_MALLOC_FAILED: self = .memoryMallocFailed
    case LXW_ERROR_CREATING_XLSX_FILE: self = .creatingXLSXFile
    case LXW_ERROR_CREATING_TMPFILE: self = .creatingTmpfile
    case LXW_ERROR_READING_TMPFILE: self = .readingTmpfile
    case LXW_ERROR_ZIP_FILE_OPERATION: self = .zipFileOperation
    case LXW_ERROR_ZIP_PARAMETER_ERROR: self = .zipParameterError
    case LXW_ERROR_ZIP_BAD_ZIP_FILE: self = .zipBadZipFile
    case LXW_ERROR_ZIP_INTERNAL_ERROR: self = .zipInternalError
    case LXW_ERROR_ZIP_FILE_ADD: self = .zipFileAdd
    case LXW_ERROR_ZIP_CLOSE: self = .zipClose
    case LXW_ERROR_FEATURE_NOT_SUPPORTED: self = .featureNotSupported
    case LXW_ERROR_NULL_PARAMETER_IGNORED: self = .nullParameterIgnored
    case LXW_ERROR_PARAMETER_VALIDATION: self = .parameterValidation
    case LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED: self = .sheetnameLengthExceeded
    case LXW_ERROR_INVALID_SHEETNAME_CHARACTER: self = .invalidSheetnameCharacter
    case LXW_ERROR_SHEETNAME_START_END_APOSTROPHE: self = .sheetnameStartEndApostrophe
    case LXW_ERROR_SHEETNAME_ALREADY_USED: self = .sheetnameAlreadyUsed
    case LXW_ERROR_32_STRING_LENGTH_EXCEEDED: self = .stringLength32Exceeded
    case LXW_ERROR_128_STRING_LENGTH_EXCEEDED: self = .stringLength128Exceeded
    case LXW_ERROR_255_STRING_LENGTH_EXCEEDED: self = .stringLength255Exceeded
    case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED: self = .maxStringLengthExceeded
    case LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND: self = .sharedStringIndexNotFound
    case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE: self = .worksheetIndexOutOfRange
    case LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED: self = .worksheetMaxURLLengthExceeded
    case LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED: self = .worksheetMaxNumberURLsExceeded
    case LXW_ERROR_IMAGE_DIMENSIONS: self = .imageDimensions
    default: self = .unknownLibraryError
    }
  }

  /// The C enumerator for a library code (used to ask `lxw_strerror` for its text).
  private var status: lxw_error? {
    switch self {
    case .memoryMallocFailed: LXW_ERROR_MEMORY_MALLOC_FAILED
    case .creatingXLSXFile: LXW_ERROR_CREATING_XLSX_FILE
    case .creatingTmpfile: LXW_ERROR_CREATING_TMPFILE
    case .readingTmpfile: LXW_ERROR_READING_TMPFILE
    case .zipFileOperation: LXW_ERROR_ZIP_FILE_OPERATION
    case .zipParameterError: LXW_ERROR_ZIP_PARAMETER_ERROR
    case .zipBadZipFile: LXW_ERROR_ZIP_BAD_ZIP_FILE
    case .zipInternalError: LXW_ERROR_ZIP_INTERNAL_ERROR
    case .zipFileAdd: LXW_ERROR_ZIP_FILE_ADD
    case .zipClose: LXW_ERROR_ZIP_CLOSE
    case .featureNotSupported: LXW_ERROR_FEATURE_NOT_SUPPORTED
    case .nullParameterIgnored: LXW_ERROR_NULL_PARAMETER_IGNORED
    case .parameterValidation: LXW_ERROR_PARAMETER_VALIDATION
    case .sheetnameLengthExceeded: LXW_ERROR_SHEETNAME_LENGTH_EXCEEDED
    case .invalidSheetnameCharacter: LXW_ERROR_INVALID_SHEETNAME_CHARACTER
    case .sheetnameStartEndApostrophe: LXW_ERROR_SHEETNAME_START_END_APOSTROPHE
    case .sheetnameAlreadyUsed: LXW_ERROR_SHEETNAME_ALREADY_USED
    case .stringLength32Exceeded: LXW_ERROR_32_STRING_LENGTH_EXCEEDED
    case .stringLength128Exceeded: LXW_ERROR_128_STRING_LENGTH_EXCEEDED
    case .stringLength255Exceeded: LXW_ERROR_255_STRING_LENGTH_EXCEEDED
    case .maxStringLengthExceeded: LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
    case .sharedStringIndexNotFound: LXW_ERROR_SHARED_STRING_INDEX_NOT_FOUND
    case .worksheetIndexOutOfRange: LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE
    case .worksheetMaxURLLengthExceeded: LXW_ERROR_WORKSHEET_MAX_URL_LENGTH_EXCEEDED
    case .worksheetMaxNumberURLsExceeded: LXW_ERROR_WORKSHEET_MAX_NUMBER_URLS_EXCEEDED
    case .imageDimensions: LXW_ERROR_IMAGE_DIMENSIONS
    case .unknownLibraryError, .workbookClosed, .nonFiniteNumber, .foreignHandle, .unknownSheet,
      .embeddedNUL:
      nil
    }
  }

  /// `lxw_strerror`'s text for library codes; a fixed explanation for Swift-side ones.
  var defaultMessage: String {
    if let status { return String(cString: lxw_strerror(status)) }
    switch self {
    case .workbookClosed: return "The workbook is closed; its worksheets, formats and charts are gone."
    case .nonFiniteNumber: return "A cell cannot hold NaN or an infinite number."
    case .foreignHandle: return "The format or chart belongs to another workbook."
    case .unknownSheet: return "No worksheet of this workbook has that name."
    case .embeddedNUL: return "The text contains a NUL character."
    default: return "Unknown libxlsxwriter error."
    }
  }
}

/// Throws an ``XLSXError`` for any status other than `LXW_NO_ERROR`: the one place C statuses are checked.
///
/// `cell` is only rendered on failure: naming a cell (`B5`) costs more than writing one.
func check(
  _ status: lxw_error, _ function: String, sheet: String? = nil, cell: @autoclosure () -> String? = nil
) throws(XLSXError) {
  guard let code = XLSXError.Code(status) else { return }
  let message =
    code == .unknownLibraryError
    ? "\(String(cString: lxw_strerror(status))) (lxw_error \(status.rawValue))" : nil
  throw XLSXError(code, message: message, function: function, sheet: sheet, cell: cell())
}
