import Foundation
import PipelinePlan

/// Where a run's task logs go: `<base>/<correlation id>-run<Run_Id>/<NN>-<step>/<NNN>-<what>.log`
/// (NN is the step's number in the plan, NNN the task's position in its step).
/// The base is `/var/log/pdm` when writable (as on EMR), else `./logs`, unless `--log-dir` gives one.
/// Folders the runner creates are 0750 and log files 0640: task output may say more than it should, so it is
/// never world-readable (secrets are masked as it is written, see `OutputPump`).
public struct LogFolder: Sendable, Hashable {
    public let root: URL

    public init(root: URL) {
        self.root = root
    }

    public init(base: URL, correlationID: String, runID: Int) {
        self.root = base.appendingPathComponent("\(Self.slug(correlationID))-run\(runID)")
    }

    /// `/var/log/pdm` if it exists and is writable or can be created, else `<working directory>/logs`.
    public static func defaultBase(workingDirectory: URL) -> URL {
        let system = URL(fileURLWithPath: "/var/log/pdm")
        if (try? makeFolder(system)) != nil,
           access(system.path, W_OK) == 0 {
            return system
        }
        return workingDirectory.appendingPathComponent("logs")
    }

    public func create() throws(RunError) {
        do {
            try Self.makeFolder(root)
        } catch {
            throw .logFolderUnusable(path: root.path, reason: error.localizedDescription)
        }
    }

    /// Creates `url` and missing parents with mode 0750 (existing folders are left as they are).
    static func makeFolder(_ url: URL) throws {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o750])
    }

    /// Appends one line (already masked) to a task's log, creating it 0640 (and its folder), never through a symlink.
    static func appendLine(_ line: String, to url: URL) {
        let fd = openForAppending(url)
        guard fd >= 0 else { return }
        defer { close(fd) }
        writeLine(line, to: fd)
    }

    /// `line` and a newline in one `write(2)` (an O_APPEND descriptor: whole, after what is there).
    static func writeLine(_ line: String, to fd: Int32) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
    }

    /// `open(2)` for appending, creating the file 0640 and, the first time, its folder; never through a symlink.
    static func openForAppending(_ url: URL) -> Int32 {
        let flags = O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW
        let fd = open(url.path, flags, 0o640)
        guard fd < 0, errno == ENOENT, (try? makeFolder(url.deletingLastPathComponent())) != nil else { return fd }
        return open(url.path, flags, 0o640)
    }

    // Names are built as text with the kind of entry given: `appendingPathComponent(_:)` alone asks the file
    // system whether each one is a folder, a system call per task launch.
    public func stepFolder(_ step: PlanStep) -> URL {
        root.appendingPathComponent(Self.padded(step.index, 2) + "-" + Self.slug(step.name), isDirectory: true)
    }

    /// `ordinal` is the task's position in its step, so names stay unique and sort in plan order.
    public func file(for task: PlanTask, in step: PlanStep, ordinal: Int) -> URL {
        let what: String
        switch task.work {
        case .hqlFile(_, let relative): what = relative
        case .hqlStatement: what = "statement"
        case .command(let argv): what = (argv.first as NSString?)?.lastPathComponent ?? "command"
        case .action(let name, _): what = "action-" + name
        }
        return stepFolder(step).appendingPathComponent(Self.padded(ordinal + 1, 3) + "-" + Self.slug(what) + ".log", isDirectory: false)
    }

    static func padded(_ number: Int, _ width: Int) -> String {
        let digits = String(number)
        return String(repeating: "0", count: max(width - digits.count, 0)) + digits
    }

    static func slug(_ text: String) -> String {
        // Task names are nearly always ASCII: bytes, not a CharacterSet per scalar (every task's log name is one).
        if text.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes = text.utf8.map { byte -> UInt8 in
                switch byte {
                case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                    UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"):
                    byte
                default: UInt8(ascii: "_")
                }
            }
            while bytes.last == UInt8(ascii: ".") { bytes.removeLast() }
            let start = bytes.firstIndex { $0 != UInt8(ascii: ".") } ?? bytes.endIndex
            let kept = bytes[start...].prefix(120)
            return kept.isEmpty ? "_" : String(decoding: kept, as: UTF8.self)
        }
        return unicodeSlug(text)
    }

    /// Letters and digits of any script, `-`, `.` and `_` kept; anything else `_`; no leading or trailing dot.
    static func unicodeSlug(_ text: String) -> String {
        let mapped = text.unicodeScalars.map { scalar -> Character in
            CharacterSet.alphanumerics.contains(scalar) || scalar == "-" || scalar == "." || scalar == "_"
                ? Character(scalar) : "_"
        }
        let slug = String(mapped).trimmingCharacters(in: CharacterSet(charactersIn: "."))
        return slug.isEmpty ? "_" : String(slug.prefix(120))
    }

    /// The last `count` lines of a log (reading at most its last 64 KiB).
    public static func tail(of url: URL, lines count: Int) -> [String] {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return [] }
        defer { try? handle.close() }
        let size = (try? handle.seekToEnd()) ?? 0
        let start = size > 65_536 ? size - 65_536 : 0
        try? handle.seek(toOffset: start)
        let data = (try? handle.readToEnd()) ?? Data()
        let text = String(decoding: data, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        return Array(lines.suffix(count))
    }
}
