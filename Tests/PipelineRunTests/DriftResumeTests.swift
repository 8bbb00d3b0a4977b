import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// A resume refuses to skip steps that changed since the failed run; steps at and after the resume point may change.
@Suite struct DriftResumeTests {
    func pipeline(first: String, second: String) -> Plan {
        plan([step(0, "first", waves: [[task("a", first)]]), step(1, "second", waves: [[task("b", second)]])])
    }

    func failAtSecond(_ sandbox: Sandbox) async throws {
        let failed = await runner(sandbox, reporter: Recorder()).run(
            pipeline(first: "select 1", second: "-- stub: fail always"), options: sandbox.options())
        #expect(failed.exitCode == .stepFailed)
    }

    @Test func aChangedStepBeforeTheResumePointIsRefusedAndNothingIsWritten() async throws {
        let sandbox = try Sandbox()
        try await failAtSecond(sandbox)
        let before = try #require(try await sandbox.store.read(key))
        let summary = await runner(sandbox, reporter: Recorder()).run(
            pipeline(first: "select 2", second: "select 1"), options: sandbox.options())
        #expect(summary.exitCode == .stateConflict)
        #expect(summary.failure?.contains("step 'first': a changed") == true)
        #expect(try await sandbox.store.read(key) == before)
        #expect(try sandbox.started() == ["a", "b"])  // only the first run's tasks
    }

    @Test func acceptChangesResumesAnyway() async throws {
        let sandbox = try Sandbox()
        try await failAtSecond(sandbox)
        var options = sandbox.options()
        options.policy.acceptChanges = true
        let summary = await runner(sandbox, reporter: Recorder()).run(pipeline(first: "select 2", second: "select 1"), options: options)
        #expect(summary.exitCode == .success)
        #expect(try sandbox.started() == ["a", "b", "b"])
    }

    @Test func theFailedStepItselfMayChange() async throws {
        let sandbox = try Sandbox()
        try await failAtSecond(sandbox)
        let summary = await runner(sandbox, reporter: Recorder()).run(pipeline(first: "select 1", second: "select 1"), options: sandbox.options())
        #expect(summary.exitCode == .success)
        #expect(try sandbox.started() == ["a", "b", "b"])
        #expect(try await sandbox.store.read(key)?.fingerprints == pipeline(first: "select 1", second: "select 1").fingerprints())
    }

    @Test func aFileIsFingerprintedByItsContent() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-fp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("x.sql")
        func fingerprint() -> String? {
            let t = PlanTask(key: "x.sql", work: .hqlFile(path: file.path, relative: "x.sql"), engine: .hive, hivevars: [], hiveconf: [], location: here)
            return plan([step(0, "s", waves: [[t]])]).fingerprints()["s"]?["x.sql"]
        }
        try "select 1;".write(to: file, atomically: true, encoding: .utf8)
        let one = fingerprint()
        try "select 1;".write(to: file, atomically: true, encoding: .utf8)  // touched, same bytes
        #expect(fingerprint() == one)
        try "select 2;".write(to: file, atomically: true, encoding: .utf8)
        #expect(fingerprint() != one)
    }

    @Test func secretValuesDoNotEnterTheFingerprint() {
        func fingerprints(_ secret: String) -> [String: [String: String]] {
            var p = plan([step(0, "s", waves: [[task("t", "set pw=\(secret)")]])], secrets: [secret])
            p.steps[0].waves[0].tasks[0].hivevars = [KeyValue("pw", secret)]
            return p.fingerprints()
        }
        #expect(fingerprints("hunter2-secret") == fingerprints("rotated-secret"))
    }
}
