// swift-tools-version: 6.2
// The layers, top to bottom; a target depends only on targets in its own layer or below it.
//   command line (pdm-pipeline: flags only) → application (PipelineApp: one use case per command)
//   → observability (PipelineMetrics, PipelineLog, PipelineReport) → running (PipelineRun, with the engines)
//   → state (PipelineState, DynamoDBState) and the outside world (AWS, Metastore)
//   → language and planning (PipelineDSL → PipelinePlan → PipelineCheck, HQLAnalysis) → Basics.
// Data flows one way: pipeline file → AST (PipelineDSL) → Plan (PipelinePlan) → Scheduler → Engine (PipelineRun,
// HiveServer2Engine) → State (PipelineState, DynamoDBState) / Metrics (PipelineMetrics).
import PackageDescription

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]
let logging = Target.Dependency.product(name: "Logging", package: "swift-log")
let inMemoryLogging = Target.Dependency.product(name: "InMemoryLogging", package: "swift-log")
let crypto = Target.Dependency.product(name: "Crypto", package: "swift-crypto")
let nio: [Target.Dependency] = [
    .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
    .product(name: "NIOSSL", package: "swift-nio-ssl"),
]

var targets: [Target] = []

// `--version` names the commit it was built from (a C define: SwiftPM defines string constants only for C).
let commit: String = {
    guard let git = Context.gitInformation else { return "unknown" }
    return String(git.currentCommit.prefix(12)) + (git.hasUncommittedChanges ? "+changes" : "")
}()

// MARK: Foundations
targets += [
    // Small pure helpers every layer shares: shell words, booleans, ports, columns, JSON output, UTC dates.
    .target(name: "Basics", swiftSettings: strict),
    .target(name: "CBuildInfo", cSettings: [.define("PDM_BUILD_COMMIT", to: "\"\(commit)\"")]),
    .testTarget(name: "BasicsTests", dependencies: ["Basics"], swiftSettings: strict),
    // Messages with stable ids, locations, the one renderer (plain or ANSI) and the JSON form; no dependencies.
    .target(name: "Diagnostics", swiftSettings: strict),
    .testTarget(name: "DiagnosticsTests", dependencies: ["Diagnostics"], swiftSettings: strict),
    // Shared by test targets only: live servers, the repository root, children waited for off the pool, the fake
    // HiveServer2 (a scripted TCLIService server on 127.0.0.1 for fault injection).
    .target(name: "TestSupport", dependencies: ["Basics", "PipelineDSL", "PipelinePlan", "Thrift"] + nio, swiftSettings: strict),
    .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"], swiftSettings: strict),
]

// MARK: Language and planning: pipeline file → AST → Plan; `check` on the plan's SQL
targets += [
    // Lexer, parser, AST builder, diagnostics of the pipeline language.
    .target(name: "PipelineDSL", dependencies: ["Diagnostics"], swiftSettings: strict),
    .testTarget(name: "PipelineDSLTests", dependencies: ["PipelineDSL", "TestSupport"], swiftSettings: strict),
    // The planner: profiles, variables, conditions, globs, waves, tasks; the plan's renderers.
    .target(name: "PipelinePlan", dependencies: ["Basics", "PipelineDSL", "HQLAnalysis"], swiftSettings: strict),
    .testTarget(name: "PipelinePlanTests", dependencies: ["PipelinePlan", "PipelineDSL", "Basics", "TestSupport"], swiftSettings: strict),
    // Pure HQL scanning: statements, comments, strings, `${...}` references, substitution, table reads/writes.
    .target(name: "HQLAnalysis", swiftSettings: strict),
    .testTarget(name: "HQLAnalysisTests", dependencies: ["HQLAnalysis", "TestSupport"], swiftSettings: strict),
    // `check`: findings about a Plan's SQL (unbound variables, missing files, table order, races).
    .target(name: "PipelineCheck", dependencies: ["Diagnostics", "PipelineDSL", "PipelinePlan", "HQLAnalysis"], swiftSettings: strict),
    .testTarget(
        name: "PipelineCheckTests",
        dependencies: ["PipelineCheck", "Diagnostics", "PipelineDSL", "PipelinePlan", "HQLAnalysis", "TestSupport"],
        swiftSettings: strict),
]

