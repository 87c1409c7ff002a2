/// Natural order of relative paths: runs of digits compare as numbers (`1-9月` before `1-10月`),
/// everything else by Unicode code point.
public enum NaturalOrder {
  public static func areInIncreasingOrder(_ lhs: String, _ rhs: String) -> Bool {
    let a = Array(lhs.unicodeScalars)
    let b = Array(rhs.unicodeScalars)
    var i = 0
    var j = 0
    while i < a.count && j < b.count {
      if isDigit(a[i]) && isDigit(b[j]) {
        let startA = i
        let startB = j
        while i < a.count && isDigit(a[i]) { i += 1 }
        while j < b.count && isDigit(b[j]) { j += 1 }
        let runA = a[startA..<i].drop(while: { $0 == "0" })
        let runB = b[startB..<j].drop(while: { $0 == "0" })
        if runA.count != runB.count { return runA.count < runB.count }
        for (x, y) in zip(runA, runB) where x != y { return x.value < y.value }
        if (i - startA) != (j - startB) { return (i - startA) > (j - startB) }
      } else {
        if a[i] != b[j] { return a[i].value < b[j].value }
        i += 1
        j += 1
      }
    }
    return (a.count - i) < (b.count - j)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }
}

/// Edit distance between names, for "did you mean" suggestions.
enum EditDistance {
  static func between(_ lhs: String, _ rhs: String) -> Int {
    let a = Array(lhs)
    let b = Array(rhs)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
        current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
      }
      swap(&previous, &current)
    }
    return previous[b.count]
  }
}
