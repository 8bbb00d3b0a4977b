import Foundation
import PipelineState
import Testing
import TestSupport

/// `plan --resume` reads the run record and shows what a rerun would skip, by the same rule as `run`.
@Suite struct PlanResumeTests {
    let binary = Command.product("pdm-pipeline")

    @Test func aFailedRunMakesEarlierStepsCompletedInThePlan() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-plan-resume-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = LocalFileStateStore(directory: dir)
        let key = RunKey(correlationID: "c-resume", product: "PDM")
        let now = Date()
        let begun = try await store.begin(BeginRequest(
            key: key, date: "2026-11-21", clusterID: "local", s3Prefix: "p", snapshotType: "full",
            owner: RunOwner(host: "h", pid: 1), now: now))
        try await store.stepStarted(begun.handle, step: "model", carriedTasks: [], at: now)
        try await store.stepFailed(begun.handle, step: "model", reason: "task failed", continuing: false, at: now)
        try await store.finish(begun.handle, status: .failed, reason: "model failed", at: now)

        let r = try await Command.run(binary, [
            "plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c-resume",
            "--resume", "--state-dir", dir.path,
        ])
        #expect(r.status == 0)
        #expect(r.stdout.contains("  9 transform                   skipped: completed by run 1, resuming later\n"))
        #expect(r.stdout.contains(" 10 model                       run · "))

        let none = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--correlation-id", "other", "--resume", "--state-dir", dir.path])
        #expect(none.status == 0)
        #expect(none.stderr.contains("note: no run recorded for other/PDM in the local store \(dir.path); a run starts from the beginning"))
    }

    /// The run flags only change what `--resume` reads; without it they would be ignored, so they are refused.
    @Test func runFlagsWithoutResumeAreAUsageError() async throws {
        for flag in ["--force", "--takeover", "--accept-changes"] {
            let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", flag])
            #expect(r.status == 64, "\(flag): \(r.stderr)")
            #expect(r.stderr.contains("\(flag) previews a rerun: it needs --resume"), "\(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func aRecordAtAStepThePipelineNoLongerHasIsUnusableInput() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-plan-resume-gone-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = LocalFileStateStore(directory: dir)
        let now = Date()
        let begun = try await store.begin(BeginRequest(
            key: RunKey(correlationID: "c-gone", product: "PDM"), date: "2026-11-21", clusterID: "local", s3Prefix: "p",
            snapshotType: "full", owner: RunOwner(host: "h", pid: 1), now: now))
        try await store.stepStarted(begun.handle, step: "renamed-step", carriedTasks: [], at: now)
        try await store.stepFailed(begun.handle, step: "renamed-step", reason: "failed", continuing: false, at: now)

        let r = try await Command.run(binary, ["plan", "pipelines/pdm.pipe", "--correlation-id", "c-gone", "--resume", "--state-dir", dir.path])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr.contains("error: the run record resumes at step 'renamed-step', which this pipeline does not have\n"))
    }
}
