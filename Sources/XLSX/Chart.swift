internal import CXlsxWriter

/// The kinds of native Excel chart.
///
/// libxlsxwriter 1.1.4 has no `chart_combine` and no secondary axis, so a column-plus-line chart
/// with a second value axis cannot be native. Either place two native charts side by side, or
/// insert the PNG drawn by the Charts module with ``Worksheet/insertImage(png:at:altText:scale:xOffset:yOffset:)``.
public enum ChartKind: Hashable, Sendable {
  case column, columnStacked, columnPercentStacked
  case bar, barStacked, barPercentStacked
  case line, lineStacked
  case area, areaStacked
  case pie, doughnut
  case scatter, scatterStraightWithMarkers

  var lxw: UInt8 {
    let value: lxw_chart_type =
      switch self {
      case .column: LXW_CHART_COLUMN
      case .columnStacked: LXW_CHART_COLUMN_STACKED
      case .columnPercentStacked: LXW_CHART_COLUMN_STACKED_PERCENT
      case .bar: LXW_CHART_BAR
      case .barStacked: LXW_CHART_BAR_STACKED
      case .barPercentStacked: LXW_CHART_BAR_STACKED_PERCENT
      case .line: LXW_CHART_LINE
      case .lineStacked: LXW_CHART_LINE_STACKED
      case .area: LXW_CHART_AREA
      case .areaStacked: LXW_CHART_AREA_STACKED
      case .pie: LXW_CHART_PIE
      case .doughnut: LXW_CHART_DOUGHNUT
      case .scatter: LXW_CHART_SCATTER
      case .scatterStraightWithMarkers: LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS
      }
    return UInt8(value.rawValue)
  }
}

/// Where the legend sits, or no legend.
public enum LegendPosition: Hashable, Sendable {
  case none, right, left, top, bottom

  var lxw: UInt8 {
    let value: lxw_chart_legend_position =
      switch self {
      case .none: LXW_CHART_LEGEND_NONE
      case .right: LXW_CHART_LEGEND_RIGHT
      case .left: LXW_CHART_LEGEND_LEFT
      case .top: LXW_CHART_LEGEND_TOP
      case .bottom: LXW_CHART_LEGEND_BOTTOM
      }
    return UInt8(value.rawValue)
  }
}

/// Where data labels sit relative to their point.
public enum DataLabelPosition: Hashable, Sendable {
  case center, right, left, above, below, insideBase, insideEnd, outsideEnd, bestFit

  var lxw: UInt8 {
    let value: lxw_chart_label_position =
      switch self {
      case .center: LXW_CHART_LABEL_POSITION_CENTER
      case .right: LXW_CHART_LABEL_POSITION_RIGHT
      case .left: LXW_CHART_LABEL_POSITION_LEFT
      case .above: LXW_CHART_LABEL_POSITION_ABOVE
      case .below: LXW_CHART_LABEL_POSITION_BELOW
      case .insideBase: LXW_CHART_LABEL_POSITION_INSIDE_BASE
      case .insideEnd: LXW_CHART_LABEL_POSITION_INSIDE_END
      case .outsideEnd: LXW_CHART_LABEL_POSITION_OUTSIDE_END
      case .bestFit: LXW_CHART_LABEL_POSITION_BEST_FIT
      }
    return UInt8(value.rawValue)
  }
}

/// A font for chart text (titles, axis labels, data labels).
public struct ChartFont: Hashable, Sendable {
  /// Font family; the chart default when `nil`.
  public var name: String?
  /// Size in points; the chart default when `nil`.
  public var size: Double?
  /// Bold.
  public var bold: Bool
  /// Italic.
  public var italic: Bool
  /// Colour; automatic when `nil`.
  public var color: Color?
  /// Text rotation in degrees (−90…90), e.g. −45 for long category names.
  public var rotation: Int

  /// A chart font; the defaults are the chart's.
  public init(
    name: String? = nil, size: Double? = nil, bold: Bool = false, italic: Bool = false,
    color: Color? = nil, rotation: Int = 0
  ) {
    self.name = name
    self.size = size
    self.bold = bold
    self.italic = italic
    self.color = color
    self.rotation = rotation
  }

