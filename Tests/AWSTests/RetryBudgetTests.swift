import AWS
import Foundation
import Synchronization
import Testing

/// The time budget of state-store calls: an injected clock that moves only when the retry loop sleeps, so
/// a 30 s outage takes no wall time.
@Suite struct RetryBudgetTests {
    /// A monotonic clock moved by the recorded sleeps.
    final class SimulatedTime: Sendable {
        private let state = Mutex<(now: Double, sleeps: [Double])>((0, []))
        var now: Double { state.withLock { $0.now } }
        var sleeps: [Double] { state.withLock { $0.sleeps } }
        func policy(budget: Double, random: @escaping @Sendable (Double) -> Double = { $0 }) -> AWSRetryPolicy {
            .timeBudget(
                budget, sleep: { seconds in self.state.withLock { $0.now += seconds; $0.sleeps.append(seconds) } },
                random: random, now: { self.now })
        }
    }

    static let throttled = #"{"__type":"com.amazonaws.dynamodb.v20120810#ThrottlingException","message":"Rate exceeded"}"#
    static let key: DynamoDBItem = ["Correlation_Id": .s("c1"), "DataProduct": .s("PDM")]

    @Test func delaysGrowExponentiallyAreCappedAndTheLastOneLandsOnTheBudget() {
        let clock = Mutex(0.0)
        let policy = AWSRetryPolicy.timeBudget(20, random: { $0 }, now: { clock.withLock { $0 } })
        var delays: [Double] = []
        while let delay = policy.nextDelay(afterAttempts: delays.count + 1, startedAt: 0) {
            delays.append(delay)
            clock.withLock { $0 += delay }
        }
        #expect(Array(delays.prefix(9)) == [0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2, 5, 5])
        #expect(delays.allSatisfy { $0 <= 5 })
        #expect(abs(delays.reduce(0, +) - 20) < 1e-9)
    }

    @Test func noAttemptStartsAfterTheBudget() {
        let clock = Mutex(0.0)
        let policy = AWSRetryPolicy.timeBudget(10, random: { $0 }, now: { clock.withLock { $0 } })
        #expect(policy.nextDelay(afterAttempts: 1, startedAt: 0) == 0.05)
        clock.withLock { $0 = 8 }
        #expect(policy.nextDelay(afterAttempts: 12, startedAt: 0) == 2)  // 5 wanted, 2 left: land on the budget
        clock.withLock { $0 = 10 }
        #expect(policy.nextDelay(afterAttempts: 13, startedAt: 0) == nil)
        // Without a budget only the attempts bound (the default policy of other AWS calls).
        let counted = AWSRetryPolicy(maxAttempts: 3, random: { $0 })
        #expect(counted.nextDelay(afterAttempts: 2, startedAt: 0) == 0.1)
        #expect(counted.nextDelay(afterAttempts: 3, startedAt: 0) == nil)
    }

    @Test func aThirtySecondOutageOfMixedFaultsIsRiddenOut() async throws {
        let time = SimulatedTime()
        let kinds: [FaultInjectingServer.Action] = [
            .respond(status: 500, body: #"{"__type":"InternalFailure"}"#), .respond(status: 400, body: Self.throttled), .reset,
        ]
        let count = Mutex(0)
        let server = try FaultInjectingServer { _ in
            let index = count.withLock { value in defer { value += 1 }; return value }
            return time.now < 30 ? kinds[index % kinds.count] : .respond(status: 200, body: #"{"Item":{"Run_Id":{"N":"3"}}}"#)
        }
        defer { server.stop() }
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: time.policy(budget: 45)))
        #expect(try await dynamo.getItem(table: "t", key: Self.key)?["Run_Id"] == .n("3"))
        #expect(time.now >= 30)
        #expect(time.now < 35)  // a retry at most 5 s after the outage ended
        #expect(time.sleeps.allSatisfy { $0 <= 5 })
        #expect(server.requests.count == time.sleeps.count + 1)
    }

    @Test func anOutageLongerThanTheBudgetFailsAtTheBudget() async throws {
        let time = SimulatedTime()
        let server = try FaultInjectingServer { _ in .respond(status: 400, body: Self.throttled) }
        defer { server.stop() }
        let dynamo = DynamoDBClient(configuration: try .test(endpoint: server.url, retry: time.policy(budget: 45)))
        let error = await #expect(throws: AWSError.self) { try await dynamo.getItem(table: "t", key: Self.key) }
        #expect(error?.serviceCode == "ThrottlingException")
        #expect(abs(time.now - 45) < 1e-9)  // the last sleep was shortened to land on the budget
        let attempts = server.requests.count
        #expect(error?.description.hasSuffix("(gave up after \(attempts) attempts)") == true)
    }

    @Test func fullJitterDrawsBelowTheCap() throws {
        let low = AWSRetryPolicy.timeBudget(60, random: { _ in 0 })
        #expect(low.nextDelay(afterAttempts: 5, startedAt: low.now()) == 0)
        let real = AWSRetryPolicy.timeBudget(60)
        for attempt in 1..<30 {
            let delay = try #require(real.nextDelay(afterAttempts: attempt, startedAt: real.now()))
            #expect((0...real.delayCap(retry: attempt - 1)).contains(delay))
        }
    }
}
