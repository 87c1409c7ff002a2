import Testing

@testable import Engine

@Suite struct FormatTests {
  @Test func roundsHalfAwayFromZeroOnTheExactValue() {
    // 678 / 1,200 × 100 is exactly 56.5: published as 57, where binary floating point prints 56.
    let completion = q(678) / q(1200) * .hundred
    #expect(completion == q(113, 2))
    #expect(IndicatorFormat.display(completion, decimals: 0) == "57")
    #expect(IndicatorFormat.display(completion, decimals: 1) == "56.5")
    #expect(IndicatorFormat.display(q(-113, 2), decimals: 0) == "-57")
    #expect(IndicatorFormat.display(q(-45, 100), decimals: 1) == "-0.5")
    #expect(IndicatorFormat.display(q(1, 2), decimals: 0) == "1")
    #expect(IndicatorFormat.display(q(2499, 1000), decimals: 1) == "2.5")
    #expect(IndicatorFormat.display(q(2449, 1000), decimals: 1) == "2.4")
    #expect(IndicatorFormat.display(q(995, 100), decimals: 1) == "10.0")
  }

  @Test func groupsThousandsAndPrintsNoNegativeZero() {
    #expect(IndicatorFormat.display(q(12345), decimals: 0) == "12,345")
    #expect(IndicatorFormat.display(q(12345), decimals: 0, grouping: false) == "12345")
    #expect(IndicatorFormat.display(q(-1_234_567_891, 1000), decimals: 2) == "-1,234,567.89")
    #expect(IndicatorFormat.display(q(999), decimals: 0) == "999")
    #expect(IndicatorFormat.display(q(999_999, 1000), decimals: 0) == "1,000")
    #expect(IndicatorFormat.display(q(-4, 100), decimals: 1) == "0.0")
    #expect(IndicatorFormat.display(q(-4, 10), decimals: 1) == "-0.4")
    #expect(IndicatorFormat.display(Rational.zero, decimals: 2) == "0.00")
  }

  @Test func absentIsADash() {
    #expect(IndicatorFormat.display(nil as Rational?, decimals: 1) == "—")
    #expect(IndicatorFormat.display(Figure.absent(.notComputable), decimals: 1) == "—")
    #expect(IndicatorFormat.display(Figure.flag(true), decimals: 0) == "是")
    #expect(IndicatorFormat.display(Figure.flag(false), decimals: 0) == "否")
  }

  @Test func fifteenSignificantDigits() {
    #expect(IndicatorFormat.significant(q(113, 2)) == "56.5")
    #expect(IndicatorFormat.significant(q(100, 3)) == "33.3333333333333")
    #expect(IndicatorFormat.significant(q(2, 3)) == "0.666666666666667")
    #expect(IndicatorFormat.significant(q(-2, 3)) == "-0.666666666666667")
    #expect(IndicatorFormat.significant(q(678)) == "678")
    #expect(IndicatorFormat.significant(Rational.zero) == "0")
    #expect(IndicatorFormat.significant(q(1, 80_000)) == "0.0000125")
    #expect(IndicatorFormat.significant(q(1, 3_000_000)) == "0.000000333333333333333")
    #expect(IndicatorFormat.significant(Rational(Int128(10).power(20), 3)) == "33333333333333300000")
    #expect(IndicatorFormat.significant(q(1_999_999_999_999_999, 2)) == "1000000000000000")
    #expect(IndicatorFormat.significant(q(-4, 10)) == "-0.4")
  }

  @Test func officialWording() {
    #expect(IndicatorFormat.growth(q(32, 10)) == "增长3.2%")
    #expect(IndicatorFormat.growth(q(-36, 100)) == "下降0.4%")
    #expect(IndicatorFormat.growth(q(4, 100)) == "持平")
    #expect(IndicatorFormat.growth(q(-49, 1000)) == "持平")
    #expect(IndicatorFormat.growth(q(5, 100)) == "增长0.1%")
    #expect(IndicatorFormat.growth(nil) == nil)
    #expect(IndicatorFormat.pointsChange(q(8, 10)) == "提高0.8个百分点")
    #expect(IndicatorFormat.pointsChange(q(-4, 100), decimals: 2) == "降低0.04个百分点")
    #expect(IndicatorFormat.pointsChange(q(-4, 100)) == "持平")
    #expect(IndicatorFormat.progress(gap: q(37, 10)) == "超序时进度3.7个百分点")
    #expect(IndicatorFormat.progress(gap: q(-12, 10)) == "低于序时进度1.2个百分点")
    #expect(IndicatorFormat.progress(gap: q(1, 100)) == "与序时进度持平")
    #expect(IndicatorFormat.quantity(q(43_500), unit: "人") == "4.35万人")
    #expect(IndicatorFormat.quantity(q(16_470_200), unit: "人") == "1,647.02万人")
    #expect(IndicatorFormat.quantity(q(9_876), unit: "人") == "9,876人")
    #expect(IndicatorFormat.quantity(q(10_000), unit: "人次") == "1.00万人次")
    #expect(IndicatorFormat.percent(q(565, 10)) == "56.5%")
  }

  @Test func progressVerdictUsesAnInclusiveBand() {
    #expect(ProgressVerdict.of(gap: q(37, 10), band: q(1)) == .ahead)
    #expect(ProgressVerdict.of(gap: q(1), band: q(1)) == .inLine)
    #expect(ProgressVerdict.of(gap: q(-1), band: q(1)) == .inLine)
    #expect(ProgressVerdict.of(gap: q(-101, 100), band: q(1)) == .behind)
    #expect(ProgressVerdict.behind.phrase == "慢于序时进度")
  }

  @Test func rationalArithmeticIsExactAndReduced() {
    #expect(q(1, 3) + q(1, 6) == q(1, 2))
    #expect(q(6, 4).numerator == 3 && q(6, 4).denominator == 2)
    #expect(q(3, -4) == q(-3, 4))
    #expect(q(-3, 4).denominator == 4)
    #expect(q(1, 3) < q(34, 100))
    #expect(q(-1, 2) < q(-1, 3))
    #expect(q(2, 3) / q(-4, 9) == q(-3, 2))
    #expect(Rational(decimal: "-12.345") == q(-12345, 1000))
    #expect(Rational(decimal: "0.0000125") == q(1, 80_000))
    #expect(Rational(decimal: "12a") == nil)
    #expect(Rational(decimal: "") == nil)
    #expect(Rational(decimal: ".") == nil)
  }
}

extension Int128 {
  func power(_ exponent: Int) -> Int128 { (0..<exponent).reduce(1) { value, _ in value * self } }
}
