import Foundation
import Tables

/// Writes `regions.csv`: the city, then its districts by code, with aliases and display order.
struct RegionsWriter {
  static let path = "regions.csv"
  static let header = ["区划代码", "名称", "上级代码", "别名", "常住人口", "排序"]

  let city: SampleCity

  func write(into directory: URL) throws -> SampleFile {
    let writer = try CSVFileWriter(directory: directory, path: RegionsWriter.path)
    try writer.writeHeader(RegionsWriter.header)
    for region in city.regions {
      try writer.writeRow([
        region.code, region.name, region.parentCode ?? "", region.aliases.joined(separator: "|"),
        region.population.map(String.init) ?? "", region.order.map(String.init) ?? "",
      ])
    }
    return try writer.close()
  }
}
