internal import CXlsxWriter

/// The libxlsxwriter library this build links against.
public enum XLSXLibrary {
  /// libxlsxwriter's version string, e.g. `1.1.4`.
  public static var version: String { String(cString: lxw_version()) }
}
