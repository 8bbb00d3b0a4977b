import Foundation
import Synchronization
import Testing

@testable import PipelineMetrics

@Suite struct ExportLoopTests {
    /// The original's bug: the loop outlived the final delete. `stop()` waits for an upload in flight and
    /// no upload starts after it returns.
    @Test func stopWaitsForTheUploadInFlightAndNothingRunsAfter() async throws {
        let store = RecordingStore()
        let location = S3Location(bucket: "b", key: "k")
        let loop = ExportLoop(interval: .milliseconds(1), tick: { try? await store.put(Data(), at: location) })
        loop.start()
        while store.events.count < 4 { try await Task.sleep(for: .milliseconds(1)) }
        store.holdNextPut()
        while !store.isHolding { try await Task.sleep(for: .milliseconds(1)) }
        let stopped = Atomic<Bool>(false)
        let stopping = Task {
            await loop.stop()
            stopped.store(true, ordering: .sequentiallyConsistent)
        }
        // While the put is held, stop has not returned.
        for _ in 0..<20 { await Task.yield() }
        try await Task.sleep(for: .milliseconds(20))
        let returnedEarly = stopped.load(ordering: .sequentiallyConsistent)
        #expect(!returnedEarly)
        store.release()
        await stopping.value
        try await store.delete(location)
        let atDelete = store.events
        #expect(atDelete.suffix(2) == [.putEnded, .delete])
        try await Task.sleep(for: .milliseconds(30))
        #expect(store.events == atDelete)
        #expect(!loop.isRunning)
        #expect(!loop.start())  // never again
    }

    @Test func stopBeforeTheFirstTickMeansNoTick() async {
        let ticks = Atomic<Int>(0)
        let loop = ExportLoop(interval: .seconds(60), tick: { ticks.add(1, ordering: .relaxed) })
        await loop.stop()
        #expect(!loop.start())
        #expect(ticks.load(ordering: .relaxed) == 0)
    }

    @Test func stopCutsASleepShort() async {
        let ticks = Atomic<Int>(0)
        let loop = ExportLoop(interval: .seconds(3600), tick: { ticks.add(1, ordering: .relaxed) })
        loop.start()
        while ticks.load(ordering: .relaxed) == 0 { await Task.yield() }
        await loop.stop()  // returns although the next tick is an hour away
        #expect(ticks.load(ordering: .relaxed) == 1)
    }
}
