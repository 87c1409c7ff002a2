import TestSupport
import Testing

@testable import Loading
@testable import Tables

@Suite struct PetitionCubeTests {
  /// The keys in the order of the radix sort, each run expanded.
  static func radixSorted<Key: FixedWidthInteger & UnsignedInteger>(_ keys: [Key], significantBits: Int)
    -> [Key]
  {
    var sorted: [Key] = []
    RadixSort.forEachRun(count: keys.count, significantBits: significantBits, key: { keys[$0] }) {
      key, count in
      sorted += repeatElement(key, count: count)
    }
    return sorted
  }

  @Test func radixSortOrdersLikeTheStandardSort() {
    var generator = SeededGenerator(seed: 7)
    for bits in [1, 11, 12, 29, 64] {
      for count in [0, 1, 2, 1000] {
        let keys = (0..<count).map { _ in generator.next() >> UInt64(64 - bits) }
        #expect(Self.radixSorted(keys, significantBits: bits) == keys.sorted(), "\(bits) bits, \(count) keys")
      }
    }
    // Skewed: most keys in one top bucket, so that the scratch space is as long as that bucket.
    let skewed = (0..<3000).map { index in index % 10 == 0 ? generator.next() >> 35 : generator.next() >> 50 }
    #expect(Self.radixSorted(skewed, significantBits: 29) == skewed.sorted())
    let wide = (0..<500).map { _ in UInt128(generator.next() >> 30) << 64 | UInt128(generator.next()) }
    #expect(Self.radixSorted(wide, significantBits: 98) == wide.sorted())
  }

  @Test func runsCountEachDistinctKey() {
    var runs: [[UInt64]] = []
    let keys: [UInt64] = [5, 3, 5, 0, 5, 3]
    RadixSort.forEachRun(count: keys.count, significantBits: 3, key: { keys[$0] }) {
      runs.append([$0, UInt64($1)])
    }
    #expect(runs == [[0, 1], [3, 2], [5, 3]])
  }

  @Test func packedFieldsKeepTheirValuesAndOrder() {
    let layout = PackedKeyLayout(largest: [3, 0, 1000, 1])
    #expect(layout.bits == 2 + 0 + 10 + 1)
    let key = UInt64(2) << layout.shifts[0] | UInt64(999) << layout.shifts[2] | UInt64(1) << layout.shifts[3]
    #expect([0, 1, 2, 3].map { layout.field($0, of: key) } == [2, 0, 999, 1])
    let smaller = UInt64(1) << layout.shifts[0] | UInt64(1000) << layout.shifts[2]
    #expect(smaller < key)
  }

  /// Small items are packed into 64-bit keys; items whose fields need more bits (1,100 years
  /// of dates, 2^31 persons, thousands of categories and regions) into 128-bit keys. Both give
  /// what counting each item one by one gives.
  @Test(arguments: [false, true]) func cubeCountsEveryItem(wide: Bool) {
    var generator = SeededGenerator(seed: wide ? 2 : 1)
    let regions = wide ? 300 : 3
    let leafCodes = (0..<regions).map { "R\($0)" }
    let categories = (0..<(wide ? 5000 : 4)).map { "C\($0)" }
    let firstDay = Int32(Day(year: wide ? 1900 : 2024, month: 1, day: 1)!.number)
    let lastDay = Int32(Day(year: wide ? 2999 : 2024, month: wide ? 12 : 3, day: 31)!.number)
    var items: [PetitionItem] = []
    for index in 0..<2000 {
      func pick(_ range: ClosedRange<Int32>) -> Int32 {
        range.lowerBound + Int32(generator.next() % UInt64(range.upperBound - range.lowerBound + 1))
      }
      // A few values repeat so that cells and timelines hold more than one item.
      let received = index % 3 == 0 ? firstDay : pick(firstDay...lastDay)
      let accepted = generator.next() % 4 == 0 ? PetitionItem.noDate : pick(received...lastDay)
      let closed =
        generator.next() % 3 == 0
        ? PetitionItem.noDate : pick((accepted == PetitionItem.noDate ? received : accepted)...lastDay)
      items.append(
        PetitionItem(
          region: pick(0...Int32(regions - 1)), received: received,
          accepted: index % 5 == 0 ? PetitionItem.noDate : accepted,
          closed: index % 5 == 0 ? PetitionItem.noDate : closed,
          persons: index % 7 == 0 ? (wide ? Int32.max : 1) : pick(1...3),
          category: pick(0...Int32(categories.count - 1)), channel: UInt8(index % 4), level: UInt8(index % 3),
          satisfaction: UInt8(index % 4), isRepeat: index % 2 == 0))
    }
    let table = PetitionCube(items: items, leafCodes: leafCodes, categories: categories).table()

    var expectedCells: [PetitionCell: Int] = [:]
    var expectedTimelines: [[Int32]: Int32] = [:]
    for item in items {
      let cell = PetitionCell(
        regionCode: leafCodes[Int(item.region)], month: Day(number: Int(item.received)).yearMonth,
        channel: PetitionItem.channels[Int(item.channel)], level: PetitionItem.levels[Int(item.level)],
        isRepeat: item.isRepeat, persons: Int(item.persons), category: Int(item.category),
        satisfaction: PetitionItem.satisfactions[Int(item.satisfaction)])
      expectedCells[cell, default: 0] += 1
      expectedTimelines[[item.received, item.region, item.accepted, item.closed], default: 0] += 1
    }
    var cells: [PetitionCell: Int] = [:]
    for (cell, count) in table.counts { cells[cell, default: 0] += count }
    #expect(cells == expectedCells)
    #expect(table.counts.count == expectedCells.count)

    // Timelines come in order of 登记日期, region, 受理日期 and 办结日期, an absent date last.
    func order(_ date: Int32) -> Int64 { date == PetitionItem.noDate ? Int64.max : Int64(date) }
    let expectedEntries = expectedTimelines.sorted {
      $0.key.map(order).lexicographicallyPrecedes($1.key.map(order))
    }
    #expect(
      table.timelines.entries.map { [$0.received, $0.region, $0.accepted, $0.closed, $0.count] }
        == expectedEntries.map { $0.key + [$0.value] })
  }
}

