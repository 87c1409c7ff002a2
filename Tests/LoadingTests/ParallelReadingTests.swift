import Foundation
import TestSupport
import Testing

@testable import Loading
@testable import Tables

/// Petition files are cut into blocks parsed on several threads and merged in file order; the
/// outcome must not depend on where the cuts fall.
@Suite struct ParallelReadingTests {
  static let header = "信访件编号,登记日期,信访形式,所属区县,问题类别,人数,受理日期,办结日期,满意度\n"

  /// Everything a load says about petitions, in a comparable form.
  struct Outcome: Equatable {
    var lines: [String]
    var rowsRead: [Int]
    var rowsRejected: [Int]
    var replaced: Int
    var categories: [String]
    var cells: [String]
    var timelines: [String]

    init(_ report: LoadReport) {
      lines = report.lines
      let petitionFiles = report.files.filter { $0.dataset == "petitions" }
      rowsRead = petitionFiles.map(\.rowsRead)
      rowsRejected = petitionFiles.map(\.rowsRejected)
      replaced = report.replacedPetitions
      let petitions = report.tables?.petitions
      categories = petitions?.categories ?? []
      cells = (petitions.map { Array($0.counts) } ?? []).map { cell, count in
        "\(cell.regionCode) \(cell.month) \(cell.channel) \(cell.persons) \(cell.category) \(cell.satisfaction) \(count)"
      }.sorted()
      timelines = (petitions.map { Array($0.timelines) } ?? []).map { timeline, count in
        "\(timeline.regionCode) \(timeline.received) \(timeline.accepted?.description ?? "-") \(timeline.closed?.description ?? "-") \(count)"
      }.sorted()
    }
  }

  static func load(_ folder: DataFolder, blockSize: Int) throws -> LoadReport {
    var loader = DataLoader(dictionary: DataFolder.dictionary)
    loader.blockSize = blockSize
    return try loader.load(folder: folder.url, options: LoadOptions(period: nil, skipInvalid: true))
  }

  /// Rows of every kind the reader meets: plain, quoted with delimiters and line breaks, blank
  /// lines, long and 16-byte ids, repeated ids (within a block, across blocks and files), and
  /// invalid rows that the general path reports. Columns as in `header`.
  static func messyRows(_ count: Int, seed: Int) -> String {
    header
      + messyRecords(count, seed: seed, columns: header.dropLast().split(separator: ",").map(String.init))
  }

  /// `messyRows`' records with their cells in the order of `columns` (headers; 信访去向, 是否重复
  /// and 备注 add a level, a repeat flag and an unmapped note), some with a cell too many.
  static func messyRecords(_ count: Int, seed: Int, columns: [String]) -> String {
    var text = ""
    let regions = ["西湖区", "东山区", "安平县", "西湖", "330502"]
    let categories = ["教育", "民政", "城乡建设", "café😀", "\"环境, 保护\"", "\"劳动\n保障\"", "\"说 \"\"拆迁\"\"\""]
    for index in 0..<count {
      let k = (index * 7 + seed) % 97
      let id =
        switch k % 11 {
        case 0: "LONG-IDENTIFIER-\(index % 40)-XYZ"
        case 1: "ID16-\(String(format: "%011d", index % 50))"
        case 2: "R\(index % 30)"
        default: "P\(seed)-\(index)"
        }
      let day = 1 + k % 28
      let cells: [String: String] = [
        "信访件编号": id,
        "登记日期": k % 23 == 0 ? "2024/01/\(day)" : String(format: "2024-01-%02d", day),
        "信访形式": k % 31 == 0 ? "飞鸽" : ["来信", "来访", "网上信访"][k % 3],
        "所属区县": regions[k % regions.count],
        "问题类别": categories[k % categories.count],
        "人数": k % 13 == 0 ? "" : "\(1 + k % 6)",
        "信访去向": ["", "本级", "赴省", "进京", "本级", "", "出国"][k % 7],
        "是否重复": ["否", "", "是", "否", "否", "是", "", "否", "也许", "否", "否"][index % 11],
        "受理日期": k % 5 == 0 ? "" : String(format: "2024-02-%02d", 1 + k % 9),
        "办结日期": k % 4 == 0 ? "" : String(format: "2024-03-%02d", 1 + k % 20),
        "满意度": ["满意", "", "不满意", "基本满意"][k % 4],
        "备注": ["", "回访", "\"已, 回访\""][k % 3],
      ]
      text += columns.map { cells[$0]! }.joined(separator: ",") + (k % 19 == 3 ? ",多余\n" : "\n")
      if k % 17 == 0 { text += "\n" }
    }
    return text
  }

