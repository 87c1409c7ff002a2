import ChartModel

/// Everything one bulletin shows, built once from a report template and the engine's figures.
/// The workbook, the PDF and the chart files render this value; none of them computes a
/// statistic or rounds a number: every printed digit string is already here.
public struct BulletinDocument: Sendable {
  public var title: String
  public var office: String
  /// 第N期.
  public var issue: Int
  /// `2024年10月`.
  public var periodName: String
  /// `2024-10`, as in indicators.csv.
  public var periodCode: String
  /// Release date as printed, `2024年11月23日`.
  public var releaseDate: String
  /// ISO release date for document metadata, `2024-11-23`.
  public var releaseDateISO: String
  public var layout: WorkbookLayout
  /// File-name stem: `民生统计月报_2024-10` (or the template's ASCII name).
  public var fileStem: String
  /// Data sources for the cover and source lines.
  public var source: String
  public var headlines: [HeadlineCard]
  public var sections: [SectionContent]
  /// Definitions of every indicator shown (口径说明), in order of first appearance.
  public var definitions: [Definition]
  /// Numbered notes explaining absent figures (`[注1]`), each fact once, numbered once for the
  /// whole document: table cells and charts refer to them by the same numbers.
  public var footnotes: [Footnote]
  /// General notes: symbols, rounding.
  public var notes: [String]
  /// The input files read (for the cover sheet): path, dataset, rows read, rows skipped.
  public var inputs: [InputFile]
  /// The tidy figures of indicators.csv, for the workbook's 数据 sheet.
  public var tidy: [TidyRow]

  public init(
    title: String, office: String, issue: Int, periodName: String, periodCode: String, releaseDate: String,
    releaseDateISO: String, layout: WorkbookLayout, fileStem: String, source: String,
    headlines: [HeadlineCard],
    sections: [SectionContent], definitions: [Definition], footnotes: [Footnote], notes: [String],
    inputs: [InputFile], tidy: [TidyRow]
  ) {
    self.title = title
    self.office = office
    self.issue = issue
    self.periodName = periodName
    self.periodCode = periodCode
    self.releaseDate = releaseDate
    self.releaseDateISO = releaseDateISO
    self.layout = layout
    self.fileStem = fileStem
    self.source = source
    self.headlines = headlines
    self.sections = sections
    self.definitions = definitions
    self.footnotes = footnotes
    self.notes = notes
    self.inputs = inputs
    self.tidy = tidy
  }

  /// Every table of the bulletin in order.
  public var tables: [TableContent] { sections.flatMap(\.tables) }
  /// Every chart of the bulletin in order.
  public var charts: [ChartContent] { sections.flatMap(\.charts) }

  /// The document's source line (`资料来源：…`), nil when it names none.
  public var sourceLine: String? { Footnote.sourceLine(source) }

  /// The text of footnote `number`, nil when the document has no such note.
  public func footnoteText(_ number: Int) -> String? {
    footnotes.first { $0.number == number }?.text
  }
}

/// Which workbook layout a template asks for.
public enum WorkbookLayout: String, Sendable, Decodable {
  /// Chinese 统计报表: multi-level headers with merged cells.
  case bulletin
  /// Good-practice released statistics: one header row, no merges, Excel tables, `[注n]` notes.
  case accessible
}

/// One headline figure (KPI card) of page 1.
public struct HeadlineCard: Sendable {
  public var label: String
  /// The value as printed (`4.35`), with `unit` (`万人`) beside it.
  public var value: String
  public var unit: String
  /// 同比 as printed with its sign and unit (`+3.2%`, `-0.04个百分点`), nil when absent.
  public var change: String?
  /// The direction of the change, for the up/down mark.
  public var direction: Direction?
  /// `完成年度目标87.0%，超序时进度3.7个百分点` when the indicator has a target.
  public var progress: String?

  /// Up, down, or flat (rounds to zero).
  public enum Direction: Sendable { case up, down, flat }

  public init(
    label: String, value: String, unit: String, change: String? = nil, direction: Direction? = nil,
    progress: String? = nil
  ) {
    self.label = label
    self.value = value
    self.unit = unit
    self.change = change
    self.direction = direction
    self.progress = progress
  }
}

/// A section of the bulletin: heading, narrative paragraphs, charts and tables.
public struct SectionContent: Sendable {
  public var id: String
  /// `一、信访工作`.
  public var title: String
  public var paragraphs: [String]
  public var charts: [ChartContent]
  public var tables: [TableContent]

  public init(id: String, title: String, paragraphs: [String], charts: [ChartContent], tables: [TableContent])
  {
    self.id = id
    self.title = title
    self.paragraphs = paragraphs
    self.charts = charts
    self.tables = tables
  }
}

/// A numbered chart (图N).
public struct ChartContent: Sendable {
  public var number: Int
  public var spec: ChartSpec
  /// The document's footnotes explaining points missing from the chart.
  public var footnotes: [Int]

  public init(number: Int, spec: ChartSpec, footnotes: [Int] = []) {
    self.number = number
    self.spec = spec
    self.footnotes = footnotes
  }

  /// `图1 信访总量月度走势`.
  public var caption: String { "图\(number) \(spec.title)" }
}

/// One input file as read by the loader.
public struct InputFile: Sendable {
  public var path: String
  public var dataset: String
  public var rowsRead: Int
  public var rowsSkipped: Int

  public init(path: String, dataset: String, rowsRead: Int, rowsSkipped: Int) {
    self.path = path
    self.dataset = dataset
    self.rowsRead = rowsRead
    self.rowsSkipped = rowsSkipped
  }
}

/// One row of indicators.csv: text as written there, `value` empty when absent.
public struct TidyRow: Sendable {
  public var period: String
  public var regionCode: String
  public var regionName: String
  public var indicator: String
  public var measure: String
  /// The value column as written in indicators.csv (15 significant digits, `true`/`false`, or empty).
  public var value: String

  public init(
    period: String, regionCode: String, regionName: String, indicator: String, measure: String, value: String
  ) {
    self.period = period
    self.regionCode = regionCode
    self.regionName = regionName
    self.indicator = indicator
    self.measure = measure
    self.value = value
  }
}
