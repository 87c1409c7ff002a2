import ChartModel
import Charts
import Document
import Graphics

extension BulletinLayout {
  /// The pages after the narrative: per section, its heading, its charts, then its tables, with
  /// `blockSpacing` between them (none under the heading, more above the next heading).
  mutating func chartsAndTables() {
    for (index, section) in document.sections.enumerated()
    where !section.charts.isEmpty || !section.tables.isEmpty {
      space(style.sectionSpacing)
      let heading = style.heading(section.title)
      let lines = typesetter.lines(of: heading)
      let next: Double
      if section.charts.isEmpty {
        let table = section.tables[0]
        next = tableStartHeight(table, geometry: geometry(of: table), tail: tableTail(table))
      } else {
        next = style.chartHeight
      }
      // A little more room under the heading than in the narrative: a caption follows, not text.
      let after = style.headingSpaceAfter + 5
      keep(height(of: lines) + after + next)
      if section.paragraphs.isEmpty { bookmark(section.title, level: .section(index)) }
      y += place(heading, lines: lines, x: area.minX, top: y, role: .heading) + after
      for (i, chart) in section.charts.enumerated() {
        if i > 0 { space(style.blockSpacing) }
        place(chart, section: index)
      }
      for (i, table) in section.tables.enumerated() {
        if i > 0 || !section.charts.isEmpty { space(style.blockSpacing) }
        flow(table, section: index)
      }
    }
  }

  // MARK: Charts

  /// A chart at full text width, 9:16, its numbered caption (图N …) as its title.
  mutating func place(_ chart: ChartContent, section: Int) {
    let height = style.chartHeight
    keep(height)
    bookmark(chart.caption, level: .item(section: section))
    var spec = chart.spec
    spec.title = chart.caption
    let theme = style.chartTheme
    let content = Rect(x: area.minX, y: y, width: area.width, height: height)
    let rect = content.insetBy(dx: -theme.padding, dy: -theme.padding)
    add(
      PageItem(
        role: .chart(number: chart.number), shape: .chart(spec, rect: rect, theme: theme), frame: content))
    y += height
  }

  // MARK: Tables

  func geometry(of table: TableContent) -> TableGeometry {
    TableGeometry(table: table, width: area.width, style: style, typesetter: typesetter)
  }

  func caption(of table: TableContent, continued: Bool) -> TextBlock {
    style.sans(
      table.caption + (continued ? "（续）" : ""), size: style.captionSize, weight: .bold, alignment: .center,
      width: area.width)
  }

  func subtitle(of table: TableContent) -> TextBlock {
    style.sans(table.subtitle, size: 8.5, color: style.muted, alignment: .right, width: area.width)
  }

  /// Caption, subtitle and the gaps around them.
  func tableTopHeight(_ table: TableContent, continued: Bool) -> Double {
    var total = height(of: typesetter.lines(of: caption(of: table, continued: continued))) + 3
    if !table.subtitle.isEmpty { total += height(of: typesetter.lines(of: subtitle(of: table))) + 2 }
    return total
  }

  /// The height of the whole table, notes included.
  func tableHeight(_ table: TableContent, geometry: TableGeometry, tail: [TailPart]) -> Double {
    tableTopHeight(table, continued: false) + geometry.headerHeight + geometry.rowHeights.reduce(0, +)
      + TableGeometry.thickRule + tailHeight(tail)
  }

  /// What must fit for a table to start on this page: all of a table up to half a page high (it
  /// is never split); half the rows of a table that would fit on a page of its own (so that it is
  /// not cut into a stub and a rest); else caption, header and three rows.
  func tableStartHeight(_ table: TableContent, geometry: TableGeometry, tail: [TailPart]) -> Double {
    let whole = tableHeight(table, geometry: geometry, tail: tail)
    if whole <= area.height / 2 { return whole }
    let rows = whole <= area.height ? (table.rows.count + 1) / 2 : 3
    return tableTopHeight(table, continued: false) + geometry.headerHeight
      + geometry.rowHeights.prefix(rows).reduce(0, +) + TableGeometry.thickRule
  }

  /// The gap over the notes, the notes and the gaps between them.
  func tailHeight(_ tail: [TailPart]) -> Double {
    tail.isEmpty ? 0 : tail.reduce(4) { $0 + height(of: $1.lines) + 1 }
  }

  /// One line (or paragraph) of the notes under a table.
  typealias TailPart = (block: TextBlock, lines: [TextLine], x: Double)