  @Test func blockBoundariesDoNotChangeTheOutcome() throws {
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("信访/1.csv", Self.messyRows(400, seed: 1))
    folder.write("信访/2.csv", Self.messyRows(300, seed: 2), crlf: true)
    folder.write("信访/3.csv", Self.messyRows(250, seed: 3))
    let whole = Outcome(try Self.load(folder, blockSize: 1 << 22))
    #expect(whole.rowsRead.reduce(0, +) == 950)
    #expect(whole.lines.contains { $0.contains("'信访形式'") && $0.hasSuffix("(row skipped)") })
    #expect(whole.replaced > 0 && !whole.timelines.isEmpty)
    for blockSize in [1, 7, 64, 333, 4096] {
      #expect(Outcome(try Self.load(folder, blockSize: blockSize)) == whole, "block size \(blockSize)")
    }
  }

  /// A file whose header follows the data contract's column order is read cell by cell as each
  /// line is scanned; any other order goes through cell offsets. Both must read the same rows
  /// alike, whatever the block size.
  @Test func theContractsColumnOrderReadsLikeAnyOther() throws {
    let contract = ["信访件编号", "登记日期", "信访形式", "所属区县", "问题类别", "人数", "信访去向", "是否重复", "受理日期", "办结日期", "满意度"]
    let shuffled = [
      "满意度", "所属区县", "信访件编号", "办结日期", "人数", "登记日期", "是否重复", "问题类别", "信访形式", "受理日期", "信访去向",
    ]
    func outcome(_ columns: [String], blockSize: Int) throws -> Outcome {
      let folder = DataFolder().write("regions.csv", DataFolder.regions)
      for (file, seed) in [("1", 1), ("2", 2)] {
        folder.write(
          "信访/\(file).csv",
          columns.joined(separator: ",") + "\n" + Self.messyRecords(400, seed: seed, columns: columns))
      }
      return Outcome(try Self.load(folder, blockSize: blockSize))
    }
    let expected = try outcome(shuffled, blockSize: 1 << 22)
    #expect(expected.rowsRead == [400, 400])
    #expect(expected.rowsRejected.reduce(0, +) > 0 && expected.replaced > 0)
    #expect(expected.lines.contains { $0.contains("'出国'") })
    #expect(expected.lines.contains { $0.contains("'也许'") })
    #expect(expected.lines.contains { $0.contains("12 cells but the header has 11 columns") })
    for blockSize in [1, 64, 4096, 1 << 22] {
      #expect(try outcome(contract, blockSize: blockSize) == expected, "block size \(blockSize)")
    }
  }

