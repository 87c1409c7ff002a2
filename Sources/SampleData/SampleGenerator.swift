import Foundation

/// Writes a complete, deterministic sample dataset for the fictional city into a folder:
/// `regions.csv`, the petition exports under `信访/`, `就业/就业月报.csv`, `社保/参保月报.csv`,
/// `目标/年度目标.csv` and a `README.md`. The same options always give byte-identical files.
public struct SampleGenerator: Sendable {
  public let options: SampleOptions
  public let city: SampleCity

  public init(options: SampleOptions = SampleOptions(), city: SampleCity = .jiangchuan) {
    self.options = options
    self.city = city
  }

  /// Writes every file into `directory` (created if needed; files of the same name are replaced,
  /// other files are left alone) and returns them in writing order, the README last.
  public func write(to directory: URL) throws -> [SampleFile] {
    if let problem = options.problem { throw SampleError.invalidOptions(problem) }
    var files = [try RegionsWriter(city: city).write(into: directory)]
    files += try PetitionsWriter(city: city, options: options).write(into: directory)
    files.append(try EmploymentWriter(city: city, options: options).write(into: directory))
    files.append(try InsuranceWriter(city: city, options: options).write(into: directory))
    files.append(try TargetsWriter(city: city, options: options).write(into: directory))
    files.append(try ReadmeWriter(city: city, options: options, files: files).write(into: directory))
    return files
  }
}
