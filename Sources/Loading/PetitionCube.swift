import Concurrency
import Tables

/// Aggregates de-duplicated petition items into the cube (`PetitionTable.counts`) and the flat
/// timelines, in time and memory proportional to the items: each item's fields are packed into
/// one integer key, as narrow as the data allows, and the keys are radix sorted and counted in
/// runs.
struct PetitionCube {
  let items: [PetitionItem]
  let leafCodes: [String]
  let categories: [String]

  /// The largest value of each packed field, and the first day and month.
  private struct Ranges {
    var firstDay = Int32.max
    var lastDay = Int32.min
    var persons: Int32 = 0
    var category: Int32 = 0
    var acceptedDelta: Int32 = 0
    var closedDelta: Int32 = 0

    init(_ items: ArraySlice<PetitionItem>) {
      let noDate = PetitionItem.noDate
      for item in items {
        firstDay = min(firstDay, item.received)
        lastDay = max(lastDay, item.received)
        persons = max(persons, item.persons)
        category = max(category, item.category)
        if item.accepted != noDate { acceptedDelta = max(acceptedDelta, item.accepted - item.received) }
        if item.closed != noDate { closedDelta = max(closedDelta, item.closed - item.received) }
      }
    }

    /// The ranges of `items`, each half on its own core.
    static func of(_ items: [PetitionItem]) -> Ranges {
      let half = items.count / 2
      let (first, second) = alongside({ Ranges(items[..<half]) }, with: { Ranges(items[half...]) })
      var both = first
      both.firstDay = min(first.firstDay, second.firstDay)
      both.lastDay = max(first.lastDay, second.lastDay)
      both.persons = max(first.persons, second.persons)
      both.category = max(first.category, second.category)
      both.acceptedDelta = max(first.acceptedDelta, second.acceptedDelta)
      both.closedDelta = max(first.closedDelta, second.closedDelta)
      return both
    }
  }

  func table() -> PetitionTable {
    guard !items.isEmpty else { return PetitionTable(categories: categories) }
    let ranges = Ranges.of(items)
    let days = Int(ranges.lastDay - ranges.firstDay) + 1
    let firstMonth = Day(number: Int(ranges.firstDay)).yearMonth.ordinal
    let monthOfDay = (0..<days).map { Day(number: Int(ranges.firstDay) + $0).yearMonth.ordinal - firstMonth }

    // The cells and the timelines are independent: each is built on its own core.
    let cube = self
    let (timelines, counts) = alongside {
      cube.timelines(ranges)
    } with: {
      cells(ranges, firstMonth: firstMonth, monthOfDay: monthOfDay)
    }
    return PetitionTable(categories: categories, counts: counts, timelines: timelines)
  }

  /// Number of items per cell. A key packs the month, region, category, persons and the coded
  /// values (channel, level, satisfaction and repeat in 7 bits).
  private func cells(_ ranges: Ranges, firstMonth: Int, monthOfDay: [Int]) -> PetitionCounts {
    let layout = PackedKeyLayout(largest: [
      UInt64(monthOfDay.last!), UInt64(leafCodes.count - 1), UInt64(ranges.category), UInt64(ranges.persons),
      (1 << 7) - 1,
    ])
    return layout.bits <= 64
      ? cells(UInt64.self, layout, ranges, firstMonth: firstMonth, monthOfDay: monthOfDay)
      : cells(UInt128.self, layout, ranges, firstMonth: firstMonth, monthOfDay: monthOfDay)
  }

