import Tables

/// Aggregates de-duplicated petition items into the cube (`PetitionTable.counts`) and the flat
/// timelines, in time and memory proportional to the items: cells are counted under packed
/// integer keys, and timelines are bucketed by 登记日期 (a counting sort), sorted within each day
/// and run-length counted.
struct PetitionCube {
  let items: [PetitionItem]
  let leafCodes: [String]
  let categories: [String]

  func table() -> PetitionTable {
    guard !items.isEmpty else { return PetitionTable(categories: categories) }
    var firstDay = Int32.max
    var lastDay = Int32.min
    for item in items {
      firstDay = min(firstDay, item.received)
      lastDay = max(lastDay, item.received)
    }
    let days = Int(lastDay - firstDay) + 1
    let monthOfDay = (0..<days).map { Day(number: Int(firstDay) + $0).yearMonth.ordinal }

    // The cells and the timelines are independent: each is built on its own core.
    let (cube, first) = (self, firstDay)
    let (timelines, counts) = alongside {
      cube.timelines(firstDay: first, days: days)
    } with: {
      cells(firstDay: firstDay, monthOfDay: monthOfDay)
    }
    return PetitionTable(categories: categories, counts: counts, timelines: timelines)
  }

  /// Number of items per cell, counted under packed integer keys first.
  private func cells(firstDay: Int32, monthOfDay: [Int]) -> [PetitionCell: Int] {
    var cells = WideKeyTable()
    var cellCounts: [Int] = []
    for item in items {
      let key = Self.cellKey(item, month: monthOfDay[Int(item.received - firstDay)])
      let (entry, isNew) = cells.insert(key, hash: key.hash)
      if isNew { cellCounts.append(1) } else { cellCounts[entry] += 1 }
    }
    var counts: [PetitionCell: Int] = [:]
    counts.reserveCapacity(cells.count)
    for (key, count) in zip(cells.keys, cellCounts) {
      counts[cell(key), default: 0] += count
    }
    return counts
  }

  /// An item's cell: region and category in the low word; month, persons and the coded values
  /// in the high word (every field keeps its full range).
  @inline(__always)
  private static func cellKey(_ item: PetitionItem, month: Int) -> WideKey {
    let coded =
      UInt64(item.channel) | UInt64(item.level) << 2 | UInt64(item.satisfaction) << 4
      | (item.isRepeat ? 1 << 6 : 0)
    return WideKey(
      low: UInt64(UInt32(bitPattern: item.region)) << 32 | UInt64(UInt32(bitPattern: item.category)),
      high: UInt64(UInt16(truncatingIfNeeded: month)) << 48 | UInt64(UInt32(bitPattern: item.persons)) << 8
        | coded)
  }

  private func cell(_ key: WideKey) -> PetitionCell {
    let coded = Int(key.high & 0xFF)
    return PetitionCell(
      regionCode: leafCodes[Int(key.low >> 32)], month: YearMonth(ordinal: Int(key.high >> 48)),
      channel: PetitionItem.channels[coded & 3], level: PetitionItem.levels[coded >> 2 & 3],
      isRepeat: coded >> 6 & 1 == 1, persons: Int(UInt32(truncatingIfNeeded: key.high >> 8)),
      category: Int(UInt32(truncatingIfNeeded: key.low)),
      satisfaction: PetitionItem.satisfactions[coded >> 4 & 3])
  }

  /// Bits of a day difference: every `Day` lies in 1900…2999, fewer than 2^19 days apart.
  private static let deltaBits: UInt64 = 19
  private static let noDelta: UInt64 = (1 << 19) - 1

  /// The timelines, in order of 登记日期, then region, 受理日期 and 办结日期.
  private func timelines(firstDay: Int32, days: Int) -> PetitionTimelines {
    // Each item's region and date differences in one word, placed in its day's bucket.
    var starts = [Int](repeating: 0, count: days + 1)
    for item in items { starts[Int(item.received - firstDay) + 1] += 1 }
    for day in 1..<starts.count { starts[day] += starts[day - 1] }
    var next = starts
    var packed = [UInt64](repeating: 0, count: items.count)
    for item in items {
      let day = Int(item.received - firstDay)
      let accepted =
        item.accepted == PetitionItem.noDate ? Self.noDelta : UInt64(item.accepted - item.received)
      let closed = item.closed == PetitionItem.noDate ? Self.noDelta : UInt64(item.closed - item.received)
      packed[next[day]] =
        UInt64(item.region) << (2 * Self.deltaBits) | accepted << Self.deltaBits | closed
      next[day] += 1
    }
    var entries: [PetitionTimelines.Entry] = []
    let mask = Self.noDelta
    for day in 0..<(starts.count - 1) where starts[day] < starts[day + 1] {
      packed[starts[day]..<starts[day + 1]].sort()
      let received = firstDay + Int32(day)
      var index = starts[day]
      while index < starts[day + 1] {
        let word = packed[index]
        var run = 1
        while index + run < starts[day + 1] && packed[index + run] == word { run += 1 }
        let accepted = word >> Self.deltaBits & mask
        let closed = word & mask
        entries.append(
          PetitionTimelines.Entry(
            region: Int32(word >> (2 * Self.deltaBits)), received: received,
            accepted: accepted == mask ? PetitionItem.noDate : received + Int32(accepted),
            closed: closed == mask ? PetitionItem.noDate : received + Int32(closed), count: Int32(run)))
        index += run
      }
    }
    return PetitionTimelines(regionCodes: leafCodes, entries: entries)
  }
}
