// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "jiazhou",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jiazhou", targets: ["JiazhouCLI"]),
        .library(name: "JiazhouCore", targets: ["JiazhouCore"]),
        .library(name: "JiazhouNationalCrypto", targets: ["JiazhouNationalCrypto"]),
        // For the fuzz targets in Fuzz/, a separate package that depends on this one.
        .library(name: "JiazhouRPC", targets: ["JiazhouRPC"]),
        .library(name: "JiazhouRules", targets: ["JiazhouRules"]),
        .library(name: "JiazhouSheets", targets: ["JiazhouSheets"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // HTTP (issue 5). Hummingbird without its default traits: we read no
        // swift-configuration files, so that package is not built.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Already built for Hummingbird; named for the modules we import directly
        // (the HTTP tests' small client is NIO's).
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        // .xlsx in and out (issue 18): the archive only; the XML parts are read
        // with Foundation's XMLParser and written by hand.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        // An HTTP client (issue 17): the log's submitter to witnesses, and `audit --tiles URL`; TLS included.
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        // The PostgreSQL backend (issue 19).
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
    ],
    targets: [
        .target(
            name: "JiazhouCore",
            dependencies: [.product(name: "Crypto", package: "swift-crypto")]
        ),
        // The system's libcrypto (OpenSSL 3), for SM3 and SM2 only (DESIGN.md).
        .systemLibrary(
            name: "CJiazhouOpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]
        ),
        // Counts heap allocations (bench figures, and test ceilings that do not drift with load).
        .target(name: "CAllocationCounter"),
        .target(
            name: "JiazhouNationalCrypto",
            dependencies: ["CJiazhouOpenSSL", "JiazhouCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        .target(
            name: "JiazhouRules",
            dependencies: ["JiazhouCore", "Yams"]
        ),
        // The seam between the service and a database: the protocols a backend implements, and the values they hand over.
        .target(name: "JiazhouStorage", dependencies: ["JiazhouCore"]),
        // The SQLite backend (GRDB): the embedded default.
        .target(
            name: "JiazhouStore",
            dependencies: [
                "JiazhouCore", "JiazhouStorage", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL backend (postgres-nio): several processes on one chain (issue 19, SPEC §17).
        .target(
            name: "JiazhouPostgres",
            dependencies: [
                "JiazhouCore", "JiazhouStorage",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "JiazhouService",
            dependencies: [
                "JiazhouCore", "JiazhouRules", "JiazhouStorage", "JiazhouStore", "JiazhouPostgres", "JiazhouNationalCrypto",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "JiazhouRPC",
            dependencies: ["JiazhouCore", "JiazhouService", .product(name: "Logging", package: "swift-log")]
        ),
        // The one adapter from a sheet's reader to the service's bulk award, for the CLI and HTTP alike
        // (Sheets knows no ledger; the service knows no sheets).
        .target(name: "JiazhouSheetAward", dependencies: ["JiazhouCore", "JiazhouService", "JiazhouSheets"]),
        // ISO/IEC 18004 QR codes for sign-in cards and one-time codes: no listed package makes them.
        .target(name: "JiazhouQR"),
        // The pages of `jiazhou serve` (Site/) and the demo world (seeds/), embedded as
        // generated sources (scripts/embed-files.py): a release binary needs no files beside it.
        .target(name: "JiazhouWeb", exclude: ["Site"]),
        .target(name: "JiazhouSeeds"),
        .target(
            name: "JiazhouSheets",
            dependencies: ["JiazhouCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "JiazhouHTTP",
            dependencies: [
                "JiazhouCore", "JiazhouService", "JiazhouQR", "JiazhouWeb", "JiazhouSheets", "JiazhouSheetAward",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // A tlog-witness (C2SP) server with its SQLite state, and the log's submitter to witnesses (issue 17).
        .target(
            name: "JiazhouWitness",
            dependencies: [
                "JiazhouCore", "JiazhouService", "JiazhouNationalCrypto",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "JiazhouTesting",
            dependencies: ["JiazhouCore", "JiazhouRules", "JiazhouStore", "JiazhouService", "CAllocationCounter"]
        ),
        .executableTarget(
            name: "JiazhouCLI",
            dependencies: [
                "JiazhouCore", "JiazhouRules", "JiazhouStore", "JiazhouService", "JiazhouRPC", "JiazhouSheets", "JiazhouSheetAward", "JiazhouHTTP",
                "JiazhouNationalCrypto", "JiazhouQR", "JiazhouSeeds", "CAllocationCounter", "JiazhouWitness", "JiazhouPostgres",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "JiazhouCoreTests", dependencies: ["JiazhouCore", "JiazhouTesting"]),
        .testTarget(
            name: "JiazhouNationalCryptoTests",
            dependencies: [
                "JiazhouNationalCrypto", "JiazhouCore", "JiazhouTesting", "CJiazhouOpenSSL",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .testTarget(name: "JiazhouRulesTests", dependencies: ["JiazhouRules", "JiazhouTesting"], exclude: ["Conformance"]),
        .testTarget(
            name: "JiazhouStoreTests",
            dependencies: ["JiazhouStore", "JiazhouStorage", "JiazhouTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "JiazhouQRTests", dependencies: ["JiazhouQR", "JiazhouTesting"]),
        .testTarget(name: "JiazhouWebTests", dependencies: ["JiazhouWeb", "JiazhouSeeds", "JiazhouTesting"]),
        .testTarget(
            name: "JiazhouSheetsTests",
            dependencies: ["JiazhouSheets", "JiazhouCore", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
            exclude: ["Fixtures"]
        ),
        .testTarget(
            name: "JiazhouPostgresTests",
            dependencies: ["JiazhouService", "JiazhouStorage", "JiazhouCore", "JiazhouTesting"]
        ),
        .testTarget(name: "JiazhouServiceTests", dependencies: ["JiazhouService", "JiazhouStore", "JiazhouTesting"]),
        .testTarget(
            name: "JiazhouRPCTests",
            dependencies: ["JiazhouRPC", "JiazhouService", "JiazhouTesting", .product(name: "Logging", package: "swift-log")],
            exclude: ["Transcripts"]
        ),
        .testTarget(
            name: "JiazhouHTTPTests",
            dependencies: [
                "JiazhouHTTP", "JiazhouService", "JiazhouStore", "JiazhouSheets", "JiazhouTesting",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JiazhouWitnessTests",
            dependencies: [
                "JiazhouWitness", "JiazhouCore", "JiazhouService", "JiazhouStorage", "JiazhouStore", "JiazhouTesting",
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "JiazhouCLITests",
            dependencies: ["JiazhouTesting", "JiazhouService", "JiazhouStore", "JiazhouQR", "JiazhouSheets", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

// Compiler-checked boundaries on every target (STYLE.md, convention 2).
// A system-library target has no Swift sources and accepts no settings; nor does a C target.
for target in package.targets where target.type != .system && target.name != "CAllocationCounter" {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
