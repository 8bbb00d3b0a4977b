import Basics
import Foundation
import Synchronization
import Testing

/// The one bridge from threads, futures and abandoned tasks to async code: delivered once, never resumed twice,
/// a cancelled waiter returns at once.
@Suite(.timeLimit(.minutes(1))) struct OneShotTests {
    @Test func theFirstDeliveryWinsWhetherTheWaiterCameFirstOrNot() async {
        let early = OneShot<Int>()
        #expect(early.deliver(1))
        #expect(!early.deliver(2))
        #expect(await early.value() == 1)

        let late = OneShot<Int>()
        async let waited = late.value()
        try? await Task.sleep(for: .milliseconds(20))
        #expect(late.deliver(3))
        #expect(!late.deliver(4))
        #expect(await waited == 3)
        #expect(late.isDelivered)
    }

    /// Many deliverers racing one waiter: exactly one is accepted, and the waiter gets its value.
    @Test func racingDeliverersAcceptExactlyOne() async {
        for _ in 0..<200 {
            let shot = OneShot<Int>()
            let accepted = Shared<[Int]>([])
            await withTaskGroup(of: Void.self) { group in
                group.addTask { _ = await shot.value() }
                for n in 0..<8 {
                    group.addTask { if shot.deliver(n) { accepted.lock.withLock { $0.append(n) } } }
                }
            }
            let winners = accepted.lock.withLock { $0 }
            #expect(winners.count == 1)
            #expect(await shot.value() == winners.first)
        }
    }

    /// Sixteen calls that each block until all sixteen have started: on the cooperative pool (a thread per core)
    /// they would never all start; each on a thread of its own, they do.
    @Test func ownThreadRunsBlockingWorkOffThePool() async {
        let started = Shared(0)
        let all = 16
        let met = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<all {
                group.addTask {
                    await OwnThread.run { () -> Bool in
                        started.lock.withLock { $0 += 1 }
                        let deadline = Date().addingTimeInterval(10)
                        while started.lock.withLock({ $0 }) < all, Date() < deadline { usleep(1_000) }
                        return started.lock.withLock { $0 } == all
                    }
                }
            }
            return await group.reduce(true) { $0 && $1 }
        }
        #expect(met)
    }

    /// A cancelled caller gets nil at once, long before the blocked work returns; an already-cancelled caller
    /// never starts the work.
    @Test func abandonableReturnsAtOnceWhenCancelled() async {
        let started = Shared(0)
        let release = OneShot<Void>()
        let waiter = Task {
            await OwnThread.abandonable { () -> Int in
                started.lock.withLock { $0 += 1 }
                while !release.isDelivered { usleep(1_000) }
                return 1
            }
        }
        while started.lock.withLock({ $0 }) == 0 { try? await Task.sleep(for: .milliseconds(5)) }
        let clock = ContinuousClock()
        let begun = clock.now
        waiter.cancel()
        #expect(await waiter.value == nil)
        #expect(clock.now - begun < .seconds(2))
        release.deliver(())

        let never = Shared(false)
        let cancelledFirst = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await OwnThread.abandonable { never.lock.withLock { $0 = true }; return 1 }
        }
        #expect(await cancelledFirst.value == nil)
        try? await Task.sleep(for: .milliseconds(50))
        #expect(!never.lock.withLock { $0 })
    }

    @Test func durationsInSeconds() {
        #expect(Duration.seconds(3).inSeconds == 3)
        #expect(Duration.milliseconds(1_500).inSeconds == 1.5)
        #expect(Duration.nanoseconds(1).inSeconds == 1e-9)
        #expect((Duration.seconds(-2)).inSeconds == -2)
    }
}

/// A mutex closures can share (a `Mutex` itself cannot be captured by an escaping closure).
private final class Shared<T: Sendable>: Sendable {
    let lock: Mutex<T>
    init(_ value: T) { lock = Mutex(value) }
}
