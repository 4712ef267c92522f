// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "PlanTrack",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "plantrack", targets: ["plantrack"]),
        .library(name: "PlanCore", targets: ["PlanCore"]),
        .library(name: "PlanFiles", targets: ["PlanFiles"]),
        .library(name: "PlanCatalog", targets: ["PlanCatalog"]),
        .library(name: "PlanStore", targets: ["PlanStore"]),
        .library(name: "PlanServices", targets: ["PlanServices"]),
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
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    // core → files / catalog / charts / store → services → web and command line → executable.
    targets: [
        .target(name: "PlanCore"),
        .target(
            name: "PlanFiles",
            dependencies: [
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "XMLCoder", package: "XMLCoder"),
            ]
        ),
        .target(
            name: "PlanCatalog",
            dependencies: ["PlanCore", "PlanFiles", .product(name: "Yams", package: "Yams")],
            resources: [.copy("Resources/catalog")]
        ),
        .target(name: "PlanCharts"),
        .target(
            name: "PlanStore",
            dependencies: [
                "PlanCore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "SQLiteKit", package: "sqlite-kit"),
                .product(name: "PostgresKit", package: "postgres-kit"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "PlanServices",
            dependencies: [
                "PlanCore", "PlanFiles", "PlanCatalog", "PlanStore",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "PlanWeb",
            dependencies: [
                "PlanCore", "PlanCharts", "PlanStore", "PlanServices",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
            ],
            resources: [.copy("Resources/templates"), .copy("Resources/public")]
        ),
        .target(
            name: "PlanTrackCLI",
            dependencies: [
                "PlanCore", "PlanFiles", "PlanCatalog", "PlanStore", "PlanServices",
                // Only `plantrack serve` uses the web layer.
                "PlanWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "HummingbirdBcrypt", package: "hummingbird-auth"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(name: "plantrack", dependencies: ["PlanTrackCLI"]),
        .testTarget(
            name: "PlanCoreTests",
            dependencies: ["PlanCore", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
        .testTarget(name: "PlanFilesTests", dependencies: ["PlanFiles", .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "PlanCatalogTests", dependencies: ["PlanCatalog", "PlanCore", "PlanFiles"]),
        .testTarget(name: "PlanChartsTests", dependencies: ["PlanCharts"]),
        .testTarget(
            name: "PlanStoreTests", dependencies: ["PlanStore", "PlanCatalog", "PlanCore", .product(name: "SQLKit", package: "sql-kit")]),
        .testTarget(
            name: "PlanServicesTests",
            dependencies: [
                "PlanServices", "PlanStore", "PlanCore", "PlanFiles", "PlanCatalog", .product(name: "ZIPFoundation", package: "ZIPFoundation"),
            ]),
        .testTarget(
            name: "PlanWebTests",
            dependencies: [
                "PlanWeb", "PlanServices", "PlanStore", "PlanCatalog", "PlanCore", "PlanFiles",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        // `plantrack` is built for the tests that run the executable.
        .testTarget(
            name: "PlanTrackCLITests",
            dependencies: [
                "PlanTrackCLI", "plantrack", "PlanStore", "PlanCore", "PlanCatalog", .product(name: "SQLKit", package: "sql-kit"),
            ]
        ),
    ]
)
