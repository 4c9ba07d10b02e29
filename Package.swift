// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "jiazhou",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "jiazhou", targets: ["JiazhouCLI"]),
        .library(name: "JiazhouCore", targets: ["JiazhouCore"]),
        .library(name: "JiazhouNationalCrypto", targets: ["JiazhouNationalCrypto"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
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
        .target(
            name: "JiazhouNationalCrypto",
            dependencies: ["CJiazhouOpenSSL", "JiazhouCore", .product(name: "Crypto", package: "swift-crypto")]
        ),
        // `swift run -c release JiazhouNationalCryptoBench`: SM3/SM2 against SHA-256/Ed25519.
        .executableTarget(
            name: "JiazhouNationalCryptoBench",
            dependencies: ["JiazhouNationalCrypto"]
        ),
        .target(
            name: "JiazhouRules",
            dependencies: ["JiazhouCore", "Yams"]
        ),
        .target(
            name: "JiazhouStore",
            dependencies: ["JiazhouCore", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(
            name: "JiazhouService",
            dependencies: [
                "JiazhouCore", "JiazhouRules", "JiazhouStore",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "JiazhouRPC",
            dependencies: ["JiazhouCore", "JiazhouService", .product(name: "Logging", package: "swift-log")]
        ),
        .target(name: "JiazhouSheets", dependencies: ["JiazhouCore"]),
        .target(
            name: "JiazhouTesting",
            dependencies: ["JiazhouCore", "JiazhouRules", "JiazhouStore", "JiazhouService"]
        ),
        .executableTarget(
            name: "JiazhouCLI",
            dependencies: [
                "JiazhouCore", "JiazhouRules", "JiazhouStore", "JiazhouService", "JiazhouRPC", "JiazhouSheets",
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
            dependencies: ["JiazhouStore", "JiazhouTesting", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "JiazhouSheetsTests", dependencies: ["JiazhouSheets", "JiazhouCore"]),
        .testTarget(name: "JiazhouServiceTests", dependencies: ["JiazhouService", "JiazhouStore", "JiazhouTesting"]),
        .testTarget(
            name: "JiazhouRPCTests",
            dependencies: ["JiazhouRPC", "JiazhouService", "JiazhouTesting", .product(name: "Logging", package: "swift-log")],
            exclude: ["Transcripts"]
        ),
        .testTarget(
            name: "JiazhouCLITests",
            dependencies: ["JiazhouTesting", "JiazhouService", .product(name: "GRDB", package: "GRDB.swift")]
        ),
    ]
)

// Compiler-checked boundaries on every target (STYLE.md, convention 2).
// A system-library target has no Swift sources and accepts no settings.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    target.swiftSettings = settings
}
