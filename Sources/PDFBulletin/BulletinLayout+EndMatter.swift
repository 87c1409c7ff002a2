import Document
import Graphics

extension BulletinLayout {
  /// 注释 in small type: the numbered footnotes of absent figures (`[注1] …`), the general notes,
  /// the definitions (口径说明) and the data sources.
  mutating func endMatter() {
    let size = style.noteSize
    let width = area.width
    func note(_ spans: [TextSpan], hanging: Double = 0) -> TextBlock {
      TextBlock(
        spans, style: TextStyle(size: size, color: style.ink, wrapWidth: width, lineSpacing: 1.2),
        family: style.serif, isJustified: true, firstLineIndent: -hanging)
    }
    var blocks: [TextBlock] = []
    for footnote in document.footnotes {
      let mark = footnote.mark + " "
      let hanging = typesetter.measure(note([TextSpan(mark)]).wrapped(at: nil)).width
      blocks.append(note([TextSpan(mark, weight: .bold), TextSpan(footnote.text)], hanging: hanging))
    }
    for text in document.notes where !text.isEmpty {
      blocks.append(note([TextSpan(text)]))
    }
    let definitions = document.definitions.map { definition in
      note([TextSpan(definition.name + "：", weight: .bold), TextSpan(definition.text)])
    }
    let source = document.sourceLine.map { note([TextSpan($0)]) }
    guard !blocks.isEmpty || !definitions.isEmpty || source != nil else { return }

    space(style.sectionSpacing)
    let heading = style.heading("注释")
    let headingLines = typesetter.lines(of: heading)
    let first = (blocks + definitions).first.map { typesetter.lines(of: $0) } ?? []
    keep(height(of: headingLines) + style.headingSpaceAfter + startHeight(of: first))
    bookmark("注释", level: .topLevel)
    y += place(heading, lines: headingLines, x: area.minX, top: y, role: .heading) + style.headingSpaceAfter
    for block in blocks {
      flow(block, role: .note)
      space(3)
    }
    if !definitions.isEmpty {
      space(6)
      let subheading = style.heading("口径说明", size: 10)
      let lines = typesetter.lines(of: subheading)
      keep(height(of: lines) + 4 + startHeight(of: typesetter.lines(of: definitions[0])))
      y += place(subheading, lines: lines, x: area.minX, top: y, role: .heading) + 4
      for block in definitions {
        flow(block, role: .note)
        space(3)
      }
    }
    if let source {
      space(6)
      flow(source, role: .note)
    }
  }
}
