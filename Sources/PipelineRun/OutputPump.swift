import Basics
import Foundation
import PipelinePlan
import Synchronization
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Carries a child's stdout and stderr (one pipe) into its log file through `MaskingStream`, so no secret the
/// child prints reaches the disk. A thread of its own (`ThreadReserve`) does the blocking reads (never the
/// cooperative pool).
final class OutputPump: Sendable {
    private let readEnd: Int32
    private let logFD: Int32
    private let state = Mutex<State>(State())

    private struct State {
        /// After the process ended: stop once no writer is left, or at this instant (a daemon keeping the pipe).
        var deadline: ContinuousClock.Instant?
        var done = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Takes ownership of both descriptors.
    init(readEnd: Int32, logFD: Int32, mask: SecretMask) {
        self.readEnd = readEnd
        self.logFD = logFD
        let stream = MaskingStream(mask)
        ThreadReserve.shared.run { [self] in pump(stream) }
    }

    /// Waits until everything written has been logged; gives up `drain` after the call if a writer stays.
    func finish(drain: Duration = .seconds(2)) async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.done { return true }
                state.deadline = ContinuousClock.now + drain
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    private func pump(_ initial: MaskingStream) {
        var stream = initial
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            if let deadline = state.withLock({ $0.deadline }), ContinuousClock.now >= deadline + .milliseconds(500) { break }
            var poller = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&poller, 1, 100)
            if ready < 0, errno == EINTR { continue }
            if ready == 0 {
                if let deadline = state.withLock({ $0.deadline }), ContinuousClock.now >= deadline { break }
                continue
            }
            let n = buffer.withUnsafeMutableBytes { unistdRead(readEnd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR || errno == EAGAIN { continue }
            if n <= 0 { break }
            write(stream.feed(buffer[0..<n]))
        }
        write(stream.finish())
        close(readEnd)
        close(logFD)
        let waiters = state.withLock { state in
            state.done = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private func write(_ bytes: [UInt8]) {
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(logFD, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0, errno == EINTR { continue }
            if n <= 0 { return }
            offset += n
        }
    }
}
