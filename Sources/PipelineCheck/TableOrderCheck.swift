import Diagnostics
import HQLAnalysis

/// Table order across tasks: reads of tables written later (wrong order), reads of tables another task of
/// the same parallel wave writes (a race), and two writers of one table in one wave. Inside a step that runs in
/// table order the task graph orders its tasks (`TableGraphCheck` reports what it cannot); these rules apply to
/// its tasks against other steps only.
struct TableOrderCheck {
    /// A task's first access of a table of one kind.
    struct Access {
        var task: CheckedTask
        var access: TableAccess
        var location: SourceLocation { task.location(access.position) }
        var range: SourceRange { task.range(access.position, length: task.nameLength(at: access.position)) }
    }

    let tasks: [CheckedTask]

    func diagnostics() -> [Diagnostic] {
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
        var diagnostics: [(Int, Diagnostic)] = []
        for (table, tableWriters) in writers {
            diagnostics += conflictingWriters(table, tableWriters)
            for reader in readers[table] ?? [] {
                diagnostics += order(table, reader: reader, writers: tableWriters)
            }
        }
        // Plan order of the task the diagnostic is about, then text order: output must not depend on hashing.
        return diagnostics.sorted {
            ($0.0, $0.1.location.line, $0.1.location.column, $0.1.message) < ($1.0, $1.1.location.line, $1.1.location.column, $1.1.message)
        }.map(\.1)
    }

    func conflictingWriters(_ table: String, _ writers: [Access]) -> [(Int, Diagnostic)] {
        var firstInWave: [CheckedTask.Order: Access] = [:]
        var diagnostics: [(Int, Diagnostic)] = []
        for writer in writers where !writer.task.tableOrder {
            guard let first = firstInWave[writer.task.order] else {
                firstInWave[writer.task.order] = writer
                continue
            }
            diagnostics.append((writer.task.id, Diagnostic(
                CheckMessage.conflictingWriters(table: table, place: writer.task.place, at: first.location),
                at: writer.range, related: first.location)))
        }
        return diagnostics
    }

    func order(_ table: String, reader: Access, writers: [Access]) -> [(Int, Diagnostic)] {
        let others = writers.filter {
            $0.task.id != reader.task.id && !(reader.task.tableOrder && $0.task.order.step == reader.task.order.step)
        }
        let sameWave = others.filter { $0.task.order == reader.task.order }
        if !sameWave.isEmpty {
            return sameWave.map { writer in
                (reader.task.id, Diagnostic(
                    CheckMessage.race(table: table, place: reader.task.place, at: writer.location),
                    at: reader.range, related: writer.location))
            }
        }
        guard !others.contains(where: { $0.task.order < reader.task.order }),
              let later = others.filter({ $0.task.order > reader.task.order }).min(by: { $0.task.order < $1.task.order })
        else { return [] }
        return [(reader.task.id, Diagnostic(
            CheckMessage.readBeforeWrite(table: table, writer: later.task.place, at: later.location),
            at: reader.range, related: later.location))]
    }
}
