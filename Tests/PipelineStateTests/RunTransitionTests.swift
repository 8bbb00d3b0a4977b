import Foundation
import Testing
@testable import PipelineState

@Suite struct RunTransitionTests {
    let handle = RunHandle(key: key, runID: 3, owner: other)
    let later = t0.addingTimeInterval(5)

    @Test func stepStartedSetsCurrentStepAndCarriedTasks() throws {
        let next = try stored(.inProgress).applying(.stepStarted(step: "views", carriedTasks: ["v/1.sql"]), by: handle, at: later)
        #expect(next.currentStep == "views")
        #expect(next.completedTasks == ["v/1.sql"])
        #expect(next.updatedAt == later)
    }

    @Test func taskCompletedAppendsOnceForTheCurrentStepOnly() throws {
        var record = stored(.inProgress)
        record = try record.applying(.taskCompleted(step: "model", task: "model/b.sql"), by: handle, at: later)
        record = try record.applying(.taskCompleted(step: "model", task: "model/b.sql"), by: handle, at: later)
        record = try record.applying(.taskCompleted(step: "views", task: "v/1.sql"), by: handle, at: later)
        #expect(record.completedTasks == ["model/a.sql", "model/b.sql"])
    }

    @Test func failureIsKeptThroughAlwaysStepsAndFinish() throws {
        var record = stored(.inProgress)
        record = try record.applying(.stepFailed(step: "model", reason: "task model/b.sql failed", continuing: false), by: handle, at: later)
        record = try record.applying(.stepStarted(step: "flush", carriedTasks: []), by: handle, at: later)
        record = try record.applying(.taskCompleted(step: "flush", task: "flush/x"), by: handle, at: later)
        record = try record.applying(.finished(status: .completed, reason: nil), by: handle, at: later)
        #expect(record.status == .failed)
        #expect(record.currentStep == "model")
        #expect(record.completedTasks == ["model/a.sql"])
        #expect(record.failureReason == "task model/b.sql failed")
        #expect(record.leaseExpiresAt == nil)
    }

    @Test func continuingFailureKeepsTheRunGoing() throws {
        let record = try stored(.inProgress).applying(.stepFailed(step: "initial", reason: "x", continuing: true), by: handle, at: later)
        #expect(record.status == .inProgress)
        #expect(record.continuedFailures == ["initial"])
        let done = try record.applying(.finished(status: .completed, reason: nil), by: handle, at: later)
        #expect(done.status == .completed)
    }

    @Test func cancelledRecordsTheReason() throws {
        let record = try stored(.inProgress).applying(.finished(status: .cancelled, reason: "SIGTERM"), by: handle, at: later)
        #expect(record.status == .cancelled)
        #expect(record.failureReason == "SIGTERM")
    }

    @Test func writesFromASupersededHandleAreRefused() {
        let stale = RunHandle(key: key, runID: 2, owner: other)
        #expect(throws: StateError.superseded(key, runID: 2, found: 3)) {
            try stored(.inProgress).applying(.leaseRenewed(until: later), by: stale, at: later)
        }
        let wrongOwner = RunHandle(key: key, runID: 3, owner: me)
        #expect(throws: StateError.superseded(key, runID: 3, found: 3)) {
            try stored(.inProgress).applying(.leaseRenewed(until: later), by: wrongOwner, at: later)
        }
    }
}
