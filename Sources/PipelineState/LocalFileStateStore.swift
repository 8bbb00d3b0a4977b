import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The embedded default store: one JSON file per (correlation id, product) in a folder (`.pdm-state/` unless
/// `--state-dir` says otherwise).
///
/// Every operation holds an exclusive `flock` on `<record>.lock` across read-modify-write, so two runners on one
/// machine are serialised; the record is replaced atomically (temp file, fsync, rename, fsync of the folder), so a
/// crash leaves the old or the new record, never half of one.
///
/// Private: the folder is made 0700 whatever the umask (an existing one of ours is narrowed to it), records and
/// lock files are 0600, and no file is ever opened through a symlink (`RecordFile`, `RecordFileLock`).
public struct LocalFileStateStore: StateStore {
    public let directory: URL
    /// How long to wait for another process's lock before reporting the store unavailable.
    public var lockTimeout: Duration

    public init(directory: URL, lockTimeout: Duration = .seconds(30)) {
        self.directory = directory
        self.lockTimeout = lockTimeout
    }

    /// The record's file: the key's parts percent-encoded, so any correlation id is a safe file name.
    public func recordURL(for key: RunKey) -> URL {
        directory.appendingPathComponent("\(Self.fileSafe(key.correlationID))__\(Self.fileSafe(key.product)).json")
    }

    public func begin(_ request: BeginRequest) async throws(StateError) -> BeginOutcome {
        try await withRecord(request.key) { existing throws(StateError) in
            let outcome = try BeginDecision.decide(existing: existing, request: request)
            return (outcome.record, outcome)
        }
    }

    public func read(_ key: RunKey) async throws(StateError) -> RunRecord? {
        // No folder yet: no record (and no lock file to create in a folder that may not be ours to create).
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            return nil
        }
        return try await RecordFileLock.withLock(at: lockURL(for: key), timeout: lockTimeout) { () throws(StateError) in
            try RecordFile.read(recordURL(for: key))
        }
    }

    public func apply(_ transitions: [RunTransition], to handle: RunHandle, at now: Date) async throws(StateError) {
        try await withRecord(handle.key) { existing throws(StateError) in
            guard let existing else { throw .superseded(handle.key, runID: handle.runID, found: nil) }
            return (try existing.applying(transitions, by: handle, at: now), ())
        }
    }

    /// Read, decide, write, all under the record's lock.
    private func withRecord<T>(
        _ key: RunKey, _ body: (RunRecord?) throws(StateError) -> (RunRecord, T)
    ) async throws(StateError) -> T {
        try createDirectory()
        let url = recordURL(for: key)
        return try await RecordFileLock.withLock(at: lockURL(for: key), timeout: lockTimeout) { () throws(StateError) in
            let (record, result) = try body(try RecordFile.read(url))
            try RecordFile.replace(url, with: record)
            return result
        }
    }

    private func lockURL(for key: RunKey) -> URL {
        recordURL(for: key).appendingPathExtension("lock")
    }

    /// The folder, 0700 whatever the umask: `mkdir` applies the umask, so the mode is set explicitly, and a
    /// folder of ours left wider by an earlier version is narrowed. Parent folders are made as usual.
    private func createDirectory() throws(StateError) {
        let path = directory.path
        func fail(_ what: String, _ reason: String) -> StateError { .unavailable(what: what, location: path, reason: reason) }
        do {
            try FileManager.default.createDirectory(at: directory.deletingLastPathComponent(), withIntermediateDirectories: true)
        } catch {
            throw fail("cannot create state folder", "\(error.localizedDescription)")
        }
        if mkdir(path, 0o700) != 0, errno != EEXIST { throw fail("cannot create state folder", String(cString: strerror(errno))) }
        var info = stat()
        guard stat(path, &info) == 0 else { throw fail("cannot use state folder", String(cString: strerror(errno))) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw fail("cannot use state folder", "not a folder") }
        // Someone else's folder (a shared mount set up by an administrator) keeps its mode.
        if info.st_uid == geteuid(), info.st_mode & 0o777 != 0o700, chmod(path, 0o700) != 0 {
            throw fail("cannot make state folder private", String(cString: strerror(errno)))
        }
    }

    static func fileSafe(_ part: String) -> String {
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-.")
        let encoded = part.addingPercentEncoding(withAllowedCharacters: allowed) ?? part
        // A leading dot would hide the file; "." and ".." would escape the folder.
        return encoded.hasPrefix(".") ? "%2E" + encoded.dropFirst() : encoded
    }
}
