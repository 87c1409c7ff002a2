import Foundation

/// Writes `README.md` in the output folder: the fictional city, the files and how they were made.
struct ReadmeWriter {
  static let path = "README.md"

  let city: SampleCity
  let options: SampleOptions
  /// The data files already written, in writing order.
  let files: [SampleFile]

  func write(into directory: URL) throws -> SampleFile {
    let y = options.year
    let m = options.month
    let months = m == 1 ? "1月" : "1-\(m)月"
    let overlap =
      m == 1
      ? "\(y)年只有 1 月一个导出。"
      : "\(y)年有两个互相重叠的导出（1-\(m - 1)月导出于\(m - 1)月末，1-\(m)月导出于\(m)月末），\n"
        + "  同一编号在后一个文件中状态更新，按数据约定只计一次。"
    var text = """
      # 示例数据：\(city.name)（虚构）

      本目录由 `minsheng sample` 生成，全部数据均为虚构，仅用于演示和测试。
      同样的参数总是生成逐字节相同的文件。

      生成参数：`--seed \(options.seed) --year \(y) --month \(m) --petitions \(options.petitionsPerYear)`。
      导出日期为 \(options.exportDate)（\(y)年\(m)月末），数据中没有晚于该日的日期。
      时间范围：\(y - 2)年、\(y - 1)年全年，\(y)年\(months)。

      ## 城市

      \(city.name)（区划代码 \(city.code)）是一个虚构的地级市，常住人口 \(city.population) 人，下辖\(city.districts.count)个县级区划：

      | 排序 | 区划代码 | 名称 | 常住人口 |
      |---|---|---|---|

      """
    for district in city.districts {
      text += "| \(district.order) | \(district.code) | \(district.name) | \(district.population) |\n"
    }
    text += """

      别名：每个区县可用简称（如“\(city.districts[1].shortName)”）或“…人民政府”指代。

      ## 文件

      | 文件 | 数据行 | 内容 |
      |---|---|---|

      """
    for file in files {
      text += "| `\(file.path)` | \(file.rowCount) | \(Self.describe(file.path)) |\n"
    }
    text += """

      全部文件为 UTF-8 编码、LF 换行、数字不带千位分隔符；`\(TargetsWriter.path)` 带 BOM（Excel 另存的样子）。

      ## 说明

      - 信访：每件一行，编号形如 `XF\(y)-000123`，在一年内按登记顺序编号。每个导出文件反映导出当日的办理状态：
        未受理、未办结的件受理日期、办结日期为空，未办结件满意度为“未评价”，已办结但尚未评价的满意度为空。
        \(overlap)往年文件均于导出日期重新导出。
      - 空单元格按约定取默认值：人数为空即 1 人，信访去向为空即本级，是否重复为空即否。
        少数信访件的所属区县写作简称。
      - 就业：统计月份写作 `\(y)-03`；社保：统计月份写作 `\(y)03`，应参保人数只填养老、医疗四个险种。
        居民医保征缴收入集中在 9-12 月，淡季个别月份可能因退费为负数。
      - 年度目标：\(y - 1)年、\(y)年；全市目标单独设定（约为各区县之和的 98%），不等于各区县目标之和。
        失业人员再就业人数的目标用中文指标名、方向为空（默认不低于）。

      """
    let data = Data(text.utf8)
    let url = directory.appending(path: ReadmeWriter.path)
    do {
      try data.write(to: url)
    } catch {
      throw SampleError.cannotWrite(path: url.path, reason: error.localizedDescription)
    }
    return SampleFile(path: ReadmeWriter.path, byteCount: data.count, rowCount: 0)
  }

  private static func describe(_ path: String) -> String {
    switch path {
    case RegionsWriter.path: "行政区划：全市及各区县，多个别名以竖线分隔"
    case EmploymentWriter.path: "就业月报：每区县每月一行"
    case InsuranceWriter.path: "社会保险参保月报：每区县每月每险种一行，7 个险种"
    case TargetsWriter.path: "年度目标"
    default: "信访事项导出"
    }
  }
}
