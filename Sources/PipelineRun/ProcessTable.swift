import Basics
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
        guard let bytes = read("/proc/\(pid)/stat"), let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After "pid (comm) ": state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
        // cutime cstime priority nice threads itrealvalue starttime ... Read as bytes: the runner records every
        // task's group leader with its start time.
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " "), maxSplits: 21, omittingEmptySubsequences: true)
        guard fields.count > 19, fields[0].count == 1, let stateByte = fields[0].first,
            let group = number(fields[2]).flatMap({ pid_t(exactly: $0) }), let start = number(fields[19])
        else { return nil }
        return Stat(pid: pid, state: Character(Unicode.Scalar(stateByte)), processGroup: group, startTime: start)
    }

    /// A decimal number (optionally negative, as a tty or a group may be) that fits; nil for anything else.
    private static func number(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard let value = Int64(String(decoding: digits, as: UTF8.self)) else { return nil }
        return value >= 0 ? UInt64(value) : nil
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

    /// The whole file. procfs files are regular files that report size 0 and, like any regular file, read short
    /// only at their end (`stat` in one read, `environ` and `cmdline` as much as asked until their end).
    static func read(_ path: String) -> [UInt8]? { RegularFile.read(path) }
}

/// `read(2)`, named apart from `ProcessTable.read(_:)`.
@inline(__always) func unistdRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}
