import CCairoPango

/// Finds the font families used for Chinese text: "Noto Sans CJK SC" first, then whatever else is
/// installed that pango can use and fontconfig says covers Chinese.
public enum FontCatalog {
  /// Families tried first, best first. Noto Sans CJK SC comes from Debian's `fonts-noto-cjk`.
  public static let preferredCJKFamilies = [
    "Noto Sans CJK SC", "Source Han Sans SC", "Source Han Sans CN", "Noto Sans SC",
    "WenQuanYi Zen Hei", "WenQuanYi Micro Hei", "Droid Sans Fallback", "AR PL UMing CN",
  ]

  /// The family list for text on this machine, computed once per process. Throws
  /// ``GraphicsError/noCJKFont(tried:)`` when nothing installed can show Chinese.
  public static func cjkFamilies() throws(GraphicsError) -> [String] {
    try resolved.get()
  }

  private static let resolved = Result { () throws(GraphicsError) -> [String] in
    try chooseCJKFamilies(pangoFamilies: pangoFamilies(), chineseFamilies: chineseFamilies())
  }

  /// Picks the family list from what pango lists and what fontconfig says covers Chinese: the
  /// preferred families that are present, in order, then the other Chinese-capable ones sorted by
  /// name, at most four in all (pango falls back along the list for missing glyphs).
  public static func chooseCJKFamilies(pangoFamilies: [String], chineseFamilies: [String])
    throws(GraphicsError) -> [String]
  {
    let usable = Set(pangoFamilies).intersection(chineseFamilies)
    var chosen = preferredCJKFamilies.filter { usable.contains($0) }
    chosen += usable.subtracting(chosen).filter { !$0.contains("Mono") }.sorted()
    guard !chosen.isEmpty else { throw .noCJKFont(tried: preferredCJKFamilies) }
    return Array(chosen.prefix(4))
  }

  /// Every family name pango's cairo font map knows (`pango_font_map_list_families`).
  public static func pangoFamilies() -> [String] {
    guard let map = pango_cairo_font_map_new() else { return [] }
    defer { g_object_unref(map) }
    var families: UnsafeMutablePointer<UnsafeMutablePointer<PangoFontFamily>?>?
    var count: Int32 = 0
    pango_font_map_list_families(map, &families, &count)
    guard let families else { return [] }
    defer { g_free(families) }
    return (0..<Int(count)).compactMap { i in
      families[i].flatMap { pango_font_family_get_name($0) }.map { String(cString: $0) }
    }
  }

  /// The families fontconfig lists as covering Simplified Chinese (`:lang=zh-cn`).
  public static func chineseFamilies() -> [String] {
    guard FcInit() != 0, let pattern = FcNameParse(":lang=zh-cn") else { return [] }
    defer { FcPatternDestroy(pattern) }
    guard let objects = FcObjectSetCreate() else { return [] }
    defer { FcObjectSetDestroy(objects) }
    FcObjectSetAdd(objects, "family")
    guard let list = FcFontList(nil, pattern, objects) else { return [] }
    defer { FcFontSetDestroy(list) }
    var names = Set<String>()
    for i in 0..<Int(list.pointee.nfont) {
      guard let font = list.pointee.fonts[i] else { continue }
      var index: Int32 = 0
      var value: UnsafeMutablePointer<FcChar8>?
      while FcPatternGetString(font, "family", index, &value) == FcResultMatch, let value {
        names.insert(String(cString: value))
        index += 1
      }
    }
    return names.sorted()
  }
}
