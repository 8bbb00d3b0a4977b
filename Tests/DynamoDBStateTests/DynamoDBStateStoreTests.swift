import AWS
import DynamoDBState
import Foundation
import PipelineState
import TestSupport
import Testing

/// The DynamoDB store on moto in auth mode: item format, begin/resume/complete, conflicts, races.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct DynamoDBStateStoreTests {
    typealias Fixture = MotoStateFixture

    @Test func beginWritesTheOriginalItemFormat() async throws {
        let fixture = try await Fixture()
        let outcome = try await fixture.store().begin(fixture.request("c-format"))
        #expect(outcome.start == .fresh)
        #expect(outcome.record.runID == 1)
        let item = try #require(try await fixture.rawItem("c-format"))
        #expect(item["Correlation_Id"] == .s("c-format"))
        #expect(item["DataProduct"] == .s("PDM"))
        #expect(item["Date"] == .s("2026-11-21"))
        #expect(item["Run_Id"] == .n("1"))
        #expect(item["Status"] == .s("IN_PROGRESS"))
        #expect(item["Cluster_Id"] == .s("j-1ABCDEF"))
        #expect(item["S3_Prefix_Analytical_DataSet"] == .s("data/uc/2026-11-21"))
        #expect(item["Snapshot_Type"] == .s("full"))
        #expect(item["TimeToExist"] == .n("1800604800"))  // epoch SECONDS, now + 7 days
        #expect(item["CurrentStep"] == nil)
        #expect(item["Lease_Expires_At"] == .n("1800000300.000"))
        #expect(item["Owner"] == .m(["Host": .s("ip-10-0-0-1"), "Pid": .n("4242")]))

        // A checkpoint writes only what changed, and renews TimeToExist from its own time.
        let store = fixture.store()
        let handle = try await store.begin(fixture.request("c-format", now: Fixture.now + 400, takeover: true)).handle
        try await store.stepStarted(handle, step: "source", carriedTasks: ["x.sql"], at: Fixture.now + 500)
        let later = try #require(try await fixture.rawItem("c-format"))
        #expect(later["TimeToExist"] == .n("1800605300"))
        #expect(later["CurrentStep"] == .s("source"))
        #expect(later["Completed_Tasks"] == .l([.s("x.sql")]))
        #expect(later["Run_Id"] == .n("2"))
        #expect(later["Date"] == .s("2026-11-21"))
    }

    @Test func failResumeCompleteAndRefuseAfterCompleted() async throws {
        let fixture = try await Fixture()
        let first = fixture.store()
        let handle = try await first.begin(fixture.request("c-cycle")).handle
        try await first.stepStarted(handle, step: "source", carriedTasks: [], at: Fixture.now + 10)
        try await first.taskCompleted(handle, step: "source", task: "a.sql", at: Fixture.now + 20)
        try await first.stepFailed(handle, step: "source", reason: "b.sql exited 10", continuing: false, at: Fixture.now + 30)
        try await first.finish(handle, status: .failed, reason: "b.sql exited 10", at: Fixture.now + 31)
        var item = try #require(try await fixture.rawItem("c-cycle"))
        #expect(item["Status"] == .s("FAILED"))
        #expect(item["CurrentStep"] == .s("source"))
        #expect(item["Failure_Reason"] == .s("b.sql exited 10"))
        #expect(item["Completed_Tasks"] == .l([.s("a.sql")]))

        let second = fixture.store()
        let resumed = try await second.begin(fixture.request("c-cycle", now: Fixture.now + 60))
        #expect(resumed.start == .resumed(step: "source", completedTasks: ["a.sql"], previousRunID: 1, previousStatus: .failed))
        #expect(resumed.record.runID == 2)
        item = try #require(try await fixture.rawItem("c-cycle"))
        #expect(item["Run_Id"] == .n("2"))
        #expect(item["Status"] == .s("IN_PROGRESS"))
        #expect(item["Failure_Reason"] == nil)

        try await second.stepStarted(resumed.handle, step: "source", carriedTasks: ["a.sql"], at: Fixture.now + 61)
        try await second.finish(resumed.handle, status: .completed, reason: nil, at: Fixture.now + 90)
        let record = try #require(try await fixture.store().read(RunKey(correlationID: "c-cycle", product: "PDM")))
        #expect(record.status == .completed)
        #expect(record.runID == 2)
        #expect(record.currentStep == "source")
        #expect(record.leaseExpiresAt == nil)

        await #expect(throws: StateError.alreadyCompleted(RunKey(correlationID: "c-cycle", product: "PDM"), runID: 2)) {
            try await fixture.store().begin(fixture.request("c-cycle", now: Fixture.now + 100))
        }
        let forced = try await fixture.store().begin(fixture.request("c-cycle", now: Fixture.now + 100, force: true))
        #expect(forced.start == .restartedAfterForce(previousRunID: 2))
        #expect(forced.record.runID == 3)
    }

    @Test func aLiveRunIsRefusedAnExpiredLeaseIsTakenOverAndTheOldRunnerIsFenced() async throws {
        let fixture = try await Fixture()
        let key = RunKey(correlationID: "c-lease", product: "PDM")
        let old = fixture.store()
        let oldHandle = try await old.begin(fixture.request("c-lease")).handle
        try await old.stepStarted(oldHandle, step: "transform", carriedTasks: [], at: Fixture.now + 1)
        try await old.renewLease(oldHandle, until: Fixture.now + 400, at: Fixture.now + 100)

        let other = RunOwner(host: "ip-10-0-0-2", pid: 7)
        await #expect(throws: StateError.inProgressElsewhere(key, runID: 1, owner: Fixture.owner, leaseExpiresAt: Fixture.now + 400)) {
            try await fixture.store().begin(fixture.request("c-lease", owner: other, now: Fixture.now + 399))
        }
        let taker = fixture.store()
        let taken = try await taker.begin(fixture.request("c-lease", owner: other, now: Fixture.now + 401))
        #expect(taken.record.runID == 2)
        #expect(taken.start == .resumed(step: "transform", completedTasks: [], previousRunID: 1, previousStatus: .inProgress))

        await #expect(throws: StateError.superseded(key, runID: 1, found: 2)) {
            try await old.stepStarted(oldHandle, step: "model", carriedTasks: [], at: Fixture.now + 402)
        }
        #expect(try await fixture.rawItem("c-lease")?["CurrentStep"] == .s("transform"))  // not "model"
    }

    @Test func concurrentCheckpointsOfOneRunnerAreAllKept() async throws {
        let fixture = try await Fixture()
        let store = fixture.store()
        let handle = try await store.begin(fixture.request("c-tasks")).handle
        try await store.stepStarted(handle, step: "source", carriedTasks: [], at: Fixture.now)
        // A wave of 30 fast tasks: a lease renewal before each launch and a checkpoint after each, all at once
        // (10 version retries each would not be enough if they raced each other).
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                group.addTask { try await store.renewLease(handle, until: Fixture.now + 600, at: Fixture.now + 1) }
                group.addTask { try await store.taskCompleted(handle, step: "source", task: "t\(index).sql", at: Fixture.now + 1) }
            }
            try await group.waitForAll()
        }
        let record = try #require(try await fixture.store().read(handle.key))
        #expect(Set(record.completedTasks) == Set((0..<30).map { "t\($0).sql" }))
    }

    /// Two runners begin one correlation id at the same moment, 20 times (fresh and resuming): exactly one wins.
    @Test func racingRunnersExactlyOneWinsEachTrial() async throws {
        let fixture = try await Fixture()
        for trial in 0..<20 {
            let id = "c-race-\(trial)"
            if trial.isMultiple(of: 2) {  // a failed run both want to resume
                let setup = fixture.store()
                let handle = try await setup.begin(fixture.request(id)).handle
                try await setup.finish(handle, status: .failed, reason: "x", at: Fixture.now)
            }
            let runners = [RunOwner(host: "a", pid: 1), RunOwner(host: "b", pid: 2)]
            let results = await withTaskGroup(of: Result<BeginOutcome, StateError>.self) { group in
                for owner in runners {
                    let store = fixture.store()
                    let request = fixture.request(id, owner: owner, now: Fixture.now + 10)
                    group.addTask {
                        do throws(StateError) { return .success(try await store.begin(request)) } catch { return .failure(error) }
                    }
                }
                return await group.reduce(into: []) { $0.append($1) }
            }
            let winners = results.compactMap { try? $0.get() }
            #expect(winners.count == 1, "trial \(trial)")
            for case .failure(let error) in results {
                switch error {
                case .superseded, .inProgressElsewhere: break
                default: Issue.record("trial \(trial): unexpected \(error)")
                }
            }
            let stored = try #require(try await fixture.store().read(RunKey(correlationID: id, product: "PDM")))
            #expect(stored.owner == winners.first?.record.owner)
            #expect(stored.runID == (trial.isMultiple(of: 2) ? 2 : 1))
        }
    }

    @Test func anItemOfTheOriginalSystemIsResumed() async throws {
        let fixture = try await Fixture()
        let original: DynamoDBItem = [
            "Correlation_Id": .s("c-legacy"), "DataProduct": .s("PDM"), "Date": .s("2026-11-20"), "Run_Id": .n("1"),
            "Status": .s("FAILED"), "CurrentStep": .s("model"), "Cluster_Id": .s("j-OLD"),
            "S3_Prefix_Analytical_DataSet": .s("data/uc/2026-11-20"), "Snapshot_Type": .s("full"),
            "TimeToExist": .n("1800000000000"),
        ]
        try await fixture.dynamo.putItem(table: fixture.table, item: original)
        let outcome = try await fixture.store().begin(fixture.request("c-legacy"))
        #expect(outcome.start == .resumed(step: "model", completedTasks: [], previousRunID: 1, previousStatus: .failed))
        #expect(try await fixture.rawItem("c-legacy")?["TimeToExist"] == .n("1800604800"))
    }

    @Test func aReadErrorStopsBeginInsteadOfLookingLikeNoItem() async throws {
        let fixture = try await Fixture()
        let store = DynamoDBStateStore(client: fixture.dynamo, table: "no-such-table")
        let error = await #expect(throws: StateError.self) { try await store.begin(fixture.request("c-missing")) }
        guard case .unavailable(let what, let location, let reason) = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
        #expect(what == "cannot read run record")
        #expect(location == "c-missing/PDM in DynamoDB table no-such-table")
        #expect(reason.hasPrefix("GetItem at \(fixture.url): ResourceNotFoundException (HTTP 400)"))
    }

    @Test func stateTableInitIsIdempotentAndEnablesTTL() async throws {
        let fixture = try await Fixture()
        #expect(try await StateTable(client: fixture.dynamo, name: fixture.table).initialize() == .alreadyExisted)
        #expect(try await fixture.dynamo.timeToLiveAttribute(table: fixture.table) == "TimeToExist")
    }
}
