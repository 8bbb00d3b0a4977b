import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files only we may read, private from their first byte: created 0600 with `O_CREAT|O_EXCL|O_NOFOLLOW` (never
/// created wider and narrowed later, never through a symlink), in folders that are 0700 and ours.
public enum PrivateFiles {
    /// Creates `url` (mode 0600, must not exist yet) and writes `data`; on any failure nothing is left behind.
    /// `replacing` unlinks an existing file first (never follows it).
    public static func write(_ data: Data, to url: URL, replacing: Bool = false) throws(RunError) {
        if replacing { unlink(url.path) }
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw .privateFileUnusable(path: url.path, reason: String(cString: strerror(errno))) }
        var written = 0
        let ok = data.withUnsafeBytes { raw -> Bool in
            while written < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + written, raw.count - written)
                if n < 0, errno == EINTR { continue }
                if n <= 0 { return false }
                written += n
            }
            return true
        }
        let reason = String(cString: strerror(errno))
        close(fd)
        guard ok || data.isEmpty else {
            unlink(url.path)
            throw .privateFileUnusable(path: url.path, reason: reason)
        }
    }

    /// Creates `url` with mode 0700, or checks that an existing one is a real folder owned by us and makes it 0700.
    public static func makeFolder(_ url: URL, mode: mode_t = 0o700) throws(RunError) {
        let path = url.path
        if mkdir(path, mode) != 0, errno != EEXIST {
            if errno == ENOENT {
                try makeFolder(url.deletingLastPathComponent(), mode: mode)
                return try makeFolder(url, mode: mode)
            }
            throw .privateFileUnusable(path: path, reason: String(cString: strerror(errno)))
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { throw .privateFileUnusable(path: path, reason: String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .privateFileUnusable(path: path, reason: "not a folder (a symlink?)") }
        guard info.st_uid == getuid() else { throw .privateFileUnusable(path: path, reason: "owned by uid \(info.st_uid), not by us (\(getuid()))") }
        if info.st_mode & 0o777 != mode, chmod(path, mode) != 0 {
            throw .privateFileUnusable(path: path, reason: String(cString: strerror(errno)))
        }
    }
}