  /// The notes and source under a table: `注：…` lines, then `资料来源：…`.
  func tableTail(_ table: TableContent) -> [TailPart] {
    let size = style.tableNoteSize
    var parts: [TailPart] = []
    let prefix = "注："
    let indent = typesetter.measure(style.sans(prefix, size: size)).width
    for (i, note) in table.notes.enumerated() where !note.isEmpty {
      let block: TextBlock
      let x: Double
      if note.hasPrefix("注") {
        block = style.sans(note, size: size, color: style.secondary, width: area.width)
        x = area.minX
      } else if i == 0 {
        var b = style.sans(prefix + note, size: size, color: style.secondary, width: area.width)
        b.firstLineIndent = -indent
        block = b
        x = area.minX
      } else {
        block = style.sans(note, size: size, color: style.secondary, width: area.width - indent)
        x = area.minX + indent
      }
      parts.append((block, typesetter.lines(of: block), x))
    }
    if let line = table.sourceLine {
      let block = style.sans(line, size: size, color: style.secondary, width: area.width)
      parts.append((block, typesetter.lines(of: block), area.minX))
    }
    return parts
  }

  /// Flows a table: rows never split; a page break repeats the caption as `表N（续）`, the
  /// subtitle and the header; the notes stay with the last rows.
  mutating func flow(_ table: TableContent, section: Int) {
    let geometry = geometry(of: table)
    let tail = tableTail(table)
    let tailHeight = tailHeight(tail)
    var next = 0
    var continued = false
    keep(tableStartHeight(table, geometry: geometry, tail: tail))
    while true {
      let top = tableTopHeight(table, continued: continued) + geometry.headerHeight
      let bottom = TableGeometry.thickRule
      var fit = 0
      var used = top + bottom
      while next + fit < table.rows.count, used + geometry.rowHeights[next + fit] <= remaining + 0.01 {
        used += geometry.rowHeights[next + fit]
        fit += 1
      }
      let left = table.rows.count - next
      if fit == left {
        // The notes go with the last rows: if they do not fit, carry rows over with them.
        if used + tailHeight > remaining + 0.01 && !tail.isEmpty {
          fit = max(0, min(fit, left - 2))
        }
      } else if left - fit < 2 {
        fit = max(0, left - 2)
      }
      if fit < min(continued ? 1 : 3, left) && !isAtPageTop {
        newPage()
        continue
      }
      if fit == 0 && left > 0 { fit = 1 }
      if !continued { bookmark(table.caption, level: .item(section: section)) }
      placeChunk(table, geometry: geometry, rows: next..<next + fit, continued: continued)
      next += fit
      if next >= table.rows.count { break }
      newPage()
      continued = true
    }
    if !tail.isEmpty {
      y += 4
      for (block, lines, x) in tail {
        keep(height(of: lines))
        y += place(block, lines: lines, x: x, top: y, role: .tableNote(number: table.number)) + 1
      }
    }
  }

  /// Caption, subtitle, header and rows `rows` of a table, from the cursor down.
  mutating func placeChunk(
    _ table: TableContent, geometry: TableGeometry, rows: Range<Int>, continued: Bool
  ) {
    let number = table.number
    let x = area.minX
    y +=
      place(
        caption(of: table, continued: continued), x: x, top: y,
        role: .tableCaption(number: number, continued: continued)) + 3
    if !table.subtitle.isEmpty {
      y += place(subtitle(of: table), x: x, top: y, role: .tableSubtitle(number: number)) + 2
    }
    // 三线表: a thick rule above the header and under the last row, a thin one under the header.
    rule(
      y: y + TableGeometry.thickRule / 2, from: x, to: x + geometry.width, width: TableGeometry.thickRule,
      number)
    for cell in geometry.header {
      place(
        cell.block, lines: cell.lines, x: x + cell.origin.x, top: y + cell.origin.y,
        role: .tableHeader(number: number))
    }
    for r in geometry.headerRules {
      rule(y: y + r.y, from: x + r.x0, to: x + r.x1, width: r.width, number)
    }
    y += geometry.headerHeight
    rule(
      y: y - TableGeometry.thinRule / 2, from: x, to: x + geometry.width, width: TableGeometry.thinRule,
      number)
    for row in rows {
      for cell in geometry.rows[row] {
        place(
          cell.block, lines: cell.lines, x: x + cell.origin.x, top: y + cell.origin.y,
          role: .tableRow(number: number, row: row))
      }
      y += geometry.rowHeights[row]
    }
    rule(
      y: y + TableGeometry.thickRule / 2, from: x, to: x + geometry.width, width: TableGeometry.thickRule,
      number)
    y += TableGeometry.thickRule
  }

  mutating func rule(y: Double, from x0: Double, to x1: Double, width: Double, _ number: Int) {
    add(
      PageItem(
        role: .tableRule(number: number),
        shape: .line(
          from: Point(x: x0, y: y), to: Point(x: x1, y: y), StrokeStyle(color: style.ink, width: width)),
        frame: Rect(x: x0, y: y - width / 2, width: x1 - x0, height: width)))
  }
}
