import Basics
import Foundation
import Synchronization
import Testing

/// `ThreadReserve` gives every job a thread of its own at once (a job may block for as long as a child runs) and
/// reuses threads that are done, ending them after their idle time.
@Suite struct ThreadReserveTests {
    /// 64 jobs that each wait until all 64 have started: any job queued behind another would never start.
    @Test func everyJobRunsAtOnceOnAThreadOfItsOwn() async {
        let reserve = ThreadReserve(idleSeconds: 1)
        let count = 64
        let started = Mutex(0)
        let allStarted = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        let threads = Mutex(Set<UInt>())
        for _ in 0..<count {
            reserve.run {
                threads.withLock { _ = $0.insert(UInt(pthread_self())) }
                if started.withLock({ $0 += 1; return $0 }) == count { allStarted.signal() }
                // Blocks until the last job has started.
                while started.withLock({ $0 }) < count { usleep(1000) }
                finished.signal()
            }
        }
        #expect(allStarted.wait(timeout: .now() + 20) == .success, "only \(started.withLock { $0 }) of \(count) started")
        for _ in 0..<count { _ = finished.wait(timeout: .now() + 20) }
        #expect(threads.withLock { $0.count } == count)
    }

    @Test func aFinishedThreadTakesTheNextJobAndEndsWhenIdleLongEnough() async throws {
        let reserve = ThreadReserve(idleSeconds: 0.3)
        let threads = Mutex<[pthread_t]>([])
        for _ in 0..<20 {
            let done = DispatchSemaphore(value: 0)
            reserve.run {
                threads.withLock { $0.append(pthread_self()) }
                done.signal()
            }
            #expect(done.wait(timeout: .now() + 10) == .success)
            // The thread is back in the reserve before the next job is handed out.
            let deadline = Date().addingTimeInterval(5)
            while reserve.idleCount == 0, Date() < deadline { usleep(500) }
        }
        #expect(Set(threads.withLock { $0.map { UInt($0) } }).count == 1)
        let deadline = Date().addingTimeInterval(10)
        while reserve.idleCount > 0, Date() < deadline { usleep(10_000) }
        #expect(reserve.idleCount == 0)
        // And a job after that gets a new thread.
        let done = DispatchSemaphore(value: 0)
        reserve.run { done.signal() }
        #expect(done.wait(timeout: .now() + 10) == .success)
    }
}
