// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlanTrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plantrack", targets: ["plantrack"]),
        .library(name: "PlanCore", targets: ["PlanCore"]),
        .library(name: "PlanCatalog", targets: ["PlanCatalog"]),
        .library(name: "PlanStore", targets: ["PlanStore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based.git", from: "2.0.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/vapor/sqlite-kit.git", from: "4.5.2"),
        .package(url: "https://github.com/vapor/postgres-kit.git", from: "2.17.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/vapor/multipart-kit.git", from: "4.7.1"),
        .package(url: "https://github.com/weichsel/ZIPFoundation.git", from: "0.9.20"),
        .package(url: "https://github.com/CoreOffice/XMLCoder.git", from: "0.18.2"),
    ],
    targets: [
        .target(name: "PlanCore"),
        .target(
            name: "PlanCatalog",
            dependencies: [
                "PlanCore",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ],
            resources: [.copy("Resources/catalog")]
        ),
        .target(name: "PlanCharts", dependencies: ["PlanCore"]),
        .target(
            name: "PlanStore",
            dependencies: [
                "PlanCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
            ]
        ),
        .target(
            name: "PlanWeb",
            dependencies: [
                "PlanCore", "PlanCatalog", "PlanCharts", "PlanStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "MultipartKit", package: "multipart-kit"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/public")]
        ),
        .target(
            name: "PlanTrackCLI",
            dependencies: [
                "PlanCore",
                "PlanCatalog",
                "PlanStore",
                "PlanWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ]
        ),
        .executableTarget(name: "plantrack", dependencies: ["PlanTrackCLI"]),
        .testTarget(
            name: "PlanCoreTests",
            dependencies: ["PlanCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(
            name: "PlanCatalogTests", dependencies: ["PlanCatalog", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PlanChartsTests", dependencies: ["PlanCharts"]),
        .testTarget(name: "PlanStoreTests", dependencies: ["PlanStore", "PlanCatalog"]),
        .testTarget(
            name: "PlanWebTests",
            dependencies: [
                "PlanWeb", "PlanStore", "PlanCatalog", .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]
        ),
        .testTarget(name: "PlanTrackCLITests", dependencies: ["PlanTrackCLI", "plantrack", "PlanStore"]),
    ]
)
