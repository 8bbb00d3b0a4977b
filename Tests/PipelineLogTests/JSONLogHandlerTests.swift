import Foundation
import InMemoryLogging
import Logging
import PipelineDSL
import PipelinePlan
import Synchronization
import Testing

@testable import PipelineLog
@testable import PipelineRun

@Suite struct JSONLogHandlerTests {
    static let context = LogContext(appVersion: "0.1.0", environment: "production", hostname: "ip-10-0-0-1", processID: 4242)

    static func secretPlan(_ secret: String) -> Plan {
        Plan(
            pipeline: "t", product: "PDM", file: "t.pipe", profile: "production", sqlRoot: "sql",
            run: RunParameters(correlationID: "corr-9", s3Prefix: "p", snapshotType: "full", exportDate: "2026-11-21"),
            variables: [ResolvedVariable(name: "pw", value: secret, source: .commandLine, isSecret: true)],
            engines: EngineSettings(), metastore: nil, steps: [])
    }

    func objects(_ lines: [String]) throws -> [[String: String]] {
        try lines.map { line in
            #expect(line.hasSuffix("\n"))
            #expect(line.dropLast().contains("\n") == false)
            return try JSONDecoder().decode([String: String].self, from: Data(line.utf8))
        }
    }

    @Test func eachLineCarriesTheCommonFieldsAndTheMetadata() throws {
        let collected = Collected()
        var logger = Logger(label: "t") { _ in
            JSONLogHandler(context: Self.context, sink: collected.sink, now: { Date(timeIntervalSince1970: 1_764_573_770.125) })
        }
        logger[metadataKey: "correlation_id"] = "corr-9"
        logger.info("step model: started", metadata: ["run_id": "2", "step": "model", "wave": "3", "task": "model/x.3.sql"])
        let line = try #require(try objects(collected.all).first)
        #expect(line == [
            "timestamp": "2025-12-01T07:22:50.125Z", "log_level": "INFO", "message": "step model: started",
            "process_id": "4242", "hostname": "ip-10-0-0-1", "environment": "production",
            "application": "pdm_dataset_generator", "app_version": "0.1.0", "component": "pdm-pipeline",
            "correlation_id": "corr-9", "run_id": "2", "step": "model", "wave": "3", "task": "model/x.3.sql",
        ])
    }

    @Test func noSecretInAnyLineOrField() throws {
        let secret = "s3cr3t-\"pw\"\nx"
        let collected = Collected()
        let logger = Logger(label: "t") { _ in
            JSONLogHandler(context: Self.context, sink: collected.sink, mask: SecretMask(plan: Self.secretPlan(secret)))
        }
        logger.error("connect failed with \(secret)", metadata: ["task": "t \(secret)", "message": "spoof"])
        let all = collected.all.joined()
        #expect(!all.contains("s3cr3t"))
        let line = try #require(try objects(collected.all).first)
        #expect(line["message"] == "connect failed with ****")
        #expect(line["task"] == "t ****")
        #expect(line["log_level"] == "ERROR")
    }

    /// The run's events as records, captured with swift-log's in-memory handler: levels and metadata.
    @Test func runEventsBecomeRecordsWithStepAndTask() {
        let memory = InMemoryLogHandler()
        let logger = Logger(label: "run", factory: { _ in memory })
        let plain = PlainReporter(mask: SecretMask(plan: Self.secretPlan("x")), log: { _ in }, output: { _ in })
        let reporter = LogReporter(logger: logger, plain: plain)
        let here = SourceLocation(file: "t.pipe", line: 1, column: 1)
        let task = PlanTask(key: "model/a.sql", work: .hqlStatement("select 1"), engine: .hive, hivevars: [], hiveconf: [], location: here)
        let step = PlanStep(
            index: 1, name: "model", disposition: .run, onFailure: .stop, always: false, parallelism: 1,
            retry: RetryPolicy(attempts: 2, delaySeconds: 0), timeoutSeconds: nil, resume: .step,
            waves: [PlanWave(index: 1, name: "1", tasks: [task])], location: here)
        reporter.report(.runStarted(plan: Self.secretPlan("x"), runID: 4, resume: nil, logFolder: URL(fileURLWithPath: "/tmp/l")))
        reporter.report(.taskRetrying(step, task, attempt: 1, reason: "exit 1", delaySeconds: 5))
        let entries = memory.entries
        #expect(entries.count == 2)
        #expect(entries.map(\.level) == [.info, .warning])
        #expect(entries[1].metadata["step"] == "model")
        #expect(entries[1].metadata["task"] == "model/a.sql")
        #expect(entries[1].metadata["run_id"] == "4")
        #expect(entries[1].message.description == "task model/a.sql: attempt 1 failed (exit 1); retrying in 5.0s")
    }
}

final class Collected: Sendable {
    private let lines = Mutex<[String]>([])
    var all: [String] { lines.withLock { $0 } }
    var sink: LogSink { LogSink { [self] text in lines.withLock { $0.append(text) } } }
}
