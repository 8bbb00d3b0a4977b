import Foundation
import PipelinePlan
import PipelineState
import Testing
import TestSupport
@testable import PipelineRun

/// Issue 18, item 6: an engine error echoing a bound secret was masked in logs and output but stored raw in
/// `Failure_Reason` (and printed by `status`). Every value is masked before it is stored.
@Suite struct StoredSecretTests {
    static let secret = "canary-\(UUID().uuidString.prefix(8))"
    static let awsKey = "aws-\(UUID().uuidString.prefix(12))"

    /// An action that fails the way a server error does: echoing what it was sent.
    static var echoing: ActionRegistry {
        var actions = ActionRegistry.builtins
        actions.register("echo-error") { _ in
            throw ActionFailure("server said: login as pdm/\(secret) refused (key \(awsKey))")
        }
        return actions
    }

    @Test func aFailureReasonEchoingASecretIsStoredMasked() async throws {
        let sandbox = try Sandbox()
        var p = plan([
            step(0, "load", waves: [[task("load/\(Self.secret).sql")]], resume: .task),
            step(1, "model", waves: [[Plans.action("model/login", "echo-error")]]),
        ], secrets: [Self.secret])
        p.run.s3Prefix = "data/\(Self.secret)/2026-11-21"  // an operator's mistake, stored masked all the same
        let summary = await runner(sandbox, reporter: Recorder(), actions: Self.echoing)
            .run(p, options: sandbox.options(environment: ["AWS_SECRET_ACCESS_KEY": Self.awsKey]))
        #expect(summary.exitCode == .stepFailed)
        let record = try #require(try await sandbox.store.read(key))
        #expect(record.failureReason == "task model/login failed: server said: login as pdm/**** refused (key ****)")
        #expect(record.s3Prefix == "data/****/2026-11-21")
        let file = try String(contentsOf: sandbox.store.recordURL(for: key), encoding: .utf8)
        #expect(!file.contains(Self.secret))
        #expect(!file.contains(Self.awsKey))
        #expect(file.contains("load/****.sql"))  // the task key, in Step_Fingerprints
        #expect(!record.text.contains(Self.secret))  // what `status` prints
    }
}
