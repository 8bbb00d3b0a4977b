#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// GNU calls Swift's Glibc module does not declare (they need `_GNU_SOURCE`), looked up once at run time.
enum SystemCalls {
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32
    private typealias AddCloseFrom = @convention(c) (UnsafeMutableRawPointer?, Int32) -> Int32
    private typealias AddChdir = @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32

    private static func symbol(_ name: String) -> UnsafeMutableRawPointer? {
        dlsym(UnsafeMutableRawPointer(bitPattern: 0), name)  // RTLD_DEFAULT
    }

    /// A pipe whose both ends are close-on-exec from the start (atomic: no concurrent spawn can inherit them).
    static func pipe() -> (read: Int32, write: Int32)? {
        var fds: [Int32] = [-1, -1]
        if let pipe2 {
            guard fds.withUnsafeMutableBufferPointer({ pipe2($0.baseAddress, O_CLOEXEC) }) == 0 else { return nil }
        } else {
            // Every child closes its descriptors above 2 (swift-subprocess, or a direct spawn's closefrom), so the
            // gap is harmless there.
            guard Glibc.pipe(&fds) == 0 else { return nil }
            _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
            _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        }
        return (fds[0], fds[1])
    }

    // Looked up once (`dlsym` searches every loaded library's symbols, and each task launch makes a pipe).
    // RTLD_DEFAULT finds the C library's own: the release binary's local stand-in for addchdir_np (glibc-compat.c,
    // always ENOSYS) is hidden, never exported.
    private static let pipe2 = symbol("pipe2").map { unsafeBitCast($0, to: Pipe2.self) }
    private static let closeFrom = symbol("posix_spawn_file_actions_addclosefrom_np").map { unsafeBitCast($0, to: AddCloseFrom.self) }
    private static let chdir = symbol("posix_spawn_file_actions_addchdir_np").map { unsafeBitCast($0, to: AddChdir.self) }

    /// Whether `addCloseFrom` and `addChdir` exist in this C library (glibc 2.34 and 2.29).
    static var hasCloseFromAndChdir: Bool { closeFrom != nil && chdir != nil }

    /// `posix_spawn_file_actions_addclosefrom_np` (glibc 2.34); false where it does not exist or failed.
    @discardableResult
    static func addCloseFrom(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ from: Int32) -> Bool {
        closeFrom?(UnsafeMutableRawPointer(actions), from) == 0
    }

    /// `posix_spawn_file_actions_addchdir_np` (glibc 2.29): 0 or an error number (ENOSYS where it does not exist).
    static func addChdir(_ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>, _ path: String) -> Int32 {
        guard let chdir else { return ENOSYS }
        return path.withCString { chdir(UnsafeMutableRawPointer(actions), $0) }
    }

    /// A NULL-terminated array of C strings for an argv or an environment, valid during `body`.
    static func withCStrings<R>(_ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R) -> R {
        let pointers = strings.map { strdup($0) } + [nil]
        defer { pointers.forEach { free($0) } }
        return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
    }
}
