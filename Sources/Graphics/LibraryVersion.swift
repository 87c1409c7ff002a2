import CCairoPango

/// The cairo and pango libraries this build links against.
public enum GraphicsLibrary {
  /// cairo's version string, e.g. `1.16.0`.
  public static var cairoVersion: String { String(cString: cairo_version_string()) }
  /// pango's version string, e.g. `1.50.12`.
  public static var pangoVersion: String { String(cString: pango_version_string()) }
}
