import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// An exclusive `flock` on a lock file next to the record. `flock` locks belong to the open file, so two runners
/// (or two stores in one process) exclude each other, and the kernel drops the lock if a runner dies.
enum RecordFileLock {
    /// Runs `body` holding the lock. Polls with a non-blocking `flock`, so waiting never blocks a thread of the
    /// cooperative pool.
    static func withLock<T>(
        at url: URL, timeout: Duration, _ body: () throws(StateError) -> T
    ) async throws(StateError) -> T {
        // Never through a symlink planted in its place: it would create or lock another file.
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw .unavailable(what: "cannot open lock file", location: url.path, reason: String(cString: strerror(errno)))
        }
        defer { close(fd) }
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let reason = errno
            guard reason == EWOULDBLOCK || reason == EINTR else {
                throw .unavailable(what: "cannot lock", location: url.path, reason: String(cString: strerror(reason)))
            }
            guard clock.now < deadline else {
                throw .unavailable(what: "lock held by another process for \(timeout)", location: url.path, reason: "timed out")
            }
            try? await Task.sleep(for: .milliseconds(5))
        }
        defer { flock(fd, LOCK_UN) }
        return try body()
    }
}
