import Foundation
import PipelineState
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A run's private folder on this host, one per (state store, correlation id, product) and not per run, so the
/// next run of the same key finds what a dead runner left:
///
///     <base>/.pdm-run/<correlation id>__<product>-<key>/     0700
///         groups             "start <pgid> <start time>" / "end <pgid>" lines: the process group of each task
///                            while it runs (appended, so a task costs no file of its own; cleared when none is left)
///         private/*.hql      the 0600 scripts that carry secrets (removed when the attempt ends)
///         watchdog.log       what a watchdog did after its runner died
///
/// `key` (also every task's `PDM_RUN_KEY`) is a hash of the store, the correlation id and the product, so
/// processes of this run are recognised in `/proc` even if an earlier runner used another `--log-dir`.
public struct RunStateFolder: Sendable, Hashable {
    public let root: URL
    public let key: String

    /// `groups`'s path, kept: it is appended to twice per task.
    private let groupsPath: String

    public init(root: URL, key: String) {
        self.root = root
        self.key = key
        self.groupsPath = root.appendingPathComponent("groups", isDirectory: false).path
    }

    /// Without a `scope` (a store's identity), the folder's base stands in for it.
    public init(base: URL, run: RunKey, scope: String) {
        let scope = scope.isEmpty ? "folder:" + base.standardizedFileURL.path : scope
        let key = Self.hash("\(scope)\u{0}\(run.correlationID)\u{0}\(run.product)")
        let name = "\(LogFolder.slug(run.correlationID))__\(LogFolder.slug(run.product))-\(key)"
        self.init(root: base.appendingPathComponent(".pdm-run").appendingPathComponent(name), key: key)
    }

    var groups: URL { URL(fileURLWithPath: groupsPath, isDirectory: false) }
    public var scripts: URL { root.appendingPathComponent("private", isDirectory: true) }
    var watchdogLog: URL { root.appendingPathComponent("watchdog.log", isDirectory: false) }

    /// Creates the folders (0700, owned by us, no symlinks) or makes existing ones so; refuses a folder it cannot trust.
    public func prepare() throws(RunError) {
        for folder in [root.deletingLastPathComponent(), root, scripts] {
            try PrivateFiles.makeFolder(folder)
        }
    }

    // MARK: Task process groups

    /// Called right after a task's process starts (it leads its own group).
    public func recordGroup(_ pgid: pid_t) {
        guard let stat = ProcessTable.stat(pgid) else { return }
        append("start \(pgid) \(stat.startTime)\n")
    }

    public func forgetGroup(_ pgid: pid_t) {
        append("end \(pgid)\n")
    }

    /// Groups started and not yet ended, with the start time their leader had, in the order they started. A line
    /// torn by a kill does not parse and is skipped: the reaper's scan of `/proc` still finds those processes.
    func recordedGroups() -> [(pgid: pid_t, startTime: UInt64)] {
        guard let text = try? String(contentsOf: groups, encoding: .utf8) else { return [] }
        var order: [pid_t] = []
        var starts: [pid_t: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            switch (parts.first, parts.count) {
            case ("start", 3):
                guard let pgid = pid_t(parts[1]), pgid > 1, let start = UInt64(parts[2]) else { continue }
                if starts.updateValue(start, forKey: pgid) == nil { order.append(pgid) }
            case ("end", 2):
                guard let pgid = pid_t(parts[1]) else { continue }
                starts[pgid] = nil
            default:
                continue
            }
        }
        var seen: Set<pid_t> = []
        return order.compactMap { pgid in seen.insert(pgid).inserted ? starts[pgid].map { (pgid, $0) } : nil }
    }

    func forgetAllGroups() {
        unlink(groupsPath)
    }

    /// One line per write (O_APPEND): the runner's threads append concurrently and no line splits another.
    private func append(_ line: String) {
        let fd = open(groupsPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        _ = Array(line.utf8).withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    // MARK: Private scripts

    /// Removes every private script (leftovers of a runner that died, or of this run when it ends).
    public func removeScripts() {
        for name in (try? FileManager.default.contentsOfDirectory(atPath: scripts.path)) ?? [] {
            unlink(scripts.appendingPathComponent(name).path)
        }
    }

    func log(_ line: String) {
        let fd = open(watchdogLog.path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        let bytes = Array("\(Date().formatted(.iso8601)) \(line)\n".utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// FNV-1a, 64 bits, hex: an identity for folder names and `PDM_RUN_KEY`, not a security measure.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
