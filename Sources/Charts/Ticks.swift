import Foundation

/// Tick values a person would pick: steps of 1, 2, 2.5 or 5 times a power of ten, about five
/// intervals, covering the data, with zero on the axis when the data span it.
public struct NiceTicks: Hashable, Sendable {
  public var values: [Double]
  public var step: Double

  public var lower: Double { values.first ?? 0 }
  public var upper: Double { values.last ?? 1 }
  /// Number of intervals between the first and last tick.
  public var intervals: Int { max(values.count - 1, 1) }

  /// Decimals that write every tick exactly (0 for 500, 1 for 0.5, 2 for 0.25).
  public var decimals: Int { NiceTicks.decimals(for: step) }

  /// The largest magnitude an axis reaches: beyond it, spans and steps (up to 100 times the
  /// span) would overflow a `Double` (a value past it is drawn off the plot's edge, never as a
  /// trap or NaN).
  public static let limit = 1e305

  /// Ticks from `lower` (or below) to `upper` (or above) in about `targetIntervals` steps; with
  /// `integral`, steps are whole numbers (counts of 件 or 人 have no 0.2). Bounds are clamped to
  /// ±``limit``; a span under 1e-12 is padded (by at least 1e-9, so that a step never underflows).
  public init(lower: Double, upper: Double, targetIntervals: Int = 5, integral: Bool = false) {
    var lo = NiceTicks.clamped(Swift.min(lower, upper))
    var hi = NiceTicks.clamped(Swift.max(lower, upper))
    if hi - lo < 1e-12 {
      let pad = lo == 0 ? 1 : Swift.max(abs(lo) * 0.5, 1e-9)
      if lo >= 0 { hi = lo + pad } else { lo = hi - pad }
      if lower >= 0 { lo = Swift.max(0, lo) }
    }
    let raw = (hi - lo) / Double(Swift.max(targetIntervals, 1))
    let exponent = floor(log10(raw))
    var best: (cost: Double, step: Double, lo: Double, n: Int)?
    for e in [exponent - 1, exponent, exponent + 1] {
      for m in [1.0, 2.0, 2.5, 5.0] {
        let step = m * pow(10, e)
        if integral && step != step.rounded() { continue }
        let tickLo = floor(lo / step + 1e-9) * step
        let tickHi = ceil(hi / step - 1e-9) * step
        let count = ((tickHi - tickLo) / step).rounded()
        guard count.isFinite && count < 10_000 else { continue }
        let n = Int(count)
        guard n >= 2 else { continue }
        let waste = ((tickHi - tickLo) - (hi - lo)) / (tickHi - tickLo)
        let cost = abs(Double(n - targetIntervals)) + (m == 2.5 ? 0.6 : 0) + waste
        if best == nil || cost < best!.cost { best = (cost, step, tickLo, n) }
      }
    }
    // Nothing fits only for a tiny integral range (0 to 1): count in ones.
    let chosen = best ?? (0, 1, floor(lo), Swift.max(2, Int(ceil(hi) - floor(lo))))
    self.init(start: chosen.lo, step: chosen.step, intervals: chosen.n)
  }

  /// `intervals + 1` ticks from `start` by `step`.
  public init(start: Double, step: Double, intervals: Int) {
    self.step = step
    let d = NiceTicks.decimals(for: step)
    self.values = (0...intervals).map { NiceTicks.clean(start + Double($0) * step, decimals: d) }
  }

  /// Ticks for a second axis that share the first axis's number of intervals (so both axes' ticks
  /// fall on the same grid lines) and cover `lower...upper` with the smallest nice step.
  public init(matching intervals: Int, lower: Double, upper: Double) {
    let intervals = Swift.max(intervals, 1)
    let lo = NiceTicks.clamped(Swift.min(lower, upper))
    let hi = NiceTicks.clamped(Swift.max(lower, upper))
    let span = Swift.max(hi - lo, Swift.max(abs(hi), abs(lo)) * 0.1, 1e-9)
    var e = floor(log10(span / Double(intervals))) - 1
    // The bounds are clamped, so a step is found well before e passes 308.
    while e <= 308 {
      for m in [1.0, 2.0, 2.5, 5.0] {
        let step = m * pow(10, e)
        let start = floor(lo / step + 1e-9) * step
        if start + Double(intervals) * step >= hi - 1e-9 {
          self.init(start: start, step: step, intervals: intervals)
          return
        }
      }
      e += 1
    }
    self.init(start: lo, step: (hi - lo) / Double(intervals), intervals: intervals)
  }

  private static func clamped(_ value: Double) -> Double { Swift.min(Swift.max(value, -limit), limit) }

  /// A copy extended by one step at the top (room for data labels).
  public func extendedUpward() -> NiceTicks {
    NiceTicks(start: lower, step: step, intervals: intervals + 1)
  }

  static func decimals(for step: Double) -> Int {
    for d in 0...8 {
      let scaled = step * pow(10, Double(d))
      if abs(scaled - scaled.rounded()) < 1e-6 * Swift.max(1, abs(scaled)) { return d }
    }
    return 8
  }

  private static func clean(_ v: Double, decimals: Int) -> Double {
    let f = pow(10, Double(decimals))
    let r = (v * f).rounded() / f
    return r == 0 ? 0 : r  // no -0
  }
}
