// swift-tools-version: 6.2
// Data flows one way: file → AST (PipelineDSL) → Plan (PipelinePlan) → Scheduler/Engine (PipelineRun)
// → State (PipelineState, DynamoDBState) / Metrics. The executable only parses flags and wires modules.
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

var targets: [Target] = []

// MARK: Pipeline language and planning (issue 2)
targets += [
    // Shared by test targets only: finding live servers and the repository root.
    .target(name: "TestSupport", swiftSettings: strict),
    // The helpers wait for children off the cooperative pool.
    .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"], swiftSettings: strict),
    // Messages with stable ids, locations, the one renderer (plain or ANSI) and the JSON form; no dependencies.
    .target(name: "Diagnostics", swiftSettings: strict),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"], swiftSettings: strict),
    .target(name: "PipelineDSL", dependencies: ["Diagnostics"], swiftSettings: strict),
    .target(name: "PipelinePlan", dependencies: ["PipelineDSL"], swiftSettings: strict),
    .testTarget(name: "PipelineDSLTests", dependencies: ["PipelineDSL", "TestSupport"], swiftSettings: strict),
    .testTarget(name: "PipelinePlanTests", dependencies: ["PipelinePlan", "PipelineDSL", "TestSupport"], swiftSettings: strict),
]


// MARK: HQL analysis and `check` (issue 2)
targets += [
    // Pure HQL scanning: statements, comments, strings, `${...}` references, substitution, table reads/writes.
    .target(name: "HQLAnalysis", swiftSettings: strict),
    // `check`: findings about a Plan's SQL (unbound variables, missing files, table order, races).
    .target(name: "PipelineCheck", dependencies: ["Diagnostics", "PipelineDSL", "PipelinePlan", "HQLAnalysis"], swiftSettings: strict),
    .testTarget(name: "HQLAnalysisTests", dependencies: ["HQLAnalysis", "TestSupport"], swiftSettings: strict),
    .testTarget(
        name: "PipelineCheckTests",
        dependencies: ["PipelineCheck", "Diagnostics", "PipelineDSL", "PipelinePlan", "HQLAnalysis", "TestSupport"],
        swiftSettings: strict),
]


// MARK: Runner and state (issue 3)
targets += [
    // Run records and the state-store protocol; the local file store (DynamoDB lives in its own module).
    .target(name: "PipelineState", swiftSettings: strict),
    .testTarget(name: "PipelineStateTests", dependencies: ["PipelineState"], swiftSettings: strict),
    // Scheduler, task launcher (swift-subprocess), retries, signals, progress and summary.
    .target(
        name: "PipelineRun",
        dependencies: [
            "PipelineDSL", "PipelinePlan", "PipelineState",
            // The native engine (`engine hiveserver2`) runs inside the runner.
            "HiveServer2", "HiveServer2Engine",
            .product(name: "Subprocess", package: "swift-subprocess"),
            // SHA-256 of the step fingerprints (Plan+Fingerprint.swift).
            .product(name: "Crypto", package: "swift-crypto"),
        ],
        swiftSettings: strict),
    .testTarget(
        name: "PipelineRunTests", dependencies: ["PipelineRun", "PipelinePlan", "PipelineState", "TestSupport"],
        swiftSettings: strict),
    // Runs the built binary: `run`, `status`, exit codes, signals.
    .testTarget(
        name: "RunCommandTests", dependencies: ["pdm-pipeline", "DynamoDBState", "AWS", "TestSupport"],
        swiftSettings: strict),
]


// MARK: AWS layer and DynamoDB state (issue 4)
targets += [
    // libcurl through typed shims (curl_easy_setopt is variadic).
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    .target(
        name: "AWS",
        dependencies: ["CCurl", .product(name: "Crypto", package: "swift-crypto")],
        swiftSettings: strict),
    .testTarget(name: "AWSTests", dependencies: ["AWS", "TestSupport"], swiftSettings: strict),
    // The StateStore protocol (PipelineState) on the original DynamoDB table.
    .target(name: "DynamoDBState", dependencies: ["AWS", "PipelineState"], swiftSettings: strict),
    .testTarget(
        name: "DynamoDBStateTests",
        dependencies: ["DynamoDBState", "PipelineState", "AWS", "TestSupport", "PipelineRun", "PipelinePlan", "PipelineDSL"],
        swiftSettings: strict),
    // scripts/bench-dynamodb: calls and milliseconds per checkpoint.
    .executableTarget(
        name: "bench-dynamodb", dependencies: ["DynamoDBState", "PipelineState", "AWS"], path: "Benchmarks/DynamoDBBench",
        swiftSettings: strict),
]


// MARK: Metastore preflight (issue 5)
targets += [
    .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
    .target(
        name: "Metastore",
        dependencies: ["CMariaDB", "Diagnostics", "PipelinePlan", "HQLAnalysis", "AWS"],
        swiftSettings: strict),
    .testTarget(
        name: "MetastoreTests", dependencies: ["Metastore", "Diagnostics", "PipelinePlan", "AWS", "TestSupport"], swiftSettings: strict),
]


