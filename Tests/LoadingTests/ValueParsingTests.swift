import Foundation
import Testing
import TextRules

@testable import Loading
@testable import Tables

/// Data contract §2: numbers, dates, months, yes/no, enumerations.
@Suite struct ValueParsingTests {
  private func number(_ text: String) -> String? {
    switch ValueParsing.number(text) {
    case .success(let value)?: value.description
    case .failure(let error)?: "error: \(error.message)"
    case nil: nil
    }
  }

  @Test func numbersAcceptSeparatorsFullWidthDigitsAndSpaces() {
    #expect(number("1,234") == "1234")
    #expect(number(" １２３ ") == "123")
    #expect(number("１，２３４．５") == "1234.5")
    #expect(number("-12.25") == "-12.25")
    #expect(number("1,234,567.0001") == "1234567.0001")
    #expect(number("") == nil)
    #expect(number("  ") == nil)
  }

  @Test func malformedNumbersAreErrorsNamingTheValue() {
    #expect(number("12a") == "error: '12a' is not a number")
    #expect(number("1,23") == "error: '1,23' is not a number")
    #expect(number("1.2.3") == "error: '1.2.3' is not a number")
    #expect(number("0.00001") == "error: '0.00001' has more than 4 decimal places")
  }

  @Test func countsMustBeWholeAndNonNegative() {
    if case .failure(let error)? = ValueParsing.count("-3") {
      #expect(error.message == "negative count -3")
    } else {
      Issue.record("-3 accepted as a count")
    }
    if case .failure(let error)? = ValueParsing.count("2.5") {
      #expect(error.message == "'2.5' is not a whole number")
    } else {
      Issue.record("2.5 accepted as a count")
    }
  }

  @Test(arguments: [
    "2024-03-05", "2024/3/5", "2024.3.5", "2024年3月5日", "20240305", "2024-03-05 14:22:00", " ２０２４-03-05 ",
  ])
  func everyDateFormIsRead(text: String) throws {
    let day = try ValueParsing.date(text)!.get()
    #expect(day.description == "2024-03-05")
  }

  @Test func impossibleAndMalformedDatesAreErrors() {
    for (text, message) in [
      ("2024-02-30", "impossible date '2024-02-30'"), ("2023-02-29", "impossible date '2023-02-29'"),
      ("20241301", "impossible date '20241301'"),
      ("2024-3", "'2024-3' is not a date (expected e.g. 2024-03-05)"),
      ("5/3/2024", "'5/3/2024' is not a date (expected e.g. 2024-03-05)"),
      ("2024-03/05", "'2024-03/05' is not a date (expected e.g. 2024-03-05)"),
    ] {
      guard case .failure(let error)? = ValueParsing.date(text) else {
        Issue.record("\(text) accepted")
        continue
      }
      #expect(error.message == message)
    }
  }

  @Test(arguments: ["2024-03", "2024/3", "2024年3月", "202403", "2024-03-31", "2024年3月5日"])
  func everyMonthFormIsRead(text: String) throws {
    #expect(try ValueParsing.month(text)!.get().description == "2024-03")
  }

  @Test func impossibleMonthsAreErrors() {
    guard case .failure(let error)? = ValueParsing.month("2024-13") else {
      Issue.record("2024-13 accepted")
      return
    }
    #expect(error.message == "impossible month '2024-13'")
  }

  @Test func yesNoAndEnumerationsUseTheDictionarysSynonyms() {
    let dictionary = DataFolder.dictionary
    for yes in ["是", "Y", "yes", "TRUE", "1", "ｙｅｓ"] { #expect(dictionary.canonical("yes_no", yes) == "yes") }
    for no in ["否", "n", "No", "false", "0"] { #expect(dictionary.canonical("yes_no", no) == "no") }
    #expect(dictionary.canonical("channel", "网信") == "online")
    #expect(dictionary.canonical("channel", "１２３４５") == "phone")
    #expect(dictionary.canonical("channel", " 走访 ") == "visit")
    #expect(dictionary.canonical("level", "赴京") == "beijing")
    #expect(dictionary.canonical("scheme", "职工医保") == "medical_employee")
    #expect(dictionary.canonical("channel", "传真") == nil)
  }

  @Test func headerNormalisationTrimsFoldsWidthCaseSpacesAndBrackets() {
    #expect(TextNormalization.key(" 征缴收入（万元） ") == TextNormalization.key("征缴收入(万元)"))
    #expect(TextNormalization.key("Ｒｅｇｉｏｎ") == "region")
    #expect(TextNormalization.key("信访 件 编号") == "信访件编号")
    #expect(TextNormalization.key("PETITION_ID") == "petition_id")
    #expect(TextNormalization.key("petition_Id") == "petition_id")
    #expect(TextNormalization.key("征缴收入(万元)") == "征缴收入(万元)")
    #expect(TextNormalization.key("企业职工基本养老保险\t") == "企业职工基本养老保险")
  }

  /// One header may name one field of a dataset only: recognising a file would otherwise depend
  /// on the order of the dictionary.
  @Test func aHeaderNamingTwoFieldsIsAConfigurationError() throws {
    let original = try String(
      contentsOf: DataFolder.templates.appending(path: "headers.yaml"), encoding: .utf8)
    let clashing = original.replacingOccurrences(
      of: "persons: {headers: [人数, 来访人数, persons]}", with: "persons: {headers: [人数, 来访人数, persons, 形式]}")
    #expect(clashing != original)
    let url = FileManager.default.temporaryDirectory.appending(path: "headers-\(UUID().uuidString).yaml")
    try clashing.write(to: url, atomically: true, encoding: .utf8)
    defer { try? FileManager.default.removeItem(at: url) }
    #expect(throws: LoadingError.self) { try HeaderDictionary.load(from: url) }
    do {
      _ = try HeaderDictionary.load(from: url)
    } catch {
      #expect("\(error)".contains("header '形式' names both 'channel' and 'persons'"))
    }
  }

  /// A malformed dictionary names the file and the line; an alias bomb is refused unread.
  @Test func aMalformedDictionaryNamesItsLine() throws {
    var bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      let aliases = Array(repeating: "*\(previous)", count: 9).joined(separator: ", ")
      bomb += "\(name): &\(name) [\(aliases)]\n"
    }
    let cases = [
      ("datasets: {}\ncumulative_suffixes: [累计]\nenums: {}\nsubtotal_names: [合计\n", ":5:1: "),
      (
        "datasets: {}\ncumulative_suffixes: 3\nenums: {}\nsubtotal_names: []\n",
        ":2:22: .cumulative_suffixes: "
      ),
      (bomb, ":1: aliases expand the document to more than"),
    ]
    for (text, expected) in cases {
      let url = FileManager.default.temporaryDirectory.appending(path: "headers-\(UUID().uuidString).yaml")
      try text.write(to: url, atomically: true, encoding: .utf8)
      defer { try? FileManager.default.removeItem(at: url) }
      do {
        _ = try HeaderDictionary.load(from: url)
        Issue.record("accepted")
      } catch {
        #expect("\(error)".hasPrefix("configuration error: \(url.path)\(expected)"), "\(error)")
      }
    }
  }
}
