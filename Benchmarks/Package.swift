// swift-tools-version:6.1
// PlanTrack's benchmarks: a package of their own, so that the main package and its tests build
// without the benchmark tooling. Run from this folder: `swift package benchmark`.
import PackageDescription

let package = Package(
    name: "PlanTrackBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "PlanTrack", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Evaluation",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlanCore", package: "PlanTrack"),
                .product(name: "PlanCatalog", package: "PlanTrack"),
            ],
            path: "Benchmarks/Evaluation",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "Reporting",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "PlanCore", package: "PlanTrack"),
                .product(name: "PlanCatalog", package: "PlanTrack"),
                .product(name: "PlanStore", package: "PlanTrack"),
                .product(name: "PlanFiles", package: "PlanTrack"),
                .product(name: "PlanServices", package: "PlanTrack"),
            ],
            path: "Benchmarks/Reporting",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
