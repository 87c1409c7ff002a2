// swift-tools-version: 6.0
import PackageDescription

// Data flows one way: files → Loading → Tables → Engine → ReportTemplates → Document → renderers
// (Workbook, PDFBulletin, Charts); Pipeline runs them in that order for `minsheng report`.
// Each C library is reached through exactly one system-library target and one thin Swift wrapper
// (CXlsxWriter → XLSX, CCairoPango → Graphics) that owns every pointer.
let package = Package(
  name: "minsheng",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "minsheng", targets: ["minsheng"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/stencilproject/Stencil", from: "0.15.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CXlsxWriter",
      pkgConfig: "xlsxwriter",
      providers: [.apt(["libxlsxwriter-dev"])]
    ),
    .systemLibrary(
      name: "CCairoPango",
      pkgConfig: "pangocairo",
      providers: [.apt(["libcairo2-dev", "libpango1.0-dev"])]
    ),
    .target(name: "TextRules"),
    .target(name: "Concurrency"),
    .target(name: "YAMLFiles", dependencies: [.product(name: "Yams", package: "Yams")]),
    .target(name: "ChartModel"),
    .target(name: "Tables"),
    .target(
      name: "Loading",
      dependencies: ["Tables", "TextRules", "Concurrency", "YAMLFiles"]),
    .target(
      name: "Engine",
      dependencies: [
        "Tables", "TextRules", "Concurrency", "YAMLFiles", .product(name: "Yams", package: "Yams"),
      ]),
    .target(name: "XLSX", dependencies: ["CXlsxWriter", "TextRules"]),
    .target(name: "Graphics", dependencies: ["CCairoPango"]),
    .target(name: "Charts", dependencies: ["ChartModel", "Graphics", "TextRules"]),
    .target(name: "SampleData", dependencies: ["Tables"]),
    .target(name: "Document", dependencies: ["ChartModel"]),
    .target(name: "Workbook", dependencies: ["Document", "XLSX", "TextRules"]),
    .target(
      name: "ReportTemplates",
      dependencies: [
        "Document", "Engine", "ChartModel", "Tables", "YAMLFiles",
        .product(name: "Stencil", package: "Stencil"),
      ]),
    .target(
      name: "Pipeline",
      dependencies: [
        "Tables", "Loading", "Engine", "Document", "ReportTemplates", "Charts", "Graphics", "PDFBulletin",
        "Workbook", "Concurrency",
      ]),
    .target(
      name: "PDFBulletin", dependencies: ["Document", "ChartModel", "Charts", "Graphics", "TextRules"]),
    .executableTarget(
      name: "minsheng",
      dependencies: [
        "Tables", "Loading", "Engine", "SampleData", "Pipeline", "TextRules",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // Fuzzing (docs/fuzzing.md): the entries, shared by the libFuzzer targets and the regression
    // tests; each target is a replay tool in a normal build and a fuzzer when scripts/fuzz builds it
    // with `-sanitize=fuzzer,address -DFUZZING`.
    .target(name: "FuzzEntries", dependencies: ["Loading", "Engine", "ReportTemplates", "Tables"]),
    .target(name: "CLibFuzzer"),
    .executableTarget(name: "FuzzCSV", dependencies: ["FuzzEntries", "CLibFuzzer"]),
    .executableTarget(name: "FuzzValues", dependencies: ["FuzzEntries", "CLibFuzzer"]),
    .executableTarget(name: "FuzzTemplates", dependencies: ["FuzzEntries", "CLibFuzzer"]),
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "TablesTests", dependencies: ["Tables"]),
    .testTarget(
      name: "YAMLFilesTests", dependencies: ["YAMLFiles", .product(name: "Yams", package: "Yams")]),
    .testTarget(
      name: "LoadingTests", dependencies: ["TestSupport", "Loading", "Tables", "TextRules", "SampleData"]),
    .testTarget(name: "CLITests", dependencies: ["minsheng", "Engine", "TextRules"]),
    .testTarget(name: "SampleDataTests", dependencies: ["SampleData", "Tables"]),
    .testTarget(name: "GraphicsTests", dependencies: ["TestSupport", "Graphics"]),
    .testTarget(
      name: "ChartsTests", dependencies: ["TestSupport", "ChartModel", "Charts", "Graphics", "TextRules"]),
    .testTarget(name: "DocumentTests", dependencies: ["Document"]),
    .testTarget(
      name: "ReportTemplatesTests",
      dependencies: [
        "TestSupport", "ReportTemplates", "Document", "Engine", "Loading", "Tables", "Workbook",
        "PDFBulletin",
      ]),
    .testTarget(name: "EngineTests", dependencies: ["TestSupport", "Engine", "Tables"]),
    .testTarget(name: "XLSXTests", dependencies: ["TestSupport", "XLSX", "TextRules"]),
    .testTarget(
      name: "PDFBulletinTests",
      dependencies: ["TestSupport", "PDFBulletin", "Document", "ChartModel", "Charts", "Graphics"]),
    .testTarget(name: "WorkbookTests", dependencies: ["TestSupport", "Workbook", "Document", "ChartModel"]),
    .testTarget(name: "FuzzRegressionTests", dependencies: ["FuzzEntries"], exclude: ["Corpus", "Crashes"]),
    .testTarget(
      name: "PipelineTests",
      dependencies: ["Pipeline", "Tables", "Engine", "Document", "ReportTemplates", "Concurrency"]),
  ]
)
