import Foundation
import Testing
import TestSupport

/// `run` and `plan --resume` refuse a resume over a step that changed since the failed run (exit 3, naming it).
@Suite struct DriftCommandTests {
    @Test func anEditedFileBeforeTheResumePointIsRefusedUntilAccepted() async throws {
        let cli = try CLI()
        let copy = cli.folder.appendingPathComponent("pipeline")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Tests/Fixtures/run"), to: copy)
        let pipeline = copy.appendingPathComponent("stub.pipe").path
        let failed = try await cli.run(cli.runArguments(pipeline: pipeline), environment: ["STUB_FAIL": "b.2"])
        #expect(failed.status == 1)

        // The fix deployed in the failed step is fine; an edit of the step before it is not.
        try "select 'fixed';\n".write(to: copy.appendingPathComponent("sql/model/b.2.sql"), atomically: true, encoding: .utf8)
        let preview = try await cli.run(["plan", pipeline, "--correlation-id", "c1", "--resume"])
        #expect(preview.status == 0, "\(preview.stderr)")
        try "create table edited (x int);\n".write(to: copy.appendingPathComponent("sql/create.sql"), atomically: true, encoding: .utf8)

        let message = "steps before the resume point changed since run 1: step 'create': create/create.sql changed; rerun them with --from STEP, or resume anyway with --accept-changes"
        let planned = try await cli.run(["plan", pipeline, "--correlation-id", "c1", "--resume"])
        #expect(planned.status == 3)
        #expect(planned.stderr.contains(message))
        try FileManager.default.removeItem(at: cli.record)
        let refused = try await cli.run(cli.runArguments(pipeline: pipeline))
        #expect(refused.status == 3)
        #expect(refused.stderr.contains(message))
        #expect(try cli.started() == [])
        let status = try await cli.run(["status", "--correlation-id", "c1"])
        #expect(status.stdout.contains("Run_Id                        1\nStatus                        FAILED\nCurrentStep                   model\n"))

        let accepted = try await cli.run(cli.runArguments(["--accept-changes"], pipeline: pipeline))
        #expect(accepted.status == 0, "\(accepted.stderr)")
        #expect(accepted.stderr.contains("resuming run 1 at step 'model'"))
        #expect(!(try cli.started()).contains { $0.hasPrefix("create/") })
    }
}
