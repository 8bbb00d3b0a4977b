import Foundation
import PipelinePlan
import Synchronization

/// One flat log per step, `<log base>/<step>.log` (`/var/log/pdm/source.log` on EMR), beside the per-task logs:
/// the files the CloudWatch agent configuration in `deploy/emr/` ships, as the original shipped one log per step
/// script. A wildcard in that configuration would ship only the newest matching file, so the names are fixed.
///
/// After each attempt, that attempt's part of the task log (already masked) is appended as one block under a
/// header line, so tasks of a parallel wave never interleave line by line. Appends, never truncates: reruns on
/// one host (a laptop) add to the same files, each block saying which run it belongs to.
struct StepLog: Sendable {
    let url: URL

    init(_ logs: LogFolder, step: PlanStep) {
        url = logs.root.deletingLastPathComponent().appendingPathComponent("\(LogFolder.slug(step.name)).log", isDirectory: false)
    }

    /// The task log's size before an attempt: where that attempt's output starts.
    static func offset(of taskLog: URL) -> UInt64 {
        var info = stat()
        return stat(taskLog.path, &info) == 0 ? UInt64(info.st_size) : 0
    }

    /// Appends the task log from `offset` on, under `header`, as one write.
    func append(header: String, taskLog: URL, from offset: UInt64) {
        var block = Array((header + "\n").utf8)
        if let handle = try? FileHandle(forReadingFrom: taskLog) {
            defer { try? handle.close() }
            if (try? handle.seek(toOffset: offset)) != nil, let data = try? handle.readToEnd() {
                block += data
                if data.last != UInt8(ascii: "\n") && !data.isEmpty { block.append(UInt8(ascii: "\n")) }
            }
        }
        Self.lock.withLock { _ in
            let fd = LogFolder.openForAppending(url)
            guard fd >= 0 else { return }
            defer { close(fd) }
            var written = 0
            while written < block.count {
                let n = block.withUnsafeBytes { write(fd, $0.baseAddress! + written, $0.count - written) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { return }
                written += n
            }
        }
    }

    /// One block at a time in this process (the only writer of a run's step logs).
    private static let lock = Mutex<Void>(())
}
