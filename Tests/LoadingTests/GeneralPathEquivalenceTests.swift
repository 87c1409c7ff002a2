import Foundation
import SampleData
import TestSupport
import Testing

@testable import Loading
@testable import Tables

/// The fast path (`FastPath`) must read every folder exactly as the general path does: the same
/// tables, the same diagnostics, the same counts. Each seed makes a clean folder (the sample
/// generator's) and a messy one (the same exports with seeded mess: shuffled and unmapped
/// columns, quoted cells, invalid rows, blank lines, repeated and long ids, CRLF and GB18030
/// files), and each folder is read both ways, the fast path at two block sizes.
@Suite struct GeneralPathEquivalenceTests {
  /// Everything a load says, in a comparable form.
  struct Outcome: Equatable {
    var diagnostics: [String]
    var files: [String]
    var period: String
    var replaced: Int
    var distinct: Int
    var categories: [String]
    var cells: [String]
    var timelines: [String]

    init(_ report: LoadReport) {
      diagnostics = report.lines
      files = report.files.map { file in
        "\(file.path) \(file.dataset ?? "-") \(file.encoding?.rawValue ?? "-") \(file.rowsRead) "
          + "\(file.rowsRejected) \(file.ignoredColumns)"
      }
      period = "\(report.period.map { "\($0)" } ?? "-") \(report.periodWasInferred)"
      replaced = report.replacedPetitions
      distinct = report.distinctPetitionItems
      let petitions = report.tables?.petitions
      categories = petitions?.categories ?? []
      cells = (petitions.map { Array($0.counts) } ?? []).map { cell, count in
        "\(cell.regionCode) \(cell.month) \(cell.channel) \(cell.level) \(cell.isRepeat) \(cell.persons) "
          + "\(cell.category) \(cell.satisfaction) \(count)"
      }
      timelines = (petitions.map { Array($0.timelines) } ?? []).map { timeline, count in
        "\(timeline.regionCode) \(timeline.received) \(timeline.accepted?.description ?? "-") "
          + "\(timeline.closed?.description ?? "-") \(count)"
      }
    }
  }

  static func load(_ folder: URL, generalPath: Bool, blockSize: Int = RecordBlockReader.defaultBlockSize)
    throws -> Outcome
  {
    var loader = DataLoader(dictionary: DataFolder.dictionary)
    loader.blockSize = blockSize
    let options = LoadOptions(skipInvalid: true, forcesGeneralPath: generalPath)
    return Outcome(try loader.load(folder: folder, options: options))
  }

  /// Reads `folder` through the general path, then through the fast path at two block sizes;
  /// returns the general path's outcome.
  @discardableResult
  static func expectSameOutcome(_ folder: URL, _ label: String) throws -> Outcome {
    let general = try load(folder, generalPath: true)
    for blockSize in [RecordBlockReader.defaultBlockSize, 1 << 12] {
      let fast = try load(folder, generalPath: false, blockSize: blockSize)
      #expect(
        fast.diagnostics == general.diagnostics,
        "\(label), block size \(blockSize): fast only \(fast.diagnostics.filter { !general.diagnostics.contains($0) }.prefix(5)), general only \(general.diagnostics.filter { !fast.diagnostics.contains($0) }.prefix(5))"
      )
      #expect(fast.files == general.files, "\(label), block size \(blockSize)")
      #expect(fast == general, "\(label), block size \(blockSize)")
    }
    return general
  }

  static func sampleFolder(seed: UInt64) throws -> TemporaryDirectory {
    let folder = try TemporaryDirectory()
    let options = SampleOptions(seed: seed, year: 2024, month: 10, petitionsPerYear: 1_200)
    _ = try SampleGenerator(options: options).write(to: folder.url)
    return folder
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func aCleanFolderReadsAlikeBothWays(seed: UInt64) throws {
    let folder = try Self.sampleFolder(seed: seed)
    let outcome = try Self.expectSameOutcome(folder.url, "clean, seed \(seed)")
    #expect(outcome.distinct > 1_000 && outcome.replaced > 0 && !outcome.cells.isEmpty)
  }

  @Test(arguments: [1, 2, 3] as [UInt64])
  func aMessyFolderReadsAlikeBothWays(seed: UInt64) throws {
    let folder = try Self.sampleFolder(seed: seed)
    var mess = Mess(seed: seed)
    let petitions = folder.url.appending(path: "信访")
    let names = try FileManager.default.contentsOfDirectory(atPath: petitions.path).sorted()
    for (index, name) in names.enumerated() {
      let url = petitions.appending(path: name)
      let text = try String(contentsOf: url, encoding: .utf8)
      let messy = mess.mess(text, shuffled: index % 2 == 1, crlf: index == 2)
      let bytes = index == 0 ? DataFolder.gb18030(messy) : Array(messy.utf8)
      try Data(bytes).write(to: url)
    }
    let outcome = try Self.expectSameOutcome(folder.url, "messy, seed \(seed)")
    // The mess is really there: rows skipped for several reasons, notes for ignored columns.
    #expect(outcome.diagnostics.filter { $0.hasSuffix("(row skipped)") }.count > 20)
    #expect(outcome.diagnostics.contains { $0.contains("ignored column") })
    #expect(outcome.diagnostics.contains { $0.contains("unknown region '北湖区'") })
    #expect(outcome.files.contains { $0.contains("GB18030") })
    #expect(outcome.distinct > 1_000 && !outcome.cells.isEmpty)
  }
}

