import Foundation

/// Checks that tests leave no process behind (timeouts, signals: no orphan hive/beeline, ever).
public enum Processes {
    /// Alive and not a zombie (in a container nothing may reap orphans, so a killed grandchild can stay a zombie).
    public static func isAlive(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }

    /// The processes of `pids` still alive after up to 5 s (signals are delivered at once; this absorbs a loaded machine).
    public static func survivors(of pids: [pid_t]) async -> [pid_t] {
        for _ in 0..<100 {
            if pids.filter(isAlive).isEmpty { return [] }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return pids.filter(isAlive)
    }

    /// PIDs written one per line (the stub engine's `STUB_PIDS` file); none when the file does not exist yet.
    public static func recorded(in file: URL) throws -> [pid_t] {
        guard FileManager.default.fileExists(atPath: file.path) else { return [] }
        return try String(contentsOf: file, encoding: .utf8).split(separator: "\n").compactMap { pid_t($0) }
    }
}
