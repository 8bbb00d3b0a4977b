import Foundation

/// An open file that only grows, one `write(2)` per line: nothing is buffered in the process, so a runner killed
/// at any instant leaves every line it wrote whole, and at most the line being written cut off.
/// Owns its descriptor and closes it when released.
final class AppendOnlyFile: Sendable {
    private let descriptor: Int32
    let path: String

    /// Opens (or creates) `path` for appending, mode 0640 like the task logs; never through a symlink.
    init(path: String, mode: mode_t = 0o640) throws(ReportError) {
        let fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, mode)
        guard fd >= 0 else { throw .cannotWrite(path: path, reason: String(cString: strerror(errno))) }
        descriptor = fd
        self.path = path
    }

    deinit { close(descriptor) }

    /// Appends `text` whole (retrying short writes and EINTR).
    func append(_ text: String) throws(ReportError) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
            }
            bytes = bytes.dropFirst(written)
        }
    }
}