/// Seeded mess for a petition export in the contract's column order.
struct Mess {
  private var random: SeededGenerator

  init(seed: UInt64) { random = SeededGenerator(seed: seed &* 7919) }

  private mutating func chance(_ percent: Int) -> Bool { random.next() % 1_000 < UInt64(percent * 10) }

  private mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[Int(random.next() % UInt64(elements.count))]
  }

  /// `text` with its columns shuffled and a note column added (when `shuffled`), some cells
  /// quoted, some rows broken, blank lines, repeated and long ids, and CRLF line ends (`crlf`).
  mutating func mess(_ text: String, shuffled: Bool, crlf: Bool) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    let header = lines.removeFirst().split(separator: ",").map(String.init)
    var columns = header
    if shuffled {
      columns.shuffle(using: &random)
      columns.insert("备注", at: Int(random.next() % UInt64(columns.count + 1)))
    }
    var output = [columns.joined(separator: ",")]
    var earlier: [[String: String]] = []
    for line in lines {
      let values = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var cells = Dictionary(uniqueKeysWithValues: zip(header, values))
      cells["备注"] = chance(20) ? pick(["回访", "\"已, 回访\"", ""]) : ""
      if chance(6) { breakRow(&cells) }
      var row = columns.map { quoteMaybe(cells[$0] ?? "") }.joined(separator: ",")
      if chance(1) { row += ",多余" }
      output.append(row)
      if chance(2) { output.append(pick(["", ",,,", "  ", "\t"])) }
      earlier.append(cells)
      if chance(2), var again = earlier.randomElement(using: &random) {
        again["满意度"] = pick(["满意", "不满意", ""])
        output.append(columns.map { again[$0] ?? "" }.joined(separator: ","))
      }
    }
    return output.joined(separator: crlf ? "\r\n" : "\n") + (crlf ? "\r\n" : "\n")
  }

  /// One problem, or one unusual but valid spelling, in a row.
  private mutating func breakRow(_ cells: inout [String: String]) {
    let id = cells["信访件编号"] ?? ""
    switch random.next() % 16 {
    case 0: cells["登记日期"] = "2024-13-01"
    case 1: cells["登记日期"] = (cells["登记日期"] ?? "").replacingOccurrences(of: "-", with: "/")
    case 2: cells["信访形式"] = "飞鸽"
    case 3: cells["信访件编号"] = ""
    case 4: cells["所属区县"] = "北湖区"
    case 5: cells["人数"] = pick(["0", "x", "3.0", "１２", "2.5"])
    case 6: cells["受理日期"] = "2000-01-01"
    case 7: cells["满意度"] = " 满意 "
    case 8: cells["信访件编号"] = id + "-有一个很长的编号后缀"
    case 9: cells["是否重复"] = "也许"
    case 10: cells["信访去向"] = pick(["出国", "进京", "本级"])
    case 11: cells["所属区县"] = "江川市"
    case 12: cells["信访件编号"] = "A\u{0}" + id
    case 13: cells["问题类别"] = "\"" + (cells["问题类别"] ?? "") + "\n续\""
    case 14: cells["办结日期"] = "2024-02-30"
    default: cells["问题类别"] = "  "
    }
  }

  /// A cell, sometimes quoted (doubling any quote it holds), sometimes with a comma inside.
  private mutating func quoteMaybe(_ cell: String) -> String {
    guard !cell.hasPrefix("\""), chance(3) else { return cell }
    let body = cell.replacingOccurrences(of: "\"", with: "\"\"")
    return chance(30) ? "\"\(body), 另\"" : "\"\(body)\""
  }
}
