import AWS
import Foundation
import Synchronization

@testable import PipelineMetrics

/// Records puts and deletes in order; a put can be held until released, to be in flight when the loop stops.
final class RecordingStore: ObjectStore {
    enum Event: Equatable { case putBegan, putEnded, delete }
    private let state = Mutex<(events: [Event], bodies: [Data], holdNext: Bool, held: CheckedContinuation<Void, Never>?)>(([], [], false, nil))
    /// Fails every call while true (S3 down).
    let failing = Atomic<Bool>(false)

    var events: [Event] { state.withLock { $0.events } }
    var bodies: [Data] { state.withLock { $0.bodies } }

    func holdNextPut() { state.withLock { $0.holdNext = true } }
    var isHolding: Bool { state.withLock { $0.held != nil } }
    func release() { state.withLock { s in s.held?.resume(); s.held = nil } }

    func put(_ body: Data, at location: S3Location) async throws {
        if failing.load(ordering: .relaxed) { throw URLError(.cannotConnectToHost) }
        let hold = state.withLock { s in
            s.events.append(.putBegan)
            defer { s.holdNext = false }
            return s.holdNext
        }
        if hold { await withCheckedContinuation { c in state.withLock { $0.held = c } } }
        state.withLock { s in
            s.events.append(.putEnded)
            s.bodies.append(body)
        }
    }

    func delete(_ location: S3Location) async throws {
        if failing.load(ordering: .relaxed) { throw URLError(.cannotConnectToHost) }
        state.withLock { $0.events.append(.delete) }
    }
}

/// A pushgateway that answers `status` and records what it was sent: "wipe" or "push N".
final class RecordingGateway: HTTPClient {
    private let sent = Mutex<[String]>([])
    let status = Atomic<Int>(200)

    var requests: [String] { sent.withLock { $0 } }

    func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        let what: String
        if request.path == "/api/v1/admin/wipe" {
            what = "wipe"
        } else {
            let text = String(decoding: request.body, as: UTF8.self)
            let sample = text.split(separator: "\n").first { $0.hasPrefix("pdm_status{") } ?? ""
            what = "push " + (sample.split(separator: " ").last.map(String.init) ?? "?")
        }
        sent.withLock { $0.append(what) }
        return HTTPResponse(status: status.load(ordering: .relaxed))
    }
}

/// Sleeps that record what was asked and wait at most `cap`, with a clock that moves on by what was not waited:
/// a 180 s grace is seen, and counts as gone by, without waiting it.
final class RecordingSleeps: Sendable {
    private let asked = Mutex<[Duration]>([])
    private let skipped = Mutex<Double>(0)
    let cap: Duration

    init(cap: Duration = .milliseconds(5)) { self.cap = cap }

    var durations: [Duration] { asked.withLock { $0 } }

    var now: @Sendable () -> Date { { [self] in Date().addingTimeInterval(skipped.withLock { $0 }) } }

    var sleep: @Sendable (Duration) async throws -> Void {
        { [self] duration in
            asked.withLock { $0.append(duration) }
            try await Task.sleep(for: min(duration, cap))
            if duration > cap {
                let extra = duration - cap
                let seconds = Double(extra.components.seconds) + Double(extra.components.attoseconds) / 1e18
                skipped.withLock { $0 += seconds }
            }
        }
    }
}
