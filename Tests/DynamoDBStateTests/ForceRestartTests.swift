import AWS
import DynamoDBState
import Foundation
import PipelineRun
import PipelineState
import TestSupport
import Testing

/// A forced restart writes a whole new record: nothing of the COMPLETED run survives in the stored item, so a
/// forced run that fails before its first step is followed by a run from the first step, not a "resume" at
/// the old last step (the original's bug 5). Each store is checked by re-reading what it stored.
@Suite struct ForceRestartTests {
    enum Kind: String, CaseIterable { case local, dynamodb }

    /// The DynamoDB case needs moto; the local one runs everywhere.
    static var kinds: [Kind] { LiveServer.available("PDM_TEST_MOTO_URL") ? Kind.allCases : [.local] }

    /// A store and a reader of its raw stored attributes (the DynamoDB item; the local JSON file's keys).
    struct Subject {
        var store: any StateStore
        var raw: @Sendable () async throws -> [String: String]
        var request: (_ now: Date, _ force: Bool) -> BeginRequest
    }

    static func subject(_ kind: Kind) async throws -> Subject {
        let id = "c-force-\(kind.rawValue)"
        let request = { (now: Date, force: Bool) in
            BeginRequest(
                key: RunKey(correlationID: id, product: "PDM"), date: "2026-11-21", clusterID: "j-1", s3Prefix: "p",
                snapshotType: "full", owner: MotoStateFixture.owner, now: now, policy: RunPolicy(force: force))
        }
        switch kind {
        case .dynamodb:
            let fixture = try await MotoStateFixture()
            return Subject(
                store: fixture.store(),
                raw: {
                    let item = try await fixture.rawItem(id) ?? [:]
                    return item.mapValues { value in
                        switch value {
                        case .s(let text), .n(let text): return text
                        case .l(let list): return list.compactMap(\.stringValue).joined(separator: ",")
                        default: return "\(value)"
                        }
                    }
                }, request: request)
        case .local:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-force-\(UUID().uuidString)")
            let store = LocalFileStateStore(directory: folder)
            let url = store.recordURL(for: RunKey(correlationID: id, product: "PDM"))
            return Subject(
                store: store,
                raw: {
                    let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
                    return object.mapValues { value in
                        if let list = value as? [String] { return list.joined(separator: ",") }
                        return "\(value)"
                    }
                }, request: request)
        }
    }

    @Test(arguments: ForceRestartTests.kinds) func aForcedRunThatFailsBeforeItsFirstStepIsFollowedByAFullRun(kind: Kind) async throws {
        let subject = try await Self.subject(kind)
        let store = subject.store
        let t0 = MotoStateFixture.now
        // Run 1: every attribute a run can leave behind, COMPLETED at the last step.
        let first = try await store.begin(subject.request(t0, false)).handle
        try await store.stepStarted(first, step: "load", carriedTasks: [], at: t0 + 1)
        try await store.taskCompleted(first, step: "load", task: "load/a.sql", at: t0 + 2)
        try await store.stepFailed(first, step: "optional", reason: "x", continuing: true, at: t0 + 3)
        try await store.stepStarted(first, step: "publish", carriedTasks: [], at: t0 + 4)
        try await store.taskCompleted(first, step: "publish", task: "publish.sql", at: t0 + 5)
        try await store.finish(first, status: .completed, reason: nil, at: t0 + 6)
        var raw = try await subject.raw()
        #expect(raw["CurrentStep"] == "publish")
        #expect(raw["Completed_Tasks"] == "publish.sql")
        #expect(raw["Continued_Failures"] == "optional")

        // Run 2, --force: the stored record is a fresh one with Run_Id 2.
        let forced = try await store.begin(subject.request(t0 + 10, true))
        #expect(forced.start == .restartedAfterForce(previousRunID: 1))
        raw = try await subject.raw()
        #expect(raw["Run_Id"] == "2")
        #expect(raw["Status"] == "IN_PROGRESS")
        #expect(raw["CurrentStep"] == nil, "the old CurrentStep survived the forced begin")
        #expect(raw["Completed_Tasks"] ?? "" == "")
        #expect(raw["Continued_Failures"] ?? "" == "")
        #expect(raw["Failure_Reason"] == nil)
        // ... which fails before its first step (an unusable --log-dir, a failed preflight).
        try await store.finish(forced.handle, status: .failed, reason: "cannot create log folder", at: t0 + 11)
        raw = try await subject.raw()
        #expect(raw["Status"] == "FAILED")
        #expect(raw["CurrentStep"] == nil)

        // Run 3 starts from the first step.
        let third = try await store.begin(subject.request(t0 + 20, false))
        #expect(third.record.runID == 3)
        #expect(third.start == .resumed(step: nil, completedTasks: [], previousRunID: 2, previousStatus: .failed))
        #expect(third.start.resumePoint == nil)
        #expect(try await subject.raw()["CurrentStep"] == nil)
    }
}