// MARK: Engines: the native HiveServer2 client (hive and beeline are child processes of the runner)
targets += [
    // Pure Thrift binary protocol: values, structs, unions, containers, messages; bounded reads; no I/O.
    .target(name: "Thrift", swiftSettings: strict),
    .testTarget(name: "ThriftTests", dependencies: ["Thrift"], swiftSettings: strict),
    // TCLIService calls over SASL PLAIN / NOSASL, optional TLS (SwiftNIO); the JDBC URL parser.
    .target(name: "HiveServer2", dependencies: ["Basics", "Thrift"] + nio, swiftSettings: strict),
    .testTarget(
        name: "HiveServer2Tests",
        dependencies: ["Basics", "HiveServer2", "HiveServer2Engine", "Thrift", "TestSupport", .product(name: "NIOEmbedded", package: "swift-nio")] + nio,
        swiftSettings: strict),
    // One task's HQL file over one session, as beeline runs it.
    .target(name: "HiveServer2Engine", dependencies: ["HiveServer2", "HQLAnalysis"], swiftSettings: strict),
    .testTarget(
        name: "HiveServer2EngineTests", dependencies: ["Basics", "HiveServer2Engine", "HiveServer2", "TestSupport"],
        swiftSettings: strict),
    // Live tests of the local Spark engines and the JSON SerDe against the Thrift server scripts/test starts.
    .testTarget(name: "SparkEngineTests", dependencies: ["TestSupport"], swiftSettings: strict),
]

// MARK: State: run records, the state-store protocol, the local store; DynamoDB on the AWS layer
targets += [
    .target(name: "PipelineState", dependencies: ["Basics"], swiftSettings: strict),
    .testTarget(name: "PipelineStateTests", dependencies: ["PipelineState"], swiftSettings: strict),
    // libcurl through typed shims (curl_easy_setopt is variadic).
    .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
    // HTTP (libcurl), SigV4 signing, credentials, the DynamoDB, S3 and Secrets Manager calls we use.
    .target(name: "AWS", dependencies: ["Basics", "CCurl", crypto], swiftSettings: strict),
    .testTarget(name: "AWSTests", dependencies: ["AWS", "TestSupport"], swiftSettings: strict),
    // The StateStore protocol (PipelineState) on the original DynamoDB table.
    .target(name: "DynamoDBState", dependencies: ["AWS", "PipelineState"], swiftSettings: strict),
    .testTarget(
        name: "DynamoDBStateTests",
        dependencies: ["DynamoDBState", "PipelineState", "AWS", "TestSupport", "PipelineRun", "PipelinePlan", "PipelineDSL", "pdm-pipeline"],
        swiftSettings: strict),
    // The metastore preflight: libmariadb, settings and secrets, the checks, the report.
    .systemLibrary(name: "CMariaDB", pkgConfig: "libmariadb", providers: [.apt(["libmariadb-dev"])]),
    .target(name: "Metastore", dependencies: ["Basics", "CMariaDB", "Diagnostics", "PipelinePlan", "HQLAnalysis", "AWS"], swiftSettings: strict),
    .testTarget(
        name: "MetastoreTests", dependencies: ["Metastore", "Diagnostics", "PipelinePlan", "PipelineDSL", "AWS", "TestSupport", "pdm-pipeline"],
        swiftSettings: strict),
]

// MARK: Running: Plan → Scheduler → Engine, with the state store
targets += [
    // Runner, scheduler, task launcher (swift-subprocess), the native engine's tasks, retries, signals, fencing,
    // progress and summary; the exit-code table (ExitStatus).
    .target(
        name: "PipelineRun",
        dependencies: [
            "Basics", "PipelineDSL", "PipelinePlan", "PipelineState", "HiveServer2", "HiveServer2Engine",
            .product(name: "Subprocess", package: "swift-subprocess"),
            // SHA-256 of the step fingerprints (Plan+Fingerprint.swift).
            crypto,
        ],
        swiftSettings: strict),
    .testTarget(
        name: "PipelineRunTests", dependencies: ["Basics", "PipelineRun", "PipelinePlan", "PipelineState", "PipelineDSL", "TestSupport"],
        swiftSettings: strict),
]