@Suite struct ISODayTests {
  /// The block parser's date reading agrees with `Day` on every day it accepts and refuses
  /// every other form, so that such cells go to the general path and its messages.
  @Test func agreesWithTheCalendar() {
    func isoDay(_ text: String) -> Int32? {
      Array(text.utf8).withUnsafeBufferPointer { PetitionBlockParser.isoDay($0) }
    }
    for (text, expected) in [
      ("2024-01-05", Day(year: 2024, month: 1, day: 5)), ("2024-02-29", Day(year: 2024, month: 2, day: 29)),
      ("1900-01-01", Day(year: 1900, month: 1, day: 1)), ("2999-12-31", Day(year: 2999, month: 12, day: 31)),
      ("2023-02-29", nil), ("2024-04-31", nil), ("2024-13-01", nil), ("2024-00-10", nil), ("2024-01-00", nil),
      ("1899-12-31", nil), ("3000-01-01", nil), ("2024-1-05", nil), ("2024/01/05", nil), ("20a4-01-05", nil),
      ("2024-01-0:", nil), ("2024-01-05 ", nil),
    ] {
      #expect(isoDay(text) == expected.map { Int32($0.number) }, "\(text)")
    }
  }
}

@Suite struct UTF8ValidationTests {
  /// The fast validator (ASCII words and three-byte CJK sequences taken whole) agrees with the
  /// standard library on valid and broken text, fed whole or cut into pieces anywhere.
  @Test func agreesWithTheStandardLibrary() {
    var generator = SeededGenerator(seed: 11)
    let pieces: [[UInt8]] = [
      Array("信访件编号,登记日期".utf8), Array("abc,123\n".utf8), Array("é".utf8), Array("😀".utf8),
      [0xE0, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
      [0xE4, 0xBF], [0xE4, 0x41, 0x80], [0xC0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0x80], [0xFF],
    ]
    for _ in 0..<2000 {
      var bytes: [UInt8] = []
      for _ in 0..<Int(generator.next() % 8) { bytes += pieces[Int(generator.next() % UInt64(pieces.count))] }
      let expected = String(validating: bytes, as: UTF8.self) != nil
      let cut = bytes.isEmpty ? 0 : Int(generator.next() % UInt64(bytes.count + 1))
      var validator = FastUTF8Validator()
      let valid = bytes.withUnsafeBufferPointer { buffer in
        validator.consume(UnsafeBufferPointer(rebasing: buffer[..<cut]))
          && validator.consume(UnsafeBufferPointer(rebasing: buffer[cut...]))
      }
      #expect((valid && validator.isAtBoundary) == expected, "\(bytes) cut at \(cut)")
    }
  }
}
