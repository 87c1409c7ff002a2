import Graphics
import TestSupport
import Testing

@Suite struct FontTests {
  @Test func notoSansCJKSCComesFirst() throws {
    let families = try FontCatalog.cjkFamilies()
    #expect(families.first == "Noto Sans CJK SC")
    #expect(FontCatalog.pangoFamilies().contains("Noto Sans CJK SC"))
    #expect(FontCatalog.chineseFamilies().contains("Noto Sans CJK SC"))
  }

  @Test func otherChineseFamiliesAreUsedWhenNotoIsMissing() throws {
    let chosen = try FontCatalog.chooseCJKFamilies(
      pangoFamilies: ["DejaVu Sans", "WenQuanYi Micro Hei", "Foo Song"],
      chineseFamilies: ["WenQuanYi Micro Hei", "Foo Song"])
    #expect(chosen == ["WenQuanYi Micro Hei", "Foo Song"])
  }

  @Test func noChineseFontIsAClearError() {
    #expect {
      try FontCatalog.chooseCJKFamilies(pangoFamilies: ["DejaVu Sans"], chineseFamilies: [])
    } throws: { error in
      guard let error = error as? GraphicsError, case .noCJKFont = error else { return false }
      return error.description.contains("fonts-noto-cjk")
        && error.description.contains("Noto Sans CJK SC")
    }
  }
}

@Suite struct TypesetterTests {
  let typesetter: Typesetter

  init() throws { typesetter = try Typesetter() }

  @Test func chineseCharactersAreOneEmWide() {
    let size = typesetter.measure("西湖区", style: TextStyle(size: 10))
    #expect(abs(size.width - 30) < 0.01)
    // Noto Sans CJK's line height is about 1.45 em.
    #expect(size.height > 13 && size.height < 16)
  }

  @Test func sizeScalesWithFontSize() {
    let small = typesetter.measure("江川经济技术开发区 1,234件", style: TextStyle(size: 8))
    let large = typesetter.measure("江川经济技术开发区 1,234件", style: TextStyle(size: 16))
    #expect(abs(large.width - 2 * small.width) < 0.05)
  }

  @Test func boldIsWiderOrEqual() {
    let regular = typesetter.measure("Total 1,234", style: TextStyle(size: 12))
    let bold = typesetter.measure("Total 1,234", style: TextStyle(size: 12, weight: .bold))
    #expect(bold.width >= regular.width)
  }

  @Test func wrapWidthBreaksBetweenChineseCharacters() {
    let style = TextStyle(size: 10, wrapWidth: 42)
    #expect(typesetter.lineCount("江川经济技术开发区", style: style) == 3)
    let size = typesetter.measure("江川经济技术开发区", style: style)
    #expect(size.width <= 42)
  }

  @Test func lineBreaksKeepPunctuationOffTheLineStart() {
    // 8 characters per line would put "，" at the start of line 2; pango keeps it on line 1.
    let style = TextStyle(size: 10, wrapWidth: 80)
    #expect(typesetter.lineCount("一二三四五六七八，九十", style: style) == 2)
    let twoLines = typesetter.measure("一二三四五六七八，九十", style: style)
    #expect(twoLines.width <= 80)
  }

  @Test func measurementsDoNotDependOnTheSurfaceScale() throws {
    let image = try ImageSurface(widthPx: 100, heightPx: 100, scale: 200.0 / 72)
    let context = try image.makeContext()
    let other = try Typesetter()
    let text = "城镇新增就业 4.35万人，同比增长3.2%"
    #expect(
      context.measure(text, style: TextStyle(size: 9)) == other.measure(text, style: TextStyle(size: 9)))
  }
}

@Suite struct TextPlacementTests {
  @Test func anchorsPlaceTheBox() {
    let size = Size(width: 40, height: 10)
    let p = TextPlacement(size: size, position: Point(x: 100, y: 50), anchor: .bottomRight)
    #expect(p.bounds == Rect(x: 60, y: 40, width: 40, height: 10))
    let c = TextPlacement(size: size, position: Point(x: 100, y: 50), anchor: .center)
    #expect(c.bounds == Rect(x: 80, y: 45, width: 40, height: 10))
  }

  @Test func rotationTurnsCounterClockwiseAboutTheAnchor() {
    let p = TextPlacement(
      size: Size(width: 40, height: 10), position: Point(x: 100, y: 50), anchor: .left, rotation: 90)
    let b = p.bounds
    // Reading upwards: the box now rises 40 pt above the anchor and is 10 pt wide.
    #expect(abs(b.minX - 95) < 1e-9 && abs(b.maxX - 105) < 1e-9)
    #expect(abs(b.minY - 10) < 1e-9 && abs(b.maxY - 50) < 1e-9)
  }
}
