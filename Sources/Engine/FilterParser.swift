import Tables

/// Parses one petition filter condition of the catalogue:
///
///     channel == visit            channel in [letter, 来访]        level in [province, beijing]
///     persons >= 5                persons < 10                      repeat == yes
///     satisfaction in [satisfied, basically_satisfied]             category == 劳动和社会保障
///     category not in ["城乡建设", 其他]
///
/// Fields: `channel`, `level`, `satisfaction` (enum ids or their Chinese names), `repeat`
/// (yes/no), `persons` (whole numbers, all comparisons), `category` (text, exact match after
/// trimming). Operators: `==`, `!=`, `in [..]`, `not in [..]`, and for persons `>=`, `<=`, `>`, `<`.
enum FilterParser {
  /// Why a condition was rejected.
  struct Failure: Error {
    let text: String
  }

  static let fields = ["channel", "level", "satisfaction", "repeat", "persons", "category"]

  static func parse(_ condition: String) throws -> PetitionCondition {
    let text = condition.trimmingWhitespace()
    let field = String(text.prefix { $0.isASCII && ($0.isLetter || $0 == "_") })
    guard fields.contains(field) else {
      throw Failure(text: "unknown field '\(field)' (expected one of: \(fields.joined(separator: ", ")))")
    }
    var rest = text.dropFirst(field.count).drop(while: \.isWhitespace)
    let operators = ["==", "!=", ">=", "<=", ">", "<", "not in", "in"]
    guard
      let op = operators.first(where: { op in
        guard rest.hasPrefix(op) else { return false }
        // Word operators must be followed by a space or '['.
        if op.first!.isLetter, let next = rest.dropFirst(op.count).first {
          return next.isWhitespace || next == "["
        }
        return true
      })
    else {
      throw Failure(text: "expected an operator (==, !=, >=, <=, >, <, in, not in) after '\(field)'")
    }
    rest = rest.dropFirst(op.count).drop(while: \.isWhitespace)
    let isList = op == "in" || op == "not in"
    let values: [String]
    if isList {
      guard rest.hasPrefix("["), rest.hasSuffix("]") else {
        throw Failure(text: "'\(op)' needs a list in brackets, e.g. [a, b]")
      }
      let inner = rest.dropFirst().dropLast()
      values = try splitList(inner)
      guard !values.isEmpty else { throw Failure(text: "the list is empty") }
    } else {
      let value = try unquote(rest.trimmingWhitespace())
      guard !value.isEmpty else { throw Failure(text: "missing value after '\(op)'") }
      values = [value]
    }
    let negated = op == "!=" || op == "not in"
    let ordering = [">=", "<=", ">", "<"].contains(op)
    if ordering && field != "persons" {
      throw Failure(text: "'\(op)' compares numbers; only persons is a number")
    }
    switch field {
    case "channel":
      let set = Set(try values.map { v in try lookup(v, PetitionChannel.allCases, \.chineseName, field) })
      return .channel(negated ? Set(PetitionChannel.allCases).subtracting(set) : set)
    case "level":
      let set = Set(try values.map { v in try lookup(v, PetitionLevel.allCases, \.chineseName, field) })
      return .level(negated ? Set(PetitionLevel.allCases).subtracting(set) : set)
    case "satisfaction":
      let set = Set(try values.map { v in try lookup(v, Satisfaction.allCases, \.chineseName, field) })
      return .satisfaction(negated ? Set(Satisfaction.allCases).subtracting(set) : set)
    case "repeat":
      guard values.count == 1 else { throw Failure(text: "repeat takes == yes or == no") }
      let yes = ["yes", "true", "是", "y", "1"]
      let no = ["no", "false", "否", "n", "0"]
      let value = values[0].lowercased()
      guard yes.contains(value) || no.contains(value) else {
        throw Failure(text: "repeat must be yes or no, not '\(values[0])'")
      }
      return .isRepeat(yes.contains(value) != negated)
    case "persons":
      let numbers = try values.map { v throws -> Int in
        guard let n = Int(v) else {
          throw Failure(text: "persons must be compared with a whole number, not '\(v)'")
        }
        return n
      }
      if isList { return .personsIn(Set(numbers), negated: negated) }
      return .persons(Comparison(rawValue: op)!, numbers[0])
    default:
      return .category(Set(values), negated: negated)
    }
  }

  private static func lookup<T: RawRepresentable<String>>(
    _ value: String, _ cases: [T], _ chinese: (T) -> String, _ field: String
  ) throws -> T {
    if let match = cases.first(where: { $0.rawValue == value.lowercased() || chinese($0) == value }) {
      return match
    }
    let accepted = cases.map { "\($0.rawValue) (\(chinese($0)))" }.joined(separator: ", ")
    throw Failure(text: "unknown \(field) '\(value)' (accepted: \(accepted))")
  }

  /// Splits `a, "b, c", d` at commas outside quotes.
  private static func splitList(_ text: Substring) throws -> [String] {
    var items: [String] = []
    var current = ""
    var quote: Character?
    for character in text {
      if let q = quote {
        current.append(character)
        if character == q { quote = nil }
      } else if character == "\"" || character == "'" {
        quote = character
        current.append(character)
      } else if character == "," {
        items.append(try unquote(current.trimmingWhitespace()))
        current = ""
      } else {
        current.append(character)
      }
    }
    if quote != nil { throw Failure(text: "unclosed quote") }
    let last = current.trimmingWhitespace()
    if !last.isEmpty || !items.isEmpty { items.append(try unquote(last)) }
    if items.contains(where: \.isEmpty) { throw Failure(text: "empty item in the list") }
    return items
  }

  private static func unquote(_ text: String) throws -> String {
    guard let first = text.first, first == "\"" || first == "'" else { return text }
    guard text.count >= 2, text.last == first else { throw Failure(text: "unclosed quote in \(text)") }
    return String(text.dropFirst().dropLast())
  }
}
