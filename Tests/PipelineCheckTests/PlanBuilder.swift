import Foundation
import PipelineCheck
import PipelineDSL
import PipelinePlan
import TestSupport

/// Builds `Plan` values by hand, the way the planner would, for checker tests.
enum PlanBuilder {
    static let fixtures = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/check")

    static func task(_ path: String, hivevars: [KeyValue] = [], hiveconf: [KeyValue] = [], line: Int) -> PlanTask {
        PlanTask(
            key: path, work: .hqlFile(path: path, relative: String(path.dropFirst(4))), engine: .hive,
            hivevars: hivevars, hiveconf: hiveconf, location: SourceLocation(file: "check.pipe", line: line, column: 5))
    }

    static func statement(_ sql: String, hivevars: [KeyValue] = [], line: Int) -> PlanTask {
        PlanTask(
            key: sql, work: .hqlStatement(sql), engine: .hive, hivevars: hivevars, hiveconf: [],
            location: SourceLocation(file: "check.pipe", line: line, column: 5))
    }

    static func step(_ index: Int, _ name: String, _ waves: [[PlanTask]], disposition: StepDisposition = .run, line: Int) -> PlanStep {
        PlanStep(
            index: index, name: name, disposition: disposition, onFailure: .stop, always: false, parallelism: 4,
            retry: RetryPolicy(attempts: 1, delaySeconds: 0), timeoutSeconds: nil, resume: .step,
            waves: waves.enumerated().map { PlanWave(index: $0.offset, name: "\($0.offset + 1)", tasks: $0.element) },
            location: SourceLocation(file: "check.pipe", line: line, column: 1))
    }

    static func plan(_ steps: [PlanStep]) -> Plan {
        Plan(
            pipeline: "check", product: "PDM", file: "check.pipe", profile: nil, sqlRoot: "sql",
            run: RunParameters(correlationID: "c", s3Prefix: "p", snapshotType: "full", exportDate: "2026-11-21"),
            variables: [], engines: EngineSettings(), metastore: nil, steps: steps)
    }

    /// Reads `path` relative to `root`; paths in diagnostics stay as the plan wrote them.
    static func reader(root: URL) -> PipelineChecker.ReadFile {
        { path in
            let url = root.appendingPathComponent(path)
            guard FileManager.default.fileExists(atPath: url.path) else { throw CheckError.fileNotFound(path) }
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    /// An in-memory file system.
    static func reader(_ files: [String: String]) -> PipelineChecker.ReadFile {
        { path in
            guard let text = files[path] else { throw CheckError.fileNotFound(path) }
            return text
        }
    }
}
