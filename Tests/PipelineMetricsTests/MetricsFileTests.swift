import Foundation
import PipelinePlan
import Synchronization
import Testing

@testable import PipelineMetrics
@testable import PipelineRun

@Suite struct MetricsFileTests {
    /// Hive rewrites its file in a loop (as its reporter does), our session merges and writes its own file in a
    /// loop, and a reader parses that file in a loop: every read is one whole codahale document with Hive's
    /// values and ours, never a partial or doubled one.
    @Test func theMergedFileIsValidAtEveryInstant() async throws {
        let scratch = try Scratch()
        let hive = scratch.root.appendingPathComponent("metrics.json")
        let settings = MetricsSettings(file: hive.path, exportEverySeconds: 1)
        let p = plan([step(1, "model", [[action("a", "sleep")]])], metrics: settings)
        let session = try MetricsSession(settings: settings, plan: p, clusterID: "j-1", store: nil, http: RecordingGateway(), logger: quietLogger)
        session.record(.runStarted(plan: p, runID: 3, resume: nil, logFolder: scratch.root))
        let output = try #require(session.file.output)
        let stop = Locked(false)

        // Hive: a growing document, rewritten through its own temp file and rename, as its reporter does.
        let hiveWriter = BusyThread {
            var n = 0
            while !stop.withLock({ $0 }) {
                n += 1
                let filler = (0..<200).map { "\"g\($0)\":{\"value\":\(n)}" }.joined(separator: ",")
                let text = "{\"version\":\"3.0.0\",\"gauges\":{\"hive_round\":{\"value\":\(n)},\(filler)},\"counters\":{},\"histograms\":{},\"meters\":{},\"timers\":{}}"
                try? MetricsFile.writeAtomically(Data(text.utf8), to: hive)
            }
        }
        let ours = Task {
            while !stop.withLock({ $0 }) {
                await session.exportOnce()
                await Task.yield()
            }
        }
        for _ in 0..<5000 where !FileManager.default.fileExists(atPath: output.path) { try await Task.sleep(for: .milliseconds(1)) }
        try #require(FileManager.default.fileExists(atPath: output.path), "never written: \(output.path)")
        var reads = 0, lastRound = 0.0
        // The reader yields now and then: the pool has as few threads as cores, and our writer needs one.
        var failures: [String] = []
        while reads < 1000 {
            reads += 1
            if reads % 50 == 0 { await Task.yield() }
            let data = try Data(contentsOf: output)
            do {
                let doc = try CodahaleDocument(parsing: data)
                #expect(doc.gauge("pdm_run_id") == 3)
                // Hive's values are its own, and never go back to an older round.
                if let round = doc.gauge("hive_round") {
                    #expect(doc.gauge("g199") == round)
                    #expect(round >= lastRound)
                    lastRound = round
                }
            } catch {
                failures.append("\(error)")
            }
        }
        stop.withLock { $0 = true }
        hiveWriter.join()
        await ours.value
        #expect(failures.isEmpty, "\(failures.count) unreadable reads, first: \(failures.first ?? "")")
        #expect(lastRound > 0)
        // No temp file left behind.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.root.path).filter { $0.hasSuffix(".tmp") }
        #expect(left.isEmpty)
    }

    /// The control for the test above: a writer that writes in place is caught by the same reader.
    @Test func aNonAtomicWriterIsCaughtByTheReader() async throws {
        let scratch = try Scratch()
        let file = scratch.root.appendingPathComponent("m.json")
        let doc = Data(CodahaleDocument().encoded() + Data(repeating: UInt8(ascii: " "), count: 0))
        var big = CodahaleDocument()
        big.merge(gauges: Dictionary(uniqueKeysWithValues: (0..<2000).map { ("g\($0)", Double($0)) }), counters: [:])
        let bytes = big.encoded()
        try doc.write(to: file)
        let stop = Locked(false)
        let writer = BusyThread {
            while !stop.withLock({ $0 }) {
                guard let handle = try? FileHandle(forWritingTo: file) else { continue }
                try? handle.truncate(atOffset: 0)
                try? handle.write(contentsOf: bytes.prefix(bytes.count / 2))
                usleep(50)
                try? handle.write(contentsOf: bytes.suffix(from: bytes.count / 2))
                try? handle.close()
            }
        }
        var caught = 0
        for _ in 0..<20000 where caught == 0 {
            let data = (try? Data(contentsOf: file)) ?? Data()
            if (try? CodahaleDocument(parsing: data)) == nil { caught += 1 }
        }
        stop.withLock { $0 = true }
        writer.join()
        #expect(caught > 0)
    }

    /// Hive's file caught half-written (its own non-atomic write): the last good Hive values are kept.
    @Test func aPartialHiveFileKeepsTheLastGoodValues() throws {
        let scratch = try Scratch()
        let hive = scratch.root.appendingPathComponent("metrics.json")
        let settings = MetricsSettings(file: hive.path)
        let p = plan([], metrics: settings)
        let session = try MetricsSession(settings: settings, plan: p, clusterID: "j-1", store: nil, http: RecordingGateway(), logger: quietLogger)
        try Data(hiveSample.utf8).write(to: hive)
        #expect(session.document().gauge("open_connections") == 3)
        try Data(hiveSample.prefix(60).utf8).write(to: hive)
        let doc = session.document()
        #expect(doc.gauge("open_connections") == 3)
        #expect(doc.gauge("pdm_run_status") == 4)
    }
}

/// Another process's writer, played by a thread of its own: it never waits, so it must not sit on one of the
/// few threads of Swift's cooperative pool.
final class BusyThread: Sendable {
    private let done = DispatchSemaphore(value: 0)

    init(_ body: @escaping @Sendable () -> Void) {
        let done = self.done
        Thread.detachNewThread {
            body()
            done.signal()
        }
    }

    func join() { done.wait() }
}
