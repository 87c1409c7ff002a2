import Foundation
import Tables

/// One petition export: the items received from January of `year` through `lastMonth`, with
/// their status as of `asOf` (the day the office pulled the export from its system).
struct PetitionExport {
  let path: String
  let year: Int
  let lastMonth: Int
  let asOf: Day
}

/// Writes the petition exports under `信访/`: one file per full year, and for the current year
/// an earlier export (months 1…M-1, as of the end of M-1) overlapping the latest (1…M).
struct PetitionsWriter {
  static let folder = "信访"
  static let header = [
    "信访件编号", "登记日期", "信访形式", "所属区县", "问题类别", "人数", "信访去向", "是否重复", "受理日期",
    "办结日期", "满意度",
  ]

  let city: SampleCity
  let options: SampleOptions

  /// The exports, grouped by year, oldest first; within a year, in the order the loader reads them.
  static func exports(_ options: SampleOptions) -> [[PetitionExport]] {
    let y = options.year
    let m = options.month
    var years = (y - 2...y - 1).map {
      [PetitionExport(path: "\(folder)/\($0)年.csv", year: $0, lastMonth: 12, asOf: options.exportDate)]
    }
    var current: [PetitionExport] = []
    if m > 1 {
      let earlier = YearMonth(year: y, month: m - 1)!.lastDay
      current.append(
        PetitionExport(path: "\(folder)/\(y)年1-\(m - 1)月.csv", year: y, lastMonth: m - 1, asOf: earlier))
      current.append(
        PetitionExport(path: "\(folder)/\(y)年1-\(m)月.csv", year: y, lastMonth: m, asOf: options.exportDate))
    } else {
      current.append(
        PetitionExport(path: "\(folder)/\(y)年1月.csv", year: y, lastMonth: 1, asOf: options.exportDate))
    }
    years.append(current)
    return years
  }

  func write(into directory: URL) throws -> [SampleFile] {
    let model = PetitionModel(city: city, options: options)
    let cells = RowCells(city: city, from: options.firstMonth.firstDay, through: options.exportDate)
    var files: [SampleFile] = []
    for exports in PetitionsWriter.exports(options) {
      let writers = try exports.map { try CSVFileWriter(directory: directory, path: $0.path) }
      for writer in writers { try writer.writeHeader(PetitionsWriter.header) }
      let year = exports[0].year
      let idPrefix = Array("XF\(year)-".utf8)
      try model.generate(year: year, through: exports.map(\.lastMonth).max()!) { item in
        for (export, writer) in zip(exports, writers) where item.month <= export.lastMonth {
          try cells.write(item, idPrefix: idPrefix, asOf: export.asOf.number, to: writer)
        }
      }
      files += try writers.map { try $0.close() }
    }
    return files
  }
}

/// The bytes of every cell value a petition row can hold, encoded once.
private struct RowCells {
  let firstDay: Int
  /// `yyyy-MM-dd` for every day from `firstDay` through the export date, 10 bytes each.
  let dates: [UInt8]
  let regionNames: [[UInt8]]
  let regionAliases: [[UInt8]]
  let categories: [[UInt8]]
  let channels: [PetitionChannel: [UInt8]]
  let levels: [PetitionLevel: [UInt8]]
  let satisfactions: [Satisfaction: [UInt8]]
  let yes = Array("是".utf8)
  let no = Array("否".utf8)

  init(city: SampleCity, from first: Day, through last: Day) {
    firstDay = first.number
    dates = (first.number...last.number).flatMap { Array(Day(number: $0).description.utf8) }
    regionNames = city.districts.map { Array($0.name.utf8) }
    regionAliases = city.districts.map { Array($0.shortName.utf8) }
    categories = PetitionModel.categories.map { Array($0.name.utf8) }
    channels = Dictionary(
      uniqueKeysWithValues: PetitionChannel.allCases.map { ($0, Array($0.chineseName.utf8)) })
    levels = Dictionary(uniqueKeysWithValues: PetitionLevel.allCases.map { ($0, Array($0.chineseName.utf8)) })
    satisfactions = Dictionary(
      uniqueKeysWithValues: Satisfaction.allCases.map { ($0, Array($0.chineseName.utf8)) })
  }

  private func date(_ day: Int, to writer: CSVFileWriter) {
    let start = (day - firstDay) * 10
    writer.append(dates[start..<start + 10])
  }

  /// One row: the item as it stood at the end of day `asOf`.
  func write(_ item: PetitionItem, idPrefix: [UInt8], asOf: Int, to writer: CSVFileWriter) throws {
    writer.append(idPrefix)
    writer.appendInteger(item.serial, minimumDigits: 6)
    writer.comma()
    date(item.received, to: writer)
    writer.comma()
    writer.append(channels[item.channel]!)
    writer.comma()
    writer.append(item.regionByAlias ? regionAliases[item.district] : regionNames[item.district])
    writer.comma()
    writer.append(categories[item.category])
    writer.comma()
    if !item.personsBlank { writer.appendInteger(item.persons) }
    writer.comma()
    if !item.levelBlank { writer.append(levels[item.level]!) }
    writer.comma()
    if item.isRepeat {
      writer.append(yes)
    } else if !item.repeatBlank {
      writer.append(no)
    }
    writer.comma()
    if let accepted = item.accepted, accepted <= asOf { date(accepted, to: writer) }
    writer.comma()
    if let closed = item.closed, closed <= asOf {
      date(closed, to: writer)
      writer.comma()
      // Closed: the evaluation once it has come in; an empty cell (未评价) until then.
      if let evaluated = item.evaluated, evaluated <= asOf, item.satisfaction != .notEvaluated {
        writer.append(satisfactions[item.satisfaction]!)
      }
    } else {
      writer.comma()
      writer.append(satisfactions[.notEvaluated]!)  // still open
    }
    try writer.endRow()
  }
}