  /// Runs `body` with an `lxw_chart_font` for this font (libxlsxwriter copies what it keeps).
  func withLXW(_ function: String, _ body: (inout lxw_chart_font) -> Void) throws(XLSXError) {
    try withCStrings(function) { arena throws(XLSXError) in
      var font = lxw_chart_font()
      font.name = try arena.copy(name)
      font.size = size ?? 0
      font.bold = bold ? 1 : 0
      font.italic = italic ? 1 : 0
      if let color { font.color = color.lxw }
      font.rotation = Int32(clamping: rotation)
      body(&font)
    }
  }
}

/// A range of cells on a named worksheet, for chart series: `SheetRange("表1", "B5:B17")`.
public struct SheetRange: Hashable, Sendable, CustomStringConvertible {
  /// The worksheet's name.
  public var sheet: String
  /// The cells.
  public var range: CellRange

  /// Cells `range` of worksheet `sheet`.
  public init(_ sheet: String, _ range: CellRange) {
    self.sheet = sheet
    self.range = range
  }

  /// `'Sheet'!$A$1:$A$5`.
  public var description: String { "'\(sheet.replacingOccurrences(of: "'", with: "''"))'!\(range.absolute)" }
}

/// A series name: literal text or a reference to the cell holding it.
public enum SeriesName: Hashable, Sendable {
  /// Literal text, e.g. `本年`.
  case text(String)
  /// The text of a cell, e.g. the column header.
  case cell(sheet: String, Cell)
}

/// A chart of a ``Workbook``; get one with ``Workbook/addChart(_:)``, give it series from cell
/// ranges, and insert it once with ``Worksheet/insertChart(_:at:altText:width:height:xOffset:yOffset:)``.
///
/// A non-owning handle: the C chart belongs to the workbook.
public struct Chart {
  let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_chart>
  /// The chart's kind.
  public let kind: ChartKind
  // Read from the chart when it is made, so that no handle reads a freed chart after close.
  private let xAxis: UnsafeMutablePointer<lxw_chart_axis>
  private let yAxis: UnsafeMutablePointer<lxw_chart_axis>

  init(workbook: Workbook, pointer: UnsafeMutablePointer<lxw_chart>, kind: ChartKind) {
    self.workbook = workbook
    self.pointer = pointer
    self.kind = kind
    // libxlsxwriter's x_axis is the horizontal axis: in bar charts (horizontal bars) that is
    // the value axis and y_axis is the category axis, so the two are swapped here.
    switch kind {
    case .bar, .barStacked, .barPercentStacked:
      xAxis = pointer.pointee.y_axis
      yAxis = pointer.pointee.x_axis
    default:
      xAxis = pointer.pointee.x_axis
      yAxis = pointer.pointee.y_axis
    }
  }

  func open(_ function: String) throws(XLSXError) -> UnsafeMutablePointer<lxw_chart> {
    _ = try workbook.open(function)
    return pointer
  }

  /// Adds a series whose values (and categories) are cells of this workbook.
  ///
  /// The sheets must already exist (`XLSX_UNKNOWN_SHEET` otherwise): libxlsxwriter reads the
  /// cells to cache the chart's data when the workbook is closed.
  @discardableResult
  public func addSeries(values: SheetRange, categories: SheetRange? = nil, name: SeriesName? = nil)
    throws(XLSXError) -> ChartSeries
  {
    let function = "chart_add_series"
    let chart = try open(function)
    try workbook.requireSheet(values.sheet, function)
    if let categories { try workbook.requireSheet(categories.sheet, function) }
    for range in [values.range] + (categories.map { [$0.range] } ?? []) {
      guard range.first.isOnGrid, range.last.isOnGrid else {
        throw XLSXError(.worksheetIndexOutOfRange, function: function, cell: "\(range)")
      }
    }
    guard let series = chart_add_series(chart, nil, nil) else {
      throw XLSXError(.memoryMallocFailed, function: function)
    }
    let handle = ChartSeries(workbook: workbook, pointer: series)
    try withCString(values.sheet, "chart_series_set_values", sheet: values.sheet) {
      chart_series_set_values(
        series, $0, lxw_row_t(values.range.first.row), lxw_col_t(values.range.first.column),
        lxw_row_t(values.range.last.row), lxw_col_t(values.range.last.column))
    }
    if let categories {
      try withCString(categories.sheet, "chart_series_set_categories", sheet: categories.sheet) {
        chart_series_set_categories(
          series, $0, lxw_row_t(categories.range.first.row), lxw_col_t(categories.range.first.column),
          lxw_row_t(categories.range.last.row), lxw_col_t(categories.range.last.column))
      }
    }
    if let name { try handle.setName(name) }
    return handle
  }

