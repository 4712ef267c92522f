// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlanTrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plantrack", targets: ["plantrack"]),
        .library(name: "PlanCore", targets: ["PlanCore"]),
        .library(name: "PlanCatalog", targets: ["PlanCatalog"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
    ],
    targets: [
        .target(name: "PlanCore"),
        .target(
            name: "PlanCatalog",
            dependencies: [
                "PlanCore",
                .product(name: "Yams", package: "Yams"),
            ],
            resources: [.copy("Resources/catalog")]
        ),
        .target(
            name: "PlanTrackCLI",
            dependencies: [
                "PlanCore",
                "PlanCatalog",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "plantrack", dependencies: ["PlanTrackCLI"]),
        .testTarget(
            name: "PlanCoreTests",
            dependencies: ["PlanCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "PlanCatalogTests", dependencies: ["PlanCatalog"]),
        .testTarget(name: "PlanTrackCLITests", dependencies: ["PlanTrackCLI", "plantrack"]),
    ]
)