  private func cells<Key: FixedWidthInteger & UnsignedInteger>(
    _: Key.Type, _ layout: PackedKeyLayout, _ ranges: Ranges, firstMonth: Int, monthOfDay: [Int]
  ) -> PetitionCounts {
    let (month, region, category, persons, coded) = (
      layout.shifts[0], layout.shifts[1], layout.shifts[2], layout.shifts[3], layout.shifts[4]
    )
    let firstDay = ranges.firstDay
    var entries: [PetitionCounts.Entry] = []
    let (channels, levels, satisfactions) = (
      PetitionItem.channels, PetitionItem.levels, PetitionItem.satisfactions
    )
    let items = self.items
    RadixSort.forEachRun(count: items.count, significantBits: layout.bits) { index -> Key in
      let item = items[index]
      let values =
        Key(item.channel) | Key(item.level) << 2 | Key(item.satisfaction) << 4 | (item.isRepeat ? 1 << 6 : 0)
      return Key(monthOfDay[Int(item.received - firstDay)]) << month | Key(item.region) << region
        | Key(item.category) << category | Key(item.persons) << persons | values << coded
    } _: { key, count in
      let values = Int(layout.field(4, of: key))
      entries.append(
        PetitionCounts.Entry(
          region: Int32(layout.field(1, of: key)), month: Int32(firstMonth) + Int32(layout.field(0, of: key)),
          category: Int32(layout.field(2, of: key)), persons: Int32(layout.field(3, of: key)),
          channel: channels[values & 3], level: levels[values >> 2 & 3],
          satisfaction: satisfactions[values >> 4 & 3], isRepeat: values >> 6 & 1 == 1,
          count: count))
    }
    return PetitionCounts(regionCodes: leafCodes, entries: entries)
  }

  /// The timelines, in order of 登记日期, then region, 受理日期 and 办结日期. A key packs the day,
  /// the region and the two dates as days after 登记日期; an absent date is one day more than
  /// the largest present one, so that it sorts after every date.
  private func timelines(_ ranges: Ranges) -> PetitionTimelines {
    let noAccepted = ranges.acceptedDelta + 1
    let noClosed = ranges.closedDelta + 1
    let layout = PackedKeyLayout(largest: [
      UInt64(ranges.lastDay - ranges.firstDay), UInt64(leafCodes.count - 1), UInt64(noAccepted),
      UInt64(noClosed),
    ])
    return layout.bits <= 64
      ? timelines(UInt64.self, layout, ranges) : timelines(UInt128.self, layout, ranges)
  }

  private func timelines<Key: FixedWidthInteger & UnsignedInteger>(
    _: Key.Type, _ layout: PackedKeyLayout, _ ranges: Ranges
  ) -> PetitionTimelines {
    let (day, region, accepted, closed) = (
      layout.shifts[0], layout.shifts[1], layout.shifts[2], layout.shifts[3]
    )
    let (firstDay, noAccepted, noClosed) = (ranges.firstDay, ranges.acceptedDelta + 1, ranges.closedDelta + 1)
    let noDate = PetitionItem.noDate
    var entries: [PetitionTimelines.Entry] = []
    // Room for one entry per item: pages never written take no memory.
    entries.reserveCapacity(items.count)
    let items = self.items
    RadixSort.forEachRun(count: items.count, significantBits: layout.bits) { index -> Key in
      let item = items[index]
      let acceptedDelta = item.accepted == noDate ? noAccepted : item.accepted - item.received
      let closedDelta = item.closed == noDate ? noClosed : item.closed - item.received
      return Key(item.received - firstDay) << day | Key(item.region) << region | Key(acceptedDelta)
        << accepted
        | Key(closedDelta) << closed
    } _: { key, count in
      let received = firstDay + Int32(layout.field(0, of: key))
      let acceptedDelta = Int32(layout.field(2, of: key))
      let closedDelta = Int32(layout.field(3, of: key))
      entries.append(
        PetitionTimelines.Entry(
          region: Int32(layout.field(1, of: key)), received: received,
          accepted: acceptedDelta == noAccepted ? noDate : received + acceptedDelta,
          closed: closedDelta == noClosed ? noDate : received + closedDelta, count: Int32(count))
      )
    }
    return PetitionTimelines(regionCodes: leafCodes, entries: entries)
  }
}