  /// Sets the chart title.
  public func setTitle(_ title: String, font: ChartFont? = nil) throws(XLSXError) {
    let function = "chart_title_set_name"
    let chart = try open(function)
    try withCString(title, function) { chart_title_set_name(chart, $0) }
    if let font {
      try font.withLXW("chart_title_set_name_font") { chart_title_set_name_font(chart, &$0) }
    }
  }

  /// Removes the title (a one-series chart otherwise shows the series name as its title).
  public func removeTitle() throws(XLSXError) {
    chart_title_off(try open("chart_title_off"))
  }

  /// Places the legend, or hides it with `.none` (a single series needs none).
  public func setLegend(_ position: LegendPosition) throws(XLSXError) {
    chart_legend_set_position(try open("chart_legend_set_position"), position.lxw)
  }

  /// Picks one of Excel's 48 built-in chart styles (1…48; 2 is the default).
  public func setStyle(_ style: Int) throws(XLSXError) {
    let function = "chart_set_style"
    let chart = try open(function)
    guard (1...48).contains(style) else {
      throw XLSXError(
        .parameterValidation, message: "Chart styles are 1…48, not \(style).", function: function)
    }
    chart_set_style(chart, UInt8(style))
  }

  /// Gap between bar or column groups, in percent of a bar's width (0…500; Excel's default 150).
  public func setGap(_ percent: Int) throws(XLSXError) {
    chart_set_series_gap(try open("chart_set_series_gap"), UInt16(clamping: max(0, min(percent, 500))))
  }

  /// Overlap of bars or columns in a group, in percent (−100…100).
  public func setOverlap(_ percent: Int) throws(XLSXError) {
    chart_set_series_overlap(
      try open("chart_set_series_overlap"), Int8(clamping: max(-100, min(percent, 100))))
  }

  /// The hole of a doughnut chart, in percent of its diameter (10…90).
  public func setHoleSize(_ percent: Int) throws(XLSXError) {
    chart_set_hole_size(try open("chart_set_hole_size"), UInt8(clamping: max(10, min(percent, 90))))
  }

  /// The category axis (horizontal in column and line charts, vertical in bar charts; in both
  /// cases the axis written as `c:catAx`).
  public var categoryAxis: ChartAxis { ChartAxis(workbook: workbook, pointer: xAxis) }
  /// The value axis (`c:valAx`; horizontal in bar charts).
  public var valueAxis: ChartAxis { ChartAxis(workbook: workbook, pointer: yAxis) }
}

/// A series of a ``Chart``.
public struct ChartSeries {
  let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_chart_series>

  /// Names the series (shown in the legend and in data labels).
  public func setName(_ name: SeriesName) throws(XLSXError) {
    let function = "chart_series_set_name"
    _ = try workbook.open(function)
    switch name {
    case .text(let text):
      try withCString(text, function) { chart_series_set_name(pointer, $0) }
    case .cell(let sheet, let cell):
      try workbook.requireSheet(sheet, "chart_series_set_name_range")
      guard cell.isOnGrid else {
        throw XLSXError(.worksheetIndexOutOfRange, function: "chart_series_set_name_range", cell: "\(cell)")
      }
      try withCString(sheet, "chart_series_set_name_range", sheet: sheet) {
        chart_series_set_name_range(pointer, $0, lxw_row_t(cell.row), lxw_col_t(cell.column))
      }
    }
  }

