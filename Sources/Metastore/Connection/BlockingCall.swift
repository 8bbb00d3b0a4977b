import Basics

/// Runs blocking libmariadb work on a thread of its own, off the cooperative pool, and bridges the result back.
///
/// libmariadb cannot be interrupted: `mysql_real_connect` against a black hole blocks until its connect timeout,
/// and curl's progress-callback trick (`AWS/CurlHTTPClient`) has no equivalent here. So a cancelled Task does not
/// wait for it: `run` returns nil at once and the thread is abandoned. That is safe because the work owns
/// everything it touches: it captures only `Sendable` values (the `ConnectionConfig`, its own copy of the
/// password), creates its `MYSQL*` itself and closes it when the C call finally returns; its result is then
/// dropped. Nothing the caller frees is ever reachable from that thread.
enum BlockingCall {
    /// `work`'s result, or nil when the calling Task was cancelled first (before or while it ran).
    static func run<T: Sendable>(_ work: @escaping @Sendable () -> T) async -> T? {
        await OwnThread.abandonable(work)
    }
}
