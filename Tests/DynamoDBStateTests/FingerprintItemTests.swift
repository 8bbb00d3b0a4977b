import AWS
import DynamoDBState
import Foundation
import PipelineState
import TestSupport
import Testing

/// `Step_Fingerprints` in the item: empty at begin (nothing done yet), a step's added when it completes, read
/// back, and a drift refused before any write.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct FingerprintItemTests {
    typealias Fixture = MotoStateFixture
    let order = ["source", "model"]
    let then: StepFingerprints = ["source": ["source/a.sql": "aaaa"], "model": ["model/m.sql": "mmmm"]]

    @Test func fingerprintsRoundTripAndADriftIsRefusedWithoutAWrite() async throws {
        let fixture = try await Fixture()
        let store = fixture.store()
        var first = fixture.request("c-fp")
        first.fingerprints = then
        first.stepOrder = order
        let handle = try await store.begin(first).handle
        let item = try #require(try await fixture.rawItem("c-fp"))
        #expect(item["Step_Fingerprints"] == .m([:]))
        try await store.stepStarted(handle, step: "source", carriedTasks: [], at: Fixture.now + 5)
        try await store.stepCompleted(handle, step: "source", fingerprints: then["source"]!, at: Fixture.now + 6)
        #expect(try await fixture.rawItem("c-fp")?["Step_Fingerprints"] == .m(["source": .m(["source/a.sql": .s("aaaa")])]))
        try await store.stepStarted(handle, step: "model", carriedTasks: [], at: Fixture.now + 10)
        try await store.stepFailed(handle, step: "model", reason: "m failed", continuing: false, at: Fixture.now + 20)
        try await store.finish(handle, status: .failed, reason: "m failed", at: Fixture.now + 21)
        #expect(try await fixture.store().read(RunKey(correlationID: "c-fp", product: "PDM"))?.fingerprints == ["source": then["source"]!])

        let failedItem = try #require(try await fixture.rawItem("c-fp"))
        var rerun = fixture.request("c-fp", now: Fixture.now + 60)
        rerun.fingerprints = ["source": ["source/a.sql": "edited"], "model": ["model/m.sql": "mmmm"]]
        rerun.stepOrder = order
        await #expect(throws: StateError.self) { try await fixture.store().begin(rerun) }
        #expect(try await fixture.rawItem("c-fp") == failedItem)

        rerun.policy.acceptChanges = true
        let resumed = try await fixture.store().begin(rerun)
        #expect(resumed.record.runID == 2)
        // The step before the resume point counts as done with what it runs now; the failed step is not done.
        #expect(try await fixture.rawItem("c-fp")?["Step_Fingerprints"] == .m(["source": .m(["source/a.sql": .s("edited")])]))
    }
}
