import ChartModel
import Charts
import TestSupport
import Testing
import TextRules

@Suite struct NiceTicksTests {
  @Test func thousandsStepForAFewThousand() {
    let t = NiceTicks(lower: 0, upper: 4321)
    #expect(t.values == [0, 1000, 2000, 3000, 4000, 5000])
    #expect(t.decimals == 0)
  }

  @Test(arguments: [
    (1862.0, [0.0, 500, 1000, 1500, 2000]),
    (87.0, [0.0, 20, 40, 60, 80, 100]),
    (1.0, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (0.87, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    (409.11, [0.0, 100, 200, 300, 400, 500]),
    (12.0, [0.0, 2.5, 5, 7.5, 10, 12.5]),
  ])
  func niceStepsFromZero(upper: Double, expected: [Double]) {
    #expect(NiceTicks(lower: 0, upper: upper).values == expected)
  }

  @Test func negativeValuesGetZeroOnTheAxis() {
    let t = NiceTicks(lower: -5.2, upper: 12.3)
    #expect(t.values == [-10, -5, 0, 5, 10, 15])
  }

  @Test func countsGetWholeNumberTicks() {
    #expect(NiceTicks(lower: 0, upper: 3, integral: true).values == [0, 1, 2, 3])
    #expect(NiceTicks(lower: 0, upper: 0, integral: true).values == [0, 1, 2])
    #expect(NiceTicks(lower: 0, upper: 7, integral: true).values.allSatisfy { $0 == $0.rounded() })
    #expect(NiceTicks(lower: 0, upper: 4321, integral: true).values == [0, 1000, 2000, 3000, 4000, 5000])
  }

  @Test func flatDataStillGetsAnAxis() {
    #expect(NiceTicks(lower: 0, upper: 0).values.count >= 3)
    let t = NiceTicks(lower: 250, upper: 250)
    #expect(t.lower <= 250 && t.upper >= 250 && t.values.count >= 3)
  }

  @Test func secondAxisSharesTheGrid() {
    let primary = NiceTicks(lower: 0, upper: 1862)
    let secondary = NiceTicks(matching: primary.intervals, lower: -8.6, upper: 15.1)
    #expect(secondary.intervals == primary.intervals)
    #expect(secondary.lower <= -8.6 && secondary.upper >= 15.1)
    #expect(secondary.values.contains(0))
  }

  @Test func decimalsFollowTheStep() {
    #expect(NiceTicks(start: 0, step: 0.5, intervals: 2).decimals == 1)
    #expect(NiceTicks(start: 0, step: 0.25, intervals: 4).decimals == 2)
    #expect(NiceTicks(start: 0, step: 500, intervals: 2).decimals == 0)
    #expect(NiceTicks(start: 0, step: 0.1, intervals: 3).values == [0, 0.1, 0.2, 0.3])
  }
}

@Suite struct NumberTextTests {
  @Test(arguments: [
    (1_234_567.0, 0, "1,234,567"),
    (1000.0, 0, "1,000"),
    (999.0, 0, "999"),
    (-1234.5, 0, "-1,235"),
    (56.49999999999999, 0, "57"),
    (2.675, 2, "2.68"),
    (3.25, 1, "3.3"),
    (-0.04, 1, "0.0"),
    (0.5, 1, "0.5"),
    (43500.0, 2, "43,500.00"),
    (0.0, 0, "0"),
  ])
  func formats(value: Double, decimals: Int, expected: String) {
    #expect(DecimalText.format(value, decimals: decimals) == expected)
  }

  @Test func infinityIsADash() {
    #expect(DecimalText.format(.infinity, decimals: 1) == "—")
  }
}