// MARK: Local Spark engines (scripts/hive-spark, scripts/services/spark-thrift, java/json-serde)
targets += [
    // Live tests of the engines and the local JSON SerDe against the Thrift server scripts/test starts.
    .testTarget(name: "SparkEngineTests", dependencies: ["TestSupport"], swiftSettings: strict),
]


// MARK: Metrics and logs (issue 12)
targets += [
    // The codahale metrics file, its S3 export, the pushgateway status, the metrics actions.
    .target(
        name: "PipelineMetrics",
        dependencies: [
            "AWS", "PipelinePlan", "PipelineRun", "PipelineState",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "Prometheus", package: "swift-prometheus"),
        ],
        swiftSettings: strict),
    .testTarget(
        name: "PipelineMetricsTests",
        dependencies: [
            "PipelineMetrics", "AWS", "PipelinePlan", "PipelineRun", "PipelineState", "PipelineDSL", "TestSupport",
            .product(name: "Logging", package: "swift-log"), .product(name: "InMemoryLogging", package: "swift-log"),
        ],
        swiftSettings: strict),
    // JSON lines (DWP common-logging fields) and text log handlers for swift-log, secrets masked.
    .target(
        name: "PipelineLog",
        dependencies: ["PipelinePlan", "PipelineRun", .product(name: "Logging", package: "swift-log")],
        swiftSettings: strict),
    .testTarget(
        name: "PipelineLogTests",
        dependencies: [
            "PipelineLog", "PipelinePlan", "PipelineRun", "PipelineDSL", .product(name: "Logging", package: "swift-log"),
            .product(name: "InMemoryLogging", package: "swift-log"),
        ],
        swiftSettings: strict),
]

// MARK: Run reports (issue 12): the run timeline the runner records, and `report`'s HTML page
targets += [
    // The timeline recorder (a RunReporter decorator), its reader, the model (bars, critical path), the HTML page.
    .target(name: "PipelineReport", dependencies: ["PipelinePlan", "PipelineRun", "PipelineState"], swiftSettings: strict),
    .testTarget(
        name: "PipelineReportTests",
        dependencies: ["PipelineReport", "PipelinePlan", "PipelineRun", "PipelineState", "PipelineDSL", "TestSupport"],
        swiftSettings: strict),
]

// MARK: Thrift codec and HiveServer2 client (issue 10)
targets += [
    // Pure Thrift binary protocol: values, structs, unions, containers, messages; bounded reads; no I/O.
    .target(name: "Thrift", swiftSettings: strict),
    .testTarget(name: "ThriftTests", dependencies: ["Thrift"], swiftSettings: strict),
    // TCLIService calls over SASL PLAIN / NOSASL, optional TLS (SwiftNIO); the JDBC URL parser.
    .target(
        name: "HiveServer2",
        dependencies: [
            "Thrift",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ],
        swiftSettings: strict),
    .testTarget(
        name: "HiveServer2Tests",
        dependencies: [
            "HiveServer2", "HiveServer2Engine", "Thrift", "TestSupport",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOSSL", package: "swift-nio-ssl"),
        ],
        swiftSettings: strict),
    // One task's HQL file over one session, as beeline runs it (the runner wires it in; issue 10).
    .target(name: "HiveServer2Engine", dependencies: ["HiveServer2", "HQLAnalysis"], swiftSettings: strict),
    .testTarget(
        name: "HiveServer2EngineTests", dependencies: ["HiveServer2Engine", "HiveServer2", "TestSupport"],
        swiftSettings: strict),
    // scripts/bench-hiveserver2: per-task overhead (connect, open, SELECT 1, close).
    .executableTarget(
        name: "bench-hiveserver2", dependencies: ["HiveServer2"], path: "Benchmarks/HiveServer2Bench",
        swiftSettings: strict),
]


// MARK: Command line
targets += [
    .executableTarget(
        name: "pdm-pipeline",
        dependencies: [
            "PipelineDSL", "PipelinePlan", "PipelineRun", "PipelineState", "Metastore",
            "AWS", "DynamoDBState", "PipelineCheck", "PipelineMetrics", "PipelineLog", "PipelineReport",
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: strict),
    // Black-box tests of the built binary; the dependency makes `swift test` build it first.
    .testTarget(name: "CLITests", dependencies: ["pdm-pipeline", "TestSupport", "PipelineState"], swiftSettings: strict),
]

// MARK: Fuzzing (scripts/fuzz)
// libFuzzer supplies `main`, so `pdm-fuzz` links only with `-sanitize=fuzzer`. The target exists only when
// PDM_FUZZ=1 (scripts/fuzz sets it, with its own --scratch-path): plain `swift build --build-tests` never sees it.
if Context.environment["PDM_FUZZ"] == "1" {
    targets += [
        .executableTarget(
            name: "pdm-fuzz", dependencies: ["PipelineDSL", "PipelinePlan"], path: "Fuzz/PlannerFuzz", swiftSettings: strict)
    ]
}

let package = Package(
    name: "pdm-pipeline",
    platforms: [.macOS(.v15)],
    products: [.executable(name: "pdm-pipeline", targets: ["pdm-pipeline"])],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.0"),
        .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.0"),
        // MARK: HiveServer2 client (issue 10)
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: targets
)
