#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// C copies of Swift strings that stay alive until the arena goes away.
///
/// libxlsxwriter copies every string it keeps, so a C string only has to outlive the call it is
/// passed to. For calls taking one string `String.withCString` is enough; calls taking structs with
/// several `char *` fields (document properties, table and validation options) fill them from an
/// arena scoped by ``withCStrings(_:sheet:_:)``.
final class CStringArena {
  private var storage: [UnsafeMutablePointer<CChar>] = []
  private var lists: [UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>] = []
  private let function: String
  private let sheet: String?

  fileprivate init(function: String, sheet: String?) {
    self.function = function
    self.sheet = sheet
  }

  /// A NUL-terminated copy of `text`, freed with the arena.
  func copy(_ text: String) throws(XLSXError) -> UnsafeMutablePointer<CChar> {
    guard !containsNUL(text) else {
      throw XLSXError(.embeddedNUL, function: function, sheet: sheet)
    }
    let pointer = strdup(text)!
    storage.append(pointer)
    return pointer
  }

  /// A copy of `text`, or `NULL` when it is `nil`.
  func copy(_ text: String?) throws(XLSXError) -> UnsafeMutablePointer<CChar>? {
    guard let text else { return nil }
    return try copy(text)
  }

  /// A NULL-terminated `char **` array of copies (its memory also belongs to the arena).
  func copyList(_ texts: [String]) throws(XLSXError) -> UnsafeMutablePointer<UnsafeMutablePointer<CChar>?> {
    let list = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: texts.count + 1)
    lists.append(list)
    list.initialize(repeating: nil, count: texts.count + 1)
    for (index, text) in texts.enumerated() {
      list[index] = try copy(text)
    }
    return list
  }

  deinit {
    for pointer in storage { free(pointer) }
    for list in lists { list.deallocate() }
  }
}

/// Runs `body` with an arena whose C strings stay alive until `body` has returned.
func withCStrings<Result>(
  _ function: String, sheet: String? = nil, _ body: (CStringArena) throws(XLSXError) -> Result
) throws(XLSXError) -> Result {
  let arena = CStringArena(function: function, sheet: sheet)
  defer { withExtendedLifetime(arena) {} }
  return try body(arena)
}

/// Runs `body` with a C copy of `text` alive for the call; rejects text containing NUL.
func withCString<Result>(
  _ text: String, _ function: String, sheet: String? = nil, cell: @autoclosure () -> String? = nil,
  _ body: (UnsafePointer<CChar>) -> Result
) throws(XLSXError) -> Result {
  guard !containsNUL(text) else {
    throw XLSXError(.embeddedNUL, function: function, sheet: sheet, cell: cell())
  }
  return text.withCString(body)
}

/// Like ``withCString(_:_:sheet:cell:_:)`` for an optional text (`NULL` when `nil`).
func withOptionalCString<Result>(
  _ text: String?, _ function: String, sheet: String? = nil, cell: String? = nil,
  _ body: (UnsafePointer<CChar>?) -> Result
) throws(XLSXError) -> Result {
  guard let text else { return body(nil) }
  return try withCString(text, function, sheet: sheet, cell: cell) { body($0) }
}

/// Whether `text` has a NUL byte, which C would take for its end (memchr: this runs for every
/// cell written).
func containsNUL(_ text: String) -> Bool {
  text.utf8.withContiguousStorageIfAvailable { bytes in
    guard let base = bytes.baseAddress, !bytes.isEmpty else { return false }
    return memchr(base, 0, bytes.count) != nil
  } ?? text.utf8.contains(0)
}
