#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A regular file's bytes by `open`/`fstat`/`read`, nothing else: planning a run reads every SQL file of the plan
/// (its tables, its fingerprint), and `FileHandle` or `FileManager` cost several times the reading itself.
public enum RegularFile {
    /// The bytes of the regular file at `path`, or nil when it cannot be opened, is not a regular file (a FIFO
    /// would block, a device never end; checked on the opened file, so the checked file is the one read) or
    /// holds more than `maxBytes`.
    public static func read(_ path: String, maxBytes: Int = .max) -> [UInt8]? {
        // O_NONBLOCK: opening a FIFO must not wait for a writer (regular files ignore the flag).
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0, info.st_mode & S_IFMT == S_IFREG, Int(info.st_size) <= maxBytes else { return nil }
        // The size is a hint (the file may grow or shrink meanwhile): read to the end, within the bound.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(max(Int(info.st_size), 0))
        let complete = withUnsafeTemporaryAllocation(byteCount: 65_536, alignment: 1) { buffer -> Bool in
            while true {
                let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
                if n < 0, errno == EINTR { continue }
                guard n >= 0 else { return false }
                if n == 0 { return true }
                guard bytes.count + n <= maxBytes else { return false }
                bytes += UnsafeRawBufferPointer(rebasing: buffer[0..<n])
                // A regular file reads short only at its end: no second call to hear it.
                if n < buffer.count { return true }
            }
        }
        guard complete else { return nil }
        return bytes
    }
}
