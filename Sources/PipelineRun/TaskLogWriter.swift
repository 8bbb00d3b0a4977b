import Foundation
import PipelinePlan
import Synchronization

/// A task's log file held open for one attempt of work that runs inside the runner (the native engine writes a
/// line per result row: opening and closing the file for each cost more than the row). Lines are masked as
/// they are written; after `close`, later lines are dropped rather than written to a reused descriptor.
final class TaskLogWriter: Sendable {
    private let descriptor: Mutex<Int32?>
    private let mask: SecretMask

    /// Opens `url` for appending (created 0640, never through a symlink); nil when it cannot be opened.
    init?(_ url: URL, mask: SecretMask) {
        let fd = LogFolder.openForAppending(url)
        guard fd >= 0 else { return nil }
        descriptor = Mutex(fd)
        self.mask = mask
    }

    func append(_ line: String) {
        let bytes = Array((mask.apply(line) + "\n").utf8)
        descriptor.withLock { fd in
            guard let fd else { return }
            var offset = 0
            while offset < bytes.count {
                let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0, errno == EINTR { continue }
                guard n > 0 else { return }
                offset += n
            }
        }
    }

    func close() {
        descriptor.withLock { fd in
            if let open = fd { closeDescriptor(open) }
            fd = nil
        }
    }

    deinit { close() }
}

/// At file scope, where `close` is the C call and not the method above.
private func closeDescriptor(_ fd: Int32) { _ = close(fd) }
