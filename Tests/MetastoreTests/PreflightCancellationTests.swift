import Foundation
import Metastore
import PipelinePlan
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 8, defect 10: a signal during the metastore preflight used to wait for libmariadb's connect timeout
/// (then exit 4, recorded FAILED). Cancellation now returns at once, while the C call is still blocked.
struct PreflightCancellationTests {
    // Far beyond any stall of the test process: its thread pool can be held for minutes by tests that wait on a
    // child synchronously (the Spark engine tests), and this test's own cancel runs on that pool. The cancel must
    // win, and the C call must still be blocked after it.
    static let connectTimeout = 900

    static func settings(port: Int) -> MetastoreSettings {
        MetastoreSettings(
            host: "127.0.0.1", port: port, database: "hive_metastore_v2", user: "pdm-writer",
            passwordEnvironment: "PDM_TEST_CANCEL_PASSWORD")
    }

    static func run(port: Int, connectTimeout: Int = connectTimeout) async -> PreflightReport {
        await Preflight.run(
            settings: settings(port: port), databasesToCreate: [],
            options: Preflight.Options(connectTimeoutSeconds: connectTimeout, readTimeoutSeconds: connectTimeout),
            resolver: ConnectionSettingsResolver(environment: ["PDM_TEST_CANCEL_PASSWORD": "x"]))
    }

    static func preflight(port: Int, connectTimeout: Int = connectTimeout) -> Task<PreflightReport, Never> {
        Task { await run(port: port, connectTimeout: connectTimeout) }
    }

    @Test func cancelDuringConnectReturnsWhileLibmariadbIsStillBlocked() async throws {
        let server = try BlackHoleServer()
        let preflight = Self.preflight(port: server.port)
        try #require(await server.accept(within: 10), "the preflight never connected")
        try await Task.sleep(for: .milliseconds(200))
        preflight.cancel()
        let report = await preflight.value
        #expect(report.outcome == .cancelled)
        #expect(report.exitCode == 143)
        #expect(report.failureSummary == "metastore preflight: cancelled before it finished")
        #expect(report.target == "127.0.0.1:\(server.port)/hive_metastore_v2 as pdm-writer")
        // The report came back while libmariadb was still inside its connect (its timeout has not fired, or
        // it would have closed the socket): nothing waited for the C call. No wall-clock bound: the shared
        // machine can stall any thread for seconds.
        #expect(server.clientHoldsConnection)
    }

    @Test func abandonedConnectionIsClosedWhenTheCallReturns() async throws {
        let server = try BlackHoleServer()
        // 5 s: long enough that the cancel wins on a loaded machine, short enough to wait for the close.
        let preflight = Self.preflight(port: server.port, connectTimeout: 5)
        try #require(await server.accept(within: 10), "the preflight never connected")
        preflight.cancel()
        #expect(await preflight.value.outcome == .cancelled)
        // The abandoned thread runs on to its timeout, then closes its MYSQL* (and the socket).
        #expect(await server.clientCloses(within: 30))
    }

    @Test func alreadyCancelledTaskNeverConnects() async throws {
        let server = try BlackHoleServer()
        let preflight = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await Self.run(port: server.port)
        }
        let report = await preflight.value
        #expect(report.outcome == .cancelled)
        #expect(!(await server.accept(within: 1)))
    }

    /// The built binary against the black hole: SIGTERM → 143, SIGINT → 130, one line on stderr, nothing on stdout.
    @Test(arguments: [SIGTERM, SIGINT])
    func preflightCommandExitsOnSignal(signal: Int32) async throws {
        let server = try BlackHoleServer()
        let binary = Command.product("pdm-pipeline")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build pdm-pipeline first")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "preflight", "--metastore-host", "127.0.0.1", "--metastore-port", "\(server.port)",
            "--metastore-database", "hive_metastore_v2", "--metastore-user", "pdm-writer",
            "--connect-timeout", "900",
        ]
        process.environment = ["PATH": "/usr/bin:/bin", "PDM_METASTORE_PASSWORD": "x"]
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try #require(await server.accept(within: 10), "pdm-pipeline preflight never connected")
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, signal)
        let finished = await Command.finish(process, stdout: out, stderr: err)
        let stderr = finished.stderr, stdout = finished.stdout
        let name = signal == SIGINT ? "SIGINT" : "SIGTERM"
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 128 + signal)
        #expect(stderr == "error: metastore preflight: interrupted by \(name); nothing was checked\n")
        #expect(stdout == "")
        // Not a speed test: only "did not sit out the 900 s connect timeout" (scripts/fault-metastore: ~15 ms).
        #expect(ContinuousClock.now - signalled < .seconds(60))
    }
}