// MARK: Observability: metrics, logs, run reports (decorators of the runner's events)
targets += [
    // The codahale metrics file, its S3 export, the pushgateway status, the metrics actions.
    .target(
        name: "PipelineMetrics",
        dependencies: [
            "Basics", "AWS", "PipelinePlan", "PipelineRun", "PipelineState", logging,
            .product(name: "Prometheus", package: "swift-prometheus"),
        ],
        swiftSettings: strict),
    .testTarget(
        name: "PipelineMetricsTests",
        dependencies: ["PipelineMetrics", "AWS", "PipelinePlan", "PipelineRun", "PipelineState", "PipelineDSL", "TestSupport", logging, inMemoryLogging],
        swiftSettings: strict),
    // JSON lines (DWP common-logging fields) and text log handlers for swift-log, secrets masked.
    .target(name: "PipelineLog", dependencies: ["Basics", "PipelinePlan", "PipelineRun", logging], swiftSettings: strict),
    .testTarget(
        name: "PipelineLogTests",
        dependencies: ["PipelineLog", "PipelinePlan", "PipelineRun", "PipelineDSL", logging, inMemoryLogging],
        swiftSettings: strict),
    // The timeline recorder (a RunReporter decorator), its reader, the model (bars, critical path), the HTML page.
    .target(name: "PipelineReport", dependencies: ["Basics", "PipelinePlan", "PipelineRun", "PipelineState"], swiftSettings: strict),
    .testTarget(
        name: "PipelineReportTests",
        dependencies: ["PipelineReport", "PipelinePlan", "PipelineRun", "PipelineState", "PipelineDSL", "TestSupport"],
        swiftSettings: strict),
]

// MARK: Application layer and command line
targets += [
    // One use case per command: typed inputs, the wiring of the modules, the exit-code mappings, the one error
    // printer. The executable only parses flags into these inputs.
    .target(
        name: "PipelineApp",
        dependencies: [
            "PipelineDSL", "PipelinePlan", "PipelineRun", "PipelineState", "Metastore", "AWS", "DynamoDBState",
            "PipelineCheck", "PipelineMetrics", "PipelineLog", "PipelineReport", "CBuildInfo", logging,
        ],
        swiftSettings: strict),
    // The use cases in-process: a captured console, a local store in a scratch folder, a fixed clock.
    .testTarget(
        name: "PipelineAppTests",
        dependencies: ["PipelineApp", "PipelinePlan", "PipelineRun", "PipelineState", "Metastore", "TestSupport"],
        swiftSettings: strict),
    // argc/argv as the C entry point got them (Swift's CommandLine reads /proc/self/cmdline on Linux).
    .target(name: "CProcessArguments"),
    .executableTarget(
        name: "pdm-pipeline",
        dependencies: [
            "CProcessArguments", "PipelineApp", "PipelinePlan", "PipelineRun", "PipelineState", "DynamoDBState", "Basics", logging,
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ],
        swiftSettings: strict),
    // Black-box tests of the built binary (the dependency makes `swift test` build it first).
    .testTarget(name: "CLITests", dependencies: ["pdm-pipeline", "TestSupport", "PipelineState", "PipelineRun"], swiftSettings: strict),
    // The built binary: `run`, `status`, exit codes, signals, the fault-injection suites.
    .testTarget(name: "RunCommandTests", dependencies: ["pdm-pipeline", "DynamoDBState", "AWS", "TestSupport", "Thrift"], swiftSettings: strict),
]

// MARK: Benchmarks (scripts/bench-*) and fuzzing (scripts/fuzz)
targets += [
    // scripts/bench-dynamodb: calls and milliseconds per checkpoint.
    .executableTarget(
        name: "bench-dynamodb", dependencies: ["DynamoDBState", "PipelineState", "AWS"], path: "Benchmarks/DynamoDBBench",
        swiftSettings: strict),
    // scripts/bench-hiveserver2: per-task overhead (connect, open, SELECT 1, close).
    .executableTarget(
        name: "bench-hiveserver2", dependencies: ["Basics", "HiveServer2"], path: "Benchmarks/HiveServer2Bench", swiftSettings: strict),
]
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
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
    ],
    targets: targets
)
