import Foundation
import Testing
import TestSupport

/// What the fault suites drive: the built binary on `Tests/Fixtures/faults/faults.pipe` with the stub engine, in
/// a scratch folder, against the local store or DynamoDB on moto. Each run gets its own stub record and pid files,
/// so the suites can tell which run started, finished or left behind which task.
struct FaultHarness {
    enum Store: String, CaseIterable, Sendable, CustomStringConvertible {
        case local, dynamodb
        var description: String { rawValue }
    }

    static let pipeline = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/faults/faults.pipe").path
    static let fencing = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/faults/fencing.pipe").path
    static let stub = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path
    static let steps = ["load", "transform", "model", "publish"]
    /// Every engine task of the pipeline by step (task key = step/relative path), from the fixture's SQL tree.
    static let tasks: [String: [String]] = {
        let sql = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/faults/sql")
        var result: [String: [String]] = [:]
        for step in steps {
            let files = (try? FileManager.default.contentsOfDirectory(atPath: sql.appendingPathComponent(step).path)) ?? []
            result[step] = files.filter { $0.hasSuffix(".sql") }.sorted().map { "\(step)/\(step)/\($0)" }
        }
        return result
    }()
    static var allTasks: Set<String> { Set(tasks.values.joined()) }

    let store: Store
    let folder: URL
    let environment: [String: String]
    let stateArguments: [String]

    init(store: Store, table: String) throws {
        self.store = store
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-faults-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var environment = ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": "/nonexistent"]
        switch store {
        case .local:
            stateArguments = ["--state-dir", folder.appendingPathComponent("state").path]
        case .dynamodb:
            environment["AWS_ACCESS_KEY_ID"] = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
            environment["AWS_SECRET_ACCESS_KEY"] = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
            environment["AWS_REGION"] = LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1"
            environment["AWS_ENDPOINT_URL"] = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
            environment["AWS_EC2_METADATA_DISABLED"] = "true"
            stateArguments = ["--state", "dynamodb", "--state-table", table]
        }
        self.environment = environment
    }

    /// The local store's record file of `correlationID` (the fencing suite watches and locks it).
    func recordFile(_ correlationID: String) -> URL {
        folder.appendingPathComponent("state/\(correlationID)__PDM.json")
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    func initialiseTable() async throws {
        guard store == .dynamodb else { return }
        let table = stateArguments.last ?? ""
        let result = try await Command.run(Command.product("pdm-pipeline"), ["state", "init", "--state-table", table], environment: environment)
        #expect(result.status == 0, "\(result.stderr)")
    }

    /// One invocation of `run`, started, not yet waited for.
    final class Launched: @unchecked Sendable {
        let process: Process
        let name: String
        let err: Pipe
        let out: Pipe
        let folder: URL
        init(process: Process, name: String, out: Pipe, err: Pipe, folder: URL) {
            (self.process, self.name, self.out, self.err, self.folder) = (process, name, out, err, folder)
        }
        var pid: pid_t { process.processIdentifier }
        var record: URL { folder.appendingPathComponent("\(name).record") }
        var pidsFile: URL { folder.appendingPathComponent("\(name).pids") }

        /// Waits for the exit and both pipes' EOF without blocking a test task's thread; the exit status and stderr.
        func wait() async -> (status: Int32, stderr: String) {
            let result = await Command.finish(process, stdout: out, stderr: err)
            return (result.status, result.stderr)
        }

        /// Stub events: (epoch seconds, start|end, task key).
        func events() -> [(time: Double, kind: String, task: String)] {
            guard let text = try? String(contentsOf: record, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 4, let time = Double(parts[0]), parts[1] == "start" || parts[1] == "end" else { return nil }
                return (time, String(parts[1]), String(parts[2]))
            }
        }

        /// Each task start with its stub pid.
        func starts() -> [(time: Double, task: String, pid: pid_t)] {
            guard let text = try? String(contentsOf: record, encoding: .utf8) else { return [] }
            return text.split(separator: "\n").compactMap { line in
                let parts = line.split(separator: " ")
                guard parts.count == 4, parts[1] == "start", let time = Double(parts[0]), let pid = pid_t(parts[3]) else { return nil }
                return (time, String(parts[2]), pid)
            }
        }

        func started() -> [String] { events().filter { $0.kind == "start" }.map(\.task) }
        func finished() -> Set<String> { Set(events().filter { $0.kind == "end" }.map(\.task)) }
        func pids() -> [pid_t] { (try? Processes.recorded(in: pidsFile)) ?? [] }
    }

    /// Starts `run` on the fault pipeline; `name` tells this run's files apart.
    /// `lease`: the runner's default unless a suite needs short ones (fencing: a takeover waits out the old lease).
    /// A short lease on a loaded machine with a slow store rightly fences a run off, which is not what kill and
    /// resume measures.
    func start(_ name: String, correlationID: String, _ extra: [String] = [], lease: Int = 300, pipeline: String = FaultHarness.pipeline) throws -> Launched {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Command.product("pdm-pipeline"))
        process.arguments = ["run", pipeline, "--correlation-id", correlationID, "--hive-command", Self.stub,
                             "--log-dir", folder.appendingPathComponent("logs").path, "--grace-period", "1",
                             "--lease", String(lease)] + stateArguments + extra
        process.currentDirectoryURL = folder
        var environment = self.environment
        environment["STUB_RECORD"] = folder.appendingPathComponent("\(name).record").path
        environment["STUB_PIDS"] = folder.appendingPathComponent("\(name).pids").path
        process.environment = Command.textLogs(environment)
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        return Launched(process: process, name: name, out: out, err: err, folder: folder)
    }

    /// The stored record as `status --format json` prints it, nil when there is none.
    func record(_ correlationID: String) async throws -> [String: Any]? {
        let result = try await Command.run(
            Command.product("pdm-pipeline"), ["status", "--correlation-id", correlationID, "--format", "json"] + stateArguments,
            directory: folder.path, environment: environment)
        guard result.status == 0 else { return nil }
        return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
    }
}

/// Figures a suite prints, one `name: value` per line, in the order first counted.
final class Figures: @unchecked Sendable {
    private var order: [String] = []
    private var values: [String: Int] = [:]
    private let lock = NSLock()

    func add(_ name: String, _ amount: Int = 1) {
        lock.withLock {
            if values[name] == nil { order.append(name) }
            values[name, default: 0] += amount
        }
    }

    subscript(name: String) -> Int { lock.withLock { values[name] ?? 0 } }

    func print(_ title: String) {
        let lines = lock.withLock { order.map { "  \($0): \(values[$0] ?? 0)" } }
        Swift.print(([title] + lines).joined(separator: "\n"))
    }
}