  /// Shows data labels: values by default; `percentage` for pie and doughnut shares.
  public func setDataLabels(
    value: Bool = true, category: Bool = false, seriesName: Bool = false, percentage: Bool = false,
    numberFormat: String? = nil, position: DataLabelPosition? = nil, font: ChartFont? = nil
  ) throws(XLSXError) {
    let function = "chart_series_set_labels"
    _ = try workbook.open(function)
    chart_series_set_labels(pointer)
    chart_series_set_labels_options(pointer, seriesName ? 1 : 0, category ? 1 : 0, value ? 1 : 0)
    if percentage { chart_series_set_labels_percentage(pointer) }
    if let numberFormat {
      try withCString(numberFormat, "chart_series_set_labels_num_format") {
        chart_series_set_labels_num_format(pointer, $0)
      }
    }
    if let position { chart_series_set_labels_position(pointer, position.lxw) }
    if let font {
      try font.withLXW("chart_series_set_labels_font") { chart_series_set_labels_font(pointer, &$0) }
    }
  }

  /// Fills bars, columns, areas and slices with a solid colour.
  public func setFill(_ color: Color) throws(XLSXError) {
    _ = try workbook.open("chart_series_set_fill")
    var fill = lxw_chart_fill()
    fill.color = color.lxw
    chart_series_set_fill(pointer, &fill)
  }

  /// Sets the line (for line charts) or the outline (for bars) colour and width in points;
  /// `dashed` for a dashed line (distinguishable in grey-scale print).
  public func setLine(_ color: Color, width: Double = 2.25, dashed: Bool = false) throws(XLSXError) {
    _ = try workbook.open("chart_series_set_line")
    var line = lxw_chart_line()
    line.color = color.lxw
    line.width = Float(width)
    if dashed { line.dash_type = UInt8(LXW_CHART_LINE_DASH_DASH.rawValue) }
    chart_series_set_line(pointer, &line)
  }

  /// Shows markers of a given size (2…72) on a line series; `size: nil` hides them.
  public func setMarkers(size: Int?) throws(XLSXError) {
    _ = try workbook.open("chart_series_set_marker_type")
    if let size {
      chart_series_set_marker_type(pointer, UInt8(LXW_CHART_MARKER_AUTOMATIC.rawValue))
      chart_series_set_marker_size(pointer, UInt8(clamping: max(2, min(size, 72))))
    } else {
      chart_series_set_marker_type(pointer, UInt8(LXW_CHART_MARKER_NONE.rawValue))
    }
  }
}

/// An axis of a ``Chart``.
public struct ChartAxis {
  let workbook: Workbook
  let pointer: UnsafeMutablePointer<lxw_chart_axis>

  /// The axis title, e.g. the unit `万人`.
  public func setTitle(_ title: String, font: ChartFont? = nil) throws(XLSXError) {
    let function = "chart_axis_set_name"
    _ = try workbook.open(function)
    try withCString(title, function) { chart_axis_set_name(pointer, $0) }
    if let font {
      try font.withLXW("chart_axis_set_name_font") { chart_axis_set_name_font(pointer, &$0) }
    }
  }

  /// The number format of the axis labels, e.g. `#,##0` or `0%`.
  public func setNumberFormat(_ format: String) throws(XLSXError) {
    let function = "chart_axis_set_num_format"
    _ = try workbook.open(function)
    try withCString(format, function) { chart_axis_set_num_format(pointer, $0) }
  }

  /// The font of the axis labels; its rotation turns long category names.
  public func setLabelFont(_ font: ChartFont) throws(XLSXError) {
    let function = "chart_axis_set_num_font"
    _ = try workbook.open(function)
    try font.withLXW(function) { chart_axis_set_num_font(pointer, &$0) }
  }

