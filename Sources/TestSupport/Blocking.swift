import Basics
import Foundation

/// Runs blocking work (a child's `waitUntilExit`, a pipe read to EOF, a C library call with a timeout) on a
/// thread of its own and suspends the calling task until it is done.
///
/// Why: Swift Testing runs tests in parallel on the cooperative pool, which has one thread per core (two in CI).
/// A test that blocks a pool thread for minutes (beeline, a killed runner's pipes) stalls every other async test
/// in the process. A new thread per call: any number of waiters, and nothing else's threads are taken.
public enum Blocking {
    public static func run<T: Sendable, E: Error>(_ work: @escaping @Sendable () throws(E) -> T) async throws(E) -> T {
        try await OwnThread.run { Result { () throws(E) -> T in try work() } }.get()
    }
}

extension Process {
    /// `waitUntilExit()` without blocking the calling task's thread (see `Blocking`); safe to call after the exit.
    public func waitForExit() async {
        await Blocking.run { self.waitUntilExit() }
    }
}

extension FileHandle {
    /// `readDataToEndOfFile()` without blocking the calling task's thread (see `Blocking`).
    public func readToEndOfFile() async -> Data {
        await Blocking.run { self.readDataToEndOfFile() }
    }
}
