// swift-tools-version:6.1
// libFuzzer targets for issue 9, in a package of their own so that the
// root package's `swift build --build-tests` never links a fuzzer entry
// point. Build and run them with Fuzz/run.sh (README, "Fuzzing").
import PackageDescription

let targets = ["FuzzRPCLine", "FuzzCanonicalJSON", "FuzzEntry", "FuzzExpression", "FuzzRuleSet", "FuzzSheet", "FuzzWorkbook", "FuzzSignedNote", "FuzzWitnessBody", "FuzzTilePath"]
let products: [String: [String]] = [
    "FuzzRPCLine": ["JiazhouRPC"],
    "FuzzCanonicalJSON": ["JiazhouCore"],
    "FuzzEntry": ["JiazhouCore"],
    "FuzzExpression": ["JiazhouRules", "JiazhouCore"],
    "FuzzRuleSet": ["JiazhouRules", "JiazhouCore"],
    "FuzzSheet": ["JiazhouSheets"],
    "FuzzWorkbook": ["JiazhouSheets"],
    "FuzzSignedNote": ["JiazhouCore"],
    "FuzzWitnessBody": ["JiazhouCore"],
    "FuzzTilePath": ["JiazhouCore"],
]

let package = Package(
    name: "jiazhou-fuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "jiazhou", path: ".."),
        // The same archive library as the reader, for FuzzWorkbook to pack worksheets.
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        // Declares libFuzzer's LLVMFuzzerRunDriver for the targets' own main.
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
    ]
        + targets.map { name in
            .executableTarget(
                name: name,
                dependencies: ["FuzzSupport"] + products[name]!.map { .product(name: $0, package: "jiazhou") }
                    + (name == "FuzzWorkbook" ? [.product(name: "ZIPFoundation", package: "ZIPFoundation")] : []))
        }
)