  /// Fixes the value range; automatic for a `nil` bound.
  public func setBounds(minimum: Double? = nil, maximum: Double? = nil, majorUnit: Double? = nil)
    throws(XLSXError)
  {
    _ = try workbook.open("chart_axis_set_min")
    if let minimum { chart_axis_set_min(pointer, minimum) }
    if let maximum { chart_axis_set_max(pointer, maximum) }
    if let majorUnit, majorUnit > 0 { chart_axis_set_major_unit(pointer, majorUnit) }
  }

  /// Makes the other axis cross this one at this axis's maximum (Excel: "axis crosses at
  /// maximum category"). With a reversed category axis in a bar chart, this keeps the value
  /// axis at the bottom, under the last category.
  public func setCrossingAtMaximum() throws(XLSXError) {
    _ = try workbook.open("chart_axis_set_crossing_max")
    chart_axis_set_crossing_max(pointer)
  }

  /// Shows or hides the major gridlines.
  public func setMajorGridlines(visible: Bool) throws(XLSXError) {
    _ = try workbook.open("chart_axis_major_gridlines_set_visible")
    chart_axis_major_gridlines_set_visible(pointer, visible ? 1 : 0)
  }

  /// Reverses the axis (e.g. to list the first district at the top of a bar chart).
  public func setReversed() throws(XLSXError) {
    _ = try workbook.open("chart_axis_set_reverse")
    chart_axis_set_reverse(pointer)
  }
}

extension Worksheet {
  /// Inserts `chart` with its top-left corner in `cell`, `width` × `height` pixels (Excel's
  /// default 480 × 288), with alt text for screen readers (required: every chart needs one).
  /// A chart can be inserted once.
  public func insertChart(
    _ chart: Chart, at cell: Cell, altText: String, width: Double = 480, height: Double = 288,
    xOffset: Int = 0, yOffset: Int = 0
  ) throws(XLSXError) {
    let function = "worksheet_insert_chart_opt"
    let worksheet = try open(function, cell: "\(cell)")
    guard chart.workbook === workbook else { throw error(.foreignHandle, function, cell: "\(cell)") }
    let (row, column) = try position(cell, function)
    guard !altText.isEmpty else {
      throw error(.parameterValidation, function, cell: "\(cell)", message: "A chart needs alt text.")
    }
    guard width > 0, height > 0 else {
      throw error(.parameterValidation, function, cell: "\(cell)", message: "A chart needs a positive size.")
    }
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      var options = lxw_chart_options()
      options.x_offset = Int32(clamping: xOffset)
      options.y_offset = Int32(clamping: yOffset)
      options.x_scale = width / 480
      options.y_scale = height / 288
      options.description = try arena.copy(altText)
      return worksheet_insert_chart_opt(worksheet, row, column, chart.pointer, &options)
    }
    try check(status, function, cell: "\(cell)")
  }

  /// Inserts a PNG image (e.g. a chart drawn by the Charts module, for what native charts cannot
  /// show) with alt text, scaled by `scale` (0.5 shows a 2×-density image at its intended size).
  public func insertImage(
    png: [UInt8], at cell: Cell, altText: String, scale: Double = 1, xOffset: Int = 0, yOffset: Int = 0
  ) throws(XLSXError) {
    let function = "worksheet_insert_image_buffer_opt"
    let worksheet = try open(function, cell: "\(cell)")
    let (row, column) = try position(cell, function)
    guard !altText.isEmpty else {
      throw error(.parameterValidation, function, cell: "\(cell)", message: "An image needs alt text.")
    }
    let status = try withCStrings(function, sheet: name) { arena throws(XLSXError) in
      var options = lxw_image_options()
      options.x_offset = Int32(clamping: xOffset)
      options.y_offset = Int32(clamping: yOffset)
      options.x_scale = scale
      options.y_scale = scale
      options.description = try arena.copy(altText)
      return png.withUnsafeBufferPointer { buffer in
        worksheet_insert_image_buffer_opt(worksheet, row, column, buffer.baseAddress, buffer.count, &options)
      }
    }
    try check(status, function, cell: "\(cell)")
  }
}
