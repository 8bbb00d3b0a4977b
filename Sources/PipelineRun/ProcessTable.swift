import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads Linux's process table (`/proc`): enough to tell a live task of ours from a stranger that reuses its pid.
/// Elsewhere every lookup finds nothing, so nothing is ever signalled by mistake.
enum ProcessTable {
    struct Stat: Sendable, Hashable {
        var pid: pid_t
        var state: Character
        var processGroup: pid_t
        /// Clock ticks after boot (field 22): with the pid, a process's identity (pids are reused, this pair is not).
        var startTime: UInt64

        /// A zombie or a dead process does nothing any more (a container may have nobody to reap it).
        var isAlive: Bool { state != "Z" && state != "X" && state != "x" }
    }

    static func stat(_ pid: pid_t) -> Stat? {
        guard let text = read("/proc/\(pid)/stat").map({ String(decoding: $0, as: UTF8.self) }),
            let close = text.lastIndex(of: ")")
        else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime priority nice threads itrealvalue starttime ...
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 19, let state = fields[0].first, let group = pid_t(fields[2]), let start = UInt64(fields[19]) else {
            return nil
        }
        return Stat(pid: pid, state: state, processGroup: group, startTime: start)
    }

    static func isAlive(_ pid: pid_t) -> Bool { stat(pid)?.isAlive ?? false }

    /// The environment the process was started with, as `NAME=value` entries; nil when unreadable (not ours).
    static func environment(_ pid: pid_t) -> [Substring]? {
        read("/proc/\(pid)/environ").map { String(decoding: $0, as: UTF8.self).split(separator: "\0") }
    }

    static func arguments(_ pid: pid_t) -> [Substring]? {
        read("/proc/\(pid)/cmdline").map { String(decoding: $0, as: UTF8.self).split(separator: "\0") }
    }

    static func allPIDs() -> [pid_t] {
        ((try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { pid_t($0) }
    }

    /// The whole file (procfs files report size 0, so read until EOF).
    static func read(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var out: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let n = buffer.withUnsafeMutableBytes { unistdRead(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            if n < 0 { return nil }
            if n == 0 { return out }
            out += buffer[0..<n]
        }
    }
}

/// `read(2)`, named apart from `ProcessTable.read(_:)`.
@inline(__always) func unistdRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