  /// The employment and target files are read on another thread than the petition exports;
  /// their problems still come in file order, then line order.
  @Test func problemsOfFilesReadSideBySideComeInFileOrder() throws {
    var employment = completeEmployment()
    employment += "2024-02,西湖区,abc,5\n2024-02,北湖区,1,1\n"
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
      .write("a/p.csv", Self.header + "A1,2024-13-01,来信,西湖区,教育\nA2,2024-01-02,来信,北湖区,教育\n")
      .write("b/e.csv", employment)
      .write("c/p.csv", Self.header + "B1,2024-01-02,来信,西湖区,教育,x\n")
    let report = try Self.load(folder, blockSize: 1 << 20)
    #expect(
      report.lines == [
        "信访事项 (petitions): warning: no petition item was received in 2024-02: every petition figure of that month is 0 (is an export missing?)",
        "a/p.csv:2: warning: column '登记日期': impossible date '2024-13-01' (row skipped)",
        "a/p.csv:3: warning: column '所属区县': unknown region '北湖区' (used by 1 row; closest: 西湖区, 东山区) (rows skipped)",
        "b/e.csv:17: warning: column '城镇新增就业人数': 'abc' is not a number (row skipped)",
        "b/e.csv:17: warning: column '区县': duplicate row for 西湖区 (330502) 2024-02 (first at line 14) (row skipped)",
        "b/e.csv:18: warning: column '区县': unknown region '北湖区' (used by 1 row; closest: 西湖区, 东山区) (rows skipped)",
        "c/p.csv:2: warning: column '人数': 'x' is not a number (row skipped)",
      ])
  }

  @Test func linesAreCountedAcrossBlocks() throws {
    // The line breaks are in 备注 (ignored): in 问题类别 they would be errors.
    var text = "信访件编号,登记日期,信访形式,所属区县,问题类别,备注\n"
    for index in 1...200 { text += "A\(index),2024-01-05,来信,西湖区,教育,\"备注\n第二行\"\n" }
    text += "B1,2024-13-01,来信,西湖区,教育,\n"
    let folder = DataFolder().write("regions.csv", DataFolder.regions).write("p.csv", text)
    for blockSize in [1, 50, 1 << 20] {
      let report = try Self.load(folder, blockSize: blockSize)
      // The header is line 1, each item takes two lines: B1 is on line 402.
      #expect(
        report.warningLines == [
          "p.csv:402: warning: column '登记日期': impossible date '2024-13-01' (row skipped)"
        ])
      #expect(report.files.first { $0.path == "p.csv" }?.rowsRead == 201)
    }
  }

  @Test func anUnterminatedQuoteIsReportedAtItsLine() throws {
    var text = Self.header
    for index in 1...100 { text += "A\(index),2024-01-05,来信,西湖区,教育\n" }
    text += "B1,2024-01-05,来信,西湖区,\"教育\n"
    let folder = DataFolder().write("regions.csv", DataFolder.regions).write("p.csv", text)
    for blockSize in [16, 1 << 20] {
      let report = try Self.load(folder, blockSize: blockSize)
      #expect(report.errorLines == ["p.csv:102: a quoted field opened on line 102 is never closed"])
      #expect(report.files.first { $0.path == "p.csv" }?.rowsRead == 100)
    }
  }

  /// A GB18030 export whose first megabyte is ASCII is first taken as UTF-8; the first block
  /// that is not UTF-8 sends the load back to decide every encoding from the whole file. The
  /// late Chinese text sits in an interned column, in the id, or in a column of no field.
  @Test(arguments: [0, 1, 2])
  func aLateGB18030ByteStartsTheLoadOver(place: Int) throws {
    var text = "id,date,channel,region,category,remark\n"
    var index = 0
    while text.utf8.count < (1 << 20) + 50_000 {
      index += 1
      text += "A\(index),2024-01-05,letter,330502,education,\n"
    }
    let lateRow =
      switch place {
      case 0: "Z1,2024-01-06,来信,西湖区,城乡建设,\n"
      case 1: "编号1,2024-01-06,letter,330502,education,\n"
      default: "Z1,2024-01-06,letter,330502,education,备注\n"
      }
    text += lateRow
    let folder = DataFolder().write("regions.csv", DataFolder.regions)
    folder.write("p.csv", bytes: DataFolder.gb18030(text))
    let report = try Self.load(folder, blockSize: 1 << 16)
    #expect(report.errorLines.isEmpty)
    #expect(report.files.first { $0.path == "p.csv" }?.encoding == .gb18030)
    #expect(report.files.first { $0.path == "p.csv" }?.rowsRead == index + 1)
    #expect(report.tables?.petitions?.categories.last == (place == 0 ? "城乡建设" : "education"))
  }

  @Test func wideKeysAreNumberedInOrderOfFirstSight() {
    var table = PetitionIdTable(expectedCount: 4)
    var entries: [String: Int] = [:]
    for round in 0..<3 {
      for index in 0..<50_000 {
        let id = index % 7 == 0 ? "a-long-identifier-number-\(index)" : "X\(index)"
        var text = id
        let (entry, isNew) = text.withUTF8 { table.insert($0) }
        if round == 0 {
          #expect(isNew && entry == index)
          entries[id] = entry
        } else if entries[id] != entry || isNew {
          Issue.record("\(id) found as \(entry) (new: \(isNew)) in round \(round)")
          return
        }
      }
    }
    #expect(table.count == 50_000)
  }

  /// Cells inside a padded block are packed from two whole-word loads with the bytes past the
  /// cell masked off: the same keys as packing byte by byte, NUL bytes and all, at any offset
  /// and length, and the same again where the words cannot be loaded.
  @Test func packingFromWholeWordsEqualsPackingByteByByte() {
    var generator = SeededGenerator(seed: 7)
    let alphabet: [UInt8] = [0x00, 0x41, 0x2C, 0x7F, 0x80, 0xE4, 0xBF, 0xFF]
    var block = (0..<256).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] }
    block += [UInt8](repeating: 0xAA, count: 16)
    // The cell's bytes by its length and words: one cell each.
    var cells: [String: String] = [:]
    block.withUnsafeBufferPointer { buffer in
      let base = buffer.baseAddress!
      let readableEnd = UnsafeRawPointer(base + buffer.count)
      for start in 0..<256 {
        for count in 0...min(20, 256 - start) {
          let cell = UnsafeBufferPointer(start: base + start, count: count)
          #expect(
            WideKey.packing(cell, readableEnd: readableEnd) == WideKey.packing(cell), "\(start) \(count)")
          #expect(WideKey.packing(cell, readableEnd: nil) == WideKey.packing(cell))
          #expect(
            WideKey.packing(cell, readableEnd: UnsafeRawPointer(base + start + 15)) == WideKey.packing(cell))
          guard let loaded = WideKey.words(of: cell, readableEnd: readableEnd) else {
            #expect(count > 16)
            continue
          }
          let bytes = cell.map { String($0) }.joined(separator: ",")
          let key = "\(count) \(loaded.low) \(loaded.high)"
          #expect(cells[key, default: bytes] == bytes, "\(key)")
          cells[key] = bytes
        }
      }
    }
    #expect(cells.count > 3000)
  }

  @Test func packedKeysKeepEveryByte() {
    func key(_ bytes: [UInt8]) -> WideKey? { bytes.withUnsafeBufferPointer { WideKey.packing($0) } }
    #expect(key(Array("ABCDEFGHIJKLMNOP".utf8)) != nil)
    #expect(key(Array("ABCDEFGHIJKLMNOPQ".utf8)) == nil)
    #expect(key([0x41, 0x00]) == nil && key([0x41]) != nil)
    #expect(key(Array("ABCDEFGHIJKLMNO".utf8)) != key(Array("ABCDEFGHIJKLMNOP".utf8)))
    #expect(key(Array("信访件A".utf8)) != key(Array("信访件B".utf8)))
    var generator = SystemRandomNumberGenerator()
    for count in 1...16 {
      let bytes = (0..<count).map { _ in UInt8.random(in: 1...255, using: &generator) }
      var low: UInt64 = 0
      var high: UInt64 = 0
      for (index, byte) in bytes.enumerated() {
        if index < 8 {
          low |= UInt64(byte) << (8 * UInt64(index))
        } else {
          high |= UInt64(byte) << (8 * UInt64(index - 8))
        }
      }
      #expect(key(bytes) == WideKey(low: low, high: high), "\(bytes)")
    }
    var table = PetitionIdTable()
    for id in ["A", "A\u{0}", "A\u{0}", "ABCDEFGHIJKLMNOP", "ABCDEFGHIJKLMNOPQ", "A"] {
      var text = id
      _ = text.withUTF8 { table.insert($0) }
    }
    #expect(table.count == 4)
  }
}
