import HQLAnalysis
import PipelineDSL

/// Table order across tasks: reads of tables written later (wrong order), reads of tables another task of
/// the same parallel wave writes (a race), and two writers of one table in one wave.
struct TableOrderCheck {
    /// A task's first access of a table of one kind.
    struct Access {
        var task: CheckedTask
        var access: TableAccess
        var location: SourceLocation { task.location(access.position) }
    }

    let tasks: [CheckedTask]

    func findings() -> [Finding] {
        var writers: [String: [Access]] = [:]
        var readers: [String: [Access]] = [:]
        for task in tasks {
            var written: [String: Int] = [:]  // table → first statement writing it
            var read = Set<String>()
            for access in task.analysis.tables {
                switch access.kind {
                case .write:
                    guard written[access.table] == nil else { continue }
                    written[access.table] = access.statement
                    writers[access.table, default: []].append(Access(task: task, access: access))
                case .read:
                    // A table this task wrote in an earlier statement is its own business.
                    if let first = written[access.table], first < access.statement { continue }
                    guard read.insert(access.table).inserted else { continue }
                    readers[access.table, default: []].append(Access(task: task, access: access))
                }
            }
        }
        var findings: [(Int, Finding)] = []
        for (table, tableWriters) in writers {
            findings += conflictingWriters(table, tableWriters)
            for reader in readers[table] ?? [] {
                findings += order(table, reader: reader, writers: tableWriters)
            }
        }
        // Plan order of the task the finding is about, then text order: output must not depend on hashing.
        return findings.sorted {
            ($0.0, $0.1.location.line, $0.1.location.column, $0.1.message) < ($1.0, $1.1.location.line, $1.1.location.column, $1.1.message)
        }.map(\.1)
    }

    func conflictingWriters(_ table: String, _ writers: [Access]) -> [(Int, Finding)] {
        var firstInWave: [CheckedTask.Order: Access] = [:]
        var findings: [(Int, Finding)] = []
        for writer in writers {
            guard let first = firstInWave[writer.task.order] else {
                firstInWave[writer.task.order] = writer
                continue
            }
            findings.append((writer.task.id, Finding(
                severity: .error, code: .conflictingWriters,
                message: "two writers of table '\(table)' in one parallel wave (\(writer.task.place)): also written at \(first.location)",
                location: writer.location, related: first.location)))
        }
        return findings
    }

    func order(_ table: String, reader: Access, writers: [Access]) -> [(Int, Finding)] {
        let others = writers.filter { $0.task.id != reader.task.id }
        let sameWave = others.filter { $0.task.order == reader.task.order }
        if !sameWave.isEmpty {
            return sameWave.map { writer in
                (reader.task.id, Finding(
                    severity: .warning, code: .race,
                    message: "race: reads table '\(table)', which another task of the same parallel wave (\(reader.task.place)) writes at \(writer.location)",
                    location: reader.location, related: writer.location))
            }
        }
        guard !others.contains(where: { $0.task.order < reader.task.order }),
              let later = others.filter({ $0.task.order > reader.task.order }).min(by: { $0.task.order < $1.task.order })
        else { return [] }
        return [(reader.task.id, Finding(
            severity: .warning, code: .readBeforeWrite,
            message: "read before write: table '\(table)' is written later, by \(later.task.place) at \(later.location)",
            location: reader.location, related: later.location))]
    }
}
