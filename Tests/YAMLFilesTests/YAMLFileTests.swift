import Foundation
import Testing
import YAMLFiles
import Yams

@Suite struct YAMLFileTests {
  struct Settings: Decodable, Equatable {
    let name: String
    let sizes: [Int]
  }

  @Test func decodesAValue() throws {
    let yaml = YAMLFile(text: "name: a\nsizes: [1, 2]\n", file: "s.yaml")
    #expect(try yaml.decode(Settings.self) == Settings(name: "a", sizes: [1, 2]))
  }

  @Test func aSyntaxErrorNamesTheFileLineAndColumn() {
    let yaml = YAMLFile(text: "name: a\nsizes: [1, 2\n", file: "s.yaml")
    #expect {
      _ = try yaml.decode(Settings.self)
    } throws: { error in
      guard let error = error as? YAMLFileError else { return false }
      return error.kind == .syntax && error.file == "s.yaml" && error.line == 3
        && error.description.hasPrefix("s.yaml:3:1: ")
    }
  }

  /// A value of the wrong shape is reported at the line of the node it is about.
  @Test func aDecodingErrorNamesTheLineOfItsNode() {
    let yaml = YAMLFile(text: "name: a\nsizes:\n  - 1\n  - many\n", file: "s.yaml")
    #expect {
      _ = try yaml.decode(Settings.self)
    } throws: { error in
      guard let error = error as? YAMLFileError else { return false }
      return error.kind == .decoding && error.line == 4 && error.message.hasPrefix(".sizes[1]: ")
    }
    let missing = YAMLFile(text: "# settings\nname: a\n", file: "s.yaml")
    #expect {
      _ = try missing.decode(Settings.self)
    } throws: { error in
      (error as? YAMLFileError)?.description == "s.yaml:2:1: missing key 'sizes'"
    }
  }

  @Test func aMissingFileIsUnreadable() {
    let url = FileManager.default.temporaryDirectory.appending(path: "no-such-\(UUID().uuidString).yaml")
    #expect {
      _ = try YAMLFile.read(url, file: "x.yaml")
    } throws: { error in
      (error as? YAMLFileError)?.kind == .unreadable
        && (error as? YAMLFileError)?.description.hasPrefix("x.yaml: cannot read: ") == true
    }
  }

  /// Nine levels of nine-fold aliases: 480 bytes that expand to 9⁹ nodes. Refused after
  /// counting each anchored node once, not by walking the copies.
  static let aliasBomb = {
    var text = "a: &a [x, x, x, x, x, x, x, x, x]\n"
    let names = ["a", "b", "c", "d", "e", "f", "g", "h", "i"]
    for (previous, name) in zip(names, names.dropFirst()) {
      text +=
        "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 9).joined(separator: ", ") + "]\n"
    }
    return text
  }()

  @Test func anAliasBombIsRefused() {
    #expect(Self.aliasBomb.utf8.count < 600)
    for read in [
      { _ = try YAMLFile(text: Self.aliasBomb, file: "bomb.yaml").root() },
      {
        _ = try YAMLFile(text: Self.aliasBomb, file: "bomb.yaml").decode([String: [String]].self)
      },
    ] {
      #expect {
        try read()
      } throws: { error in
        guard let error = error as? YAMLFileError else { return false }
        return error.kind == .aliasExpansion && error.file == "bomb.yaml"
          && error.message.contains("more than \(YAMLFile.maximumExpandedNodes) nodes")
      }
    }
  }

  /// Aliases that expand modestly are read as before.
  @Test func modestAliasesAreRead() throws {
    let yaml = YAMLFile(text: "base: &b [1, 2]\nname: x\nsizes: *b\n", file: "s.yaml")
    #expect(try yaml.decode(Settings.self) == Settings(name: "x", sizes: [1, 2]))
    #expect(try yaml.root()?["sizes"]?.sequence?.count == 2)
  }
}
