import Basics
import Crypto
import Foundation
import PipelinePlan
import Synchronization

extension Plan {
    /// What each step runs: step name → task key → fingerprint. Stored when a run begins, so a resume can tell
    /// whether the steps it skips still run what the failed run ran (as Flyway checks migration checksums).
    public func fingerprints() -> [String: [String: String]] {
        let mask = SecretMask(plan: self)
        // Every SQL file is read and hashed before the run begins: on all cores, the run's start waits for it.
        let tasks = steps.flatMap(\.tasks)
        let prints = Mutex([String?](repeating: nil, count: tasks.count))
        DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
            let print = tasks[index].fingerprint(mask: mask)
            prints.withLock { $0[index] = print }
        }
        var computed = prints.withLock { $0 }[...]
        var result: [String: [String: String]] = [:]
        for step in steps {
            let count = step.tasks.count
            let stepPrints = computed.prefix(count).map { $0 ?? "" }
            computed = computed.dropFirst(count)
            // Task keys are stored too (they may hold a value, e.g. a statement's): masked like everything stored.
            result[step.name] = Dictionary(zip(step.tasks.map { mask.apply($0.key) }, stepPrints)) { first, _ in first }
        }
        return result
    }
}

extension PlanTask {
    /// 16 hex digits of SHA-256 over what the task runs: the file's bytes (not its path or time stamp), the
    /// statement, the command, the action and its arguments, the engine, hivevars and hiveconf. Secret values
    /// are masked first: a stored hash must not let anyone test guesses of a password, and rotating one is not
    /// a change of what a step does.
    func fingerprint(mask: SecretMask) -> String {
        var hasher = SHA256()
        func add(_ label: String, _ text: String) {
            hasher.update(data: Data("\(label)\u{1F}\(mask.apply(text))\u{1E}".utf8))
        }
        switch work {
        case .hqlFile(let path, let relative):
            add("file", relative)
            if let bytes = RegularFile.read(path) { hasher.update(data: bytes) } else { add("missing", path) }
        case .hqlStatement(let sql): add("statement", sql)
        case .command(let argv): argv.forEach { add("argv", $0) }
        case .action(let name, let arguments):
            add("action", name)
            arguments.forEach { add($0.key, $0.value) }
        }
        add("engine", "\(engine)")
        hivevars.forEach { add("hivevar:" + $0.key, $0.value) }
        hiveconf.forEach { add("hiveconf:" + $0.key, $0.value) }
        // Hex by hand: `String(format:)` per byte was most of a 1,000-task plan's fingerprinting.
        let digits = Array("0123456789abcdef".utf8)
        return String(decoding: hasher.finalize().prefix(8).flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xf)]] }, as: UTF8.self)
    }
}
