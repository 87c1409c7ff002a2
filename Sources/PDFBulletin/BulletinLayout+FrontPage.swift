import Document
import Graphics
import TextRules

extension BulletinLayout {
  /// The red masthead (红头): title, 第N期, office and release date on one line, a red double rule.
  mutating func masthead() {
    let width = area.width
    let title = TextBlock(
      [TextSpan(document.title, letterSpacing: 5)],
      style: TextStyle(size: 30, weight: .bold, color: style.red, alignment: .center, wrapWidth: width),
      family: style.serif)
    y += place(title, x: area.minX, top: y, role: .masthead) + 4
    let issue = TextBlock(
      "第\(document.issue)期",
      style: TextStyle(size: 12, color: style.ink, alignment: .center, wrapWidth: width), family: style.serif)
    y += place(issue, x: area.minX, top: y, role: .masthead) + 12

    let dateStyle = TextStyle(size: 11, color: style.ink, alignment: .right, wrapWidth: width)
    let date = TextBlock(document.releaseDate, style: dateStyle, family: style.serif)
    let dateWidth = typesetter.measure(date.wrapped(at: nil)).width
    let office = TextBlock(
      document.office,
      style: TextStyle(size: 11, color: style.ink, wrapWidth: width - dateWidth - 2 * 11), family: style.serif
    )
    let line = max(
      place(office, x: area.minX, top: y, role: .masthead), place(date, x: area.minX, top: y, role: .masthead)
    )
    y += line + 4
    // 文武线: a thick red rule over a thin one.
    for (offset, weight) in [(1.0, 2.0), (4.6, 0.6)] {
      add(
        PageItem(
          role: .masthead,
          shape: .line(
            from: Point(x: area.minX, y: y + offset), to: Point(x: area.maxX, y: y + offset),
            StrokeStyle(color: style.red, width: weight)),
          frame: Rect(x: area.minX, y: y + offset - weight / 2, width: width, height: weight)))
    }
    y += 5 + 16
  }

  /// A row (or rows) of headline cards: label, the value large with its unit small, 同比 with a
  /// ▲/▼/● mark in colour, and the progress against the target.
  mutating func headlines() {
    let cards = document.headlines
    guard !cards.isEmpty else { return }
    let rows = (cards.count + 3) / 4
    let perRow = (cards.count + rows - 1) / rows
    let gap = 8.0
    let width = (area.width - gap * Double(perRow - 1)) / Double(perRow)
    for start in stride(from: 0, to: cards.count, by: perRow) {
      let row = cards[start..<min(start + perRow, cards.count)]
      let contents = row.map { card(for: $0, width: width) }
      let height = contents.map(\.height).max()!
      keep(height)
      for (i, content) in contents.enumerated() {
        let x = area.minX + Double(i) * (width + gap)
        let box = Rect(x: x, y: y, width: width, height: height)
        add(PageItem(role: .card, shape: .fill(box, style.cardFill), frame: box))
        add(
          PageItem(
            role: .card,
            shape: .line(
              from: Point(x: x, y: y + 1), to: Point(x: x + width, y: y + 1),
              StrokeStyle(color: style.red, width: 2)),
            frame: Rect(x: x, y: y, width: width, height: 2)))
        for part in content.parts {
          place(part.block, lines: part.lines, x: x + CardContent.padding, top: y + part.top, role: .card)
        }
      }
      y += height + gap
    }
    y += 2
  }

  /// The texts of one card, stacked, and the card's height.
  struct CardContent {
    static let padding = 9.0
    var parts: [(block: TextBlock, lines: [TextLine], top: Double)] = []
    var height = 0.0
  }

  func card(for card: HeadlineCard, width: Double) -> CardContent {
    let inner = width - 2 * CardContent.padding
    var content = CardContent()
    var top = 9.0
    func stack(_ block: TextBlock, after gap: Double = 0) {
      top += gap
      let lines = typesetter.lines(of: block)
      content.parts.append((block, lines, top))
      top += height(of: lines)
    }
    stack(style.sans(card.label, size: 9, weight: .bold, color: style.secondary, width: inner))
    // The figure at the largest size (up to 21 pt) that keeps it with its unit on one line.
    var size = 21.0
    var value: TextBlock
    repeat {
      value = TextBlock(
        [
          TextSpan(card.value, size: size, weight: .bold),
          TextSpan(card.unit.isEmpty ? "" : " " + card.unit, size: 9, color: style.secondary),
        ], style: TextStyle(size: 9, color: style.ink), fontFeatures: "tnum")
      size -= 1
    } while typesetter.measure(value).width > inner && size > 10
    stack(value.wrapped(at: inner), after: 2)
    let label = TextSpan("同比 ", color: style.muted)
    let change: TextBlock
    if let text = card.change {
      let (mark, color): (String, Color) =
        switch card.direction {
        case .up: ("▲ ", style.up)
        case .down: ("▼ ", style.down)
        case .flat: ("● ", style.flat)
        case nil: ("", style.ink)
        }
      change = TextBlock(
        [label, TextSpan(mark + text, weight: .bold, color: color)],
        style: TextStyle(size: 9, color: style.ink, wrapWidth: inner), fontFeatures: "tnum")
    } else {
      change = TextBlock(
        [label, TextSpan(DecimalText.absentSymbol, color: style.muted)],
        style: TextStyle(size: 9, color: style.ink, wrapWidth: inner))
    }
    stack(change, after: 2)
    if let progress = card.progress, !progress.isEmpty {
      stack(style.sans(progress, size: 8, color: style.muted, width: inner), after: 3)
    }
    content.height = top + 9
    return content
  }

  /// The narrative: every section's heading and paragraphs.
  mutating func narrative() {
    for (index, section) in document.sections.enumerated() where !section.paragraphs.isEmpty {
      space(style.headingSpaceBefore)
      let heading = style.heading(section.title)
      let headingLines = typesetter.lines(of: heading)
      let first = typesetter.lines(of: style.body(section.paragraphs[0]))
      keep(height(of: headingLines) + style.headingSpaceAfter + startHeight(of: first))
      bookmark(section.title, level: .section(index))
      y += place(heading, lines: headingLines, x: area.minX, top: y, role: .heading) + style.headingSpaceAfter
      for (i, paragraph) in section.paragraphs.enumerated() {
        if i > 0 { space(style.paragraphSpacing) }
        flow(style.body(paragraph), role: .paragraph)
      }
    }
  }
}
