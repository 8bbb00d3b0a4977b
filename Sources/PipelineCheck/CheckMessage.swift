import Diagnostics

/// Every message `check` reports about a plan's SQL, with its stable id `check.<code>`. Planner diagnostics
/// keep their own `plan.*` ids (see `PipelineChecker.plannerDiagnostics`).
public enum CheckMessage: DiagnosticMessage, Hashable {
    case fileNotFound(String)
    case fileUnreadable(String, reason: String)
    case stepNotChecked(step: String, condition: String)
    /// `binds`: the names the step binds; `suggestion`: the closest of them, if any.
    case unboundHivevar(String, inComment: Bool, step: String, binds: [String], suggestion: String?)
    case unsetHiveconf(String, inComment: Bool, step: String, sets: [String])
    /// `reference` as written (`${env:HOME}`), `name` the variable.
    case environmentReference(reference: String, name: String, inComment: Bool)
    case systemReference(reference: String, name: String, inComment: Bool)
    /// `place`: "step 'x'" or "step 'x' wave 'y'"; `at`: the other task's access.
    case readBeforeWrite(table: String, writer: String, at: SourceLocation)
    case race(table: String, place: String, at: SourceLocation)
    case conflictingWriters(table: String, place: String, at: SourceLocation)
    /// Table order: the task's effect cannot be read (`why`), so it is a barrier.
    case barrier(String)
    /// Table order: the declared wave `readerWave` comes first, but the tables run `writer` (of wave `writerWave`) first.
    case waveOrderContradictsTables(table: String, writer: String, writerWave: String, readerWave: String, at: SourceLocation)
    /// Table order: the read cannot wait for `writer`, which already waits for this task: file order is kept.
    case keptFileOrder(table: String, writer: String, at: SourceLocation)

    public var message: String {
        switch self {
        case .fileNotFound(let path): "HQL file '\(path)' not found"
        case .fileUnreadable(let path, let reason): "cannot read HQL file '\(path)': \(reason)"
        case .stepNotChecked(let step, let condition): "step '\(step)' is skipped, so its SQL is not checked: \(condition)"
        case .unboundHivevar(let name, let inComment, let step, let binds, let suggestion):
            "unbound hivevar '\(name)'\(Self.comment(inComment)) (step \(step) \(Self.list("binds", binds)))"
                + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
        case .unsetHiveconf(let name, let inComment, let step, let sets):
            "hiveconf '\(name)'\(Self.comment(inComment)) is not set by the plan (step \(step) \(Self.list("sets", sets)))"
        case .environmentReference(let reference, let name, let inComment):
            "\(reference)\(Self.comment(inComment)) reads environment variable '\(name)' on the cluster at run time"
        case .systemReference(let reference, let name, let inComment):
            "\(reference)\(Self.comment(inComment)) reads Java system property '\(name)' at run time"
        case .readBeforeWrite(let table, let writer, let at):
            "read before write: table '\(table)' is written later, by \(writer) at \(at)"
        case .race(let table, let place, let at):
            "race: reads table '\(table)', which another task of the same parallel wave (\(place)) writes at \(at)"
        case .conflictingWriters(let table, let place, let at):
            "two writers of table '\(table)' in one parallel wave (\(place)): also written at \(at)"
        case .barrier(let why):
            "barrier in table order: \(why); the tasks before it finish first and those after it wait"
        case .waveOrderContradictsTables(let table, let writer, let writerWave, let readerWave, let at):
            "wave '\(readerWave)' comes before wave '\(writerWave)', but table '\(table)' is written by \(writer) at \(at): table order runs that task first"
        case .keptFileOrder(let table, let writer, let at):
            "reads table '\(table)', which \(writer) writes later at \(at), but that task already waits for this one: file order kept, the old '\(table)' is read"
        }
    }

    /// A reference in a comment is reported a step lower: Hive still substitutes it, but nothing reads it.
    public var severity: DiagnosticSeverity {
        switch self {
        case .unboundHivevar(_, true, _, _, _): .warning
        case .unsetHiveconf(_, true, _, _): .info
        default: Self.usualSeverity(code)
        }
    }

    /// Each message's id within the domain; `catalogue` lists them all.
    public enum Code: String, CaseIterable, Sendable {
        case fileNotFound = "missing-file"
        case fileUnreadable = "unreadable-file"
        case stepNotChecked = "step-not-checked"
        case unboundHivevar = "unbound-hivevar"
        case unsetHiveconf = "unset-hiveconf"
        case environmentReference = "env-reference"
        case systemReference = "system-reference"
        case readBeforeWrite = "read-before-write"
        case race = "race"
        case conflictingWriters = "conflicting-writers"
        case barrier = "barrier"
        case waveOrderContradictsTables = "wave-order-contradicts-tables"
        case keptFileOrder = "kept-file-order"
    }

    public var code: Code {
        switch self {
        case .fileNotFound: .fileNotFound
        case .fileUnreadable: .fileUnreadable
        case .stepNotChecked: .stepNotChecked
        case .unboundHivevar: .unboundHivevar
        case .unsetHiveconf: .unsetHiveconf
        case .environmentReference: .environmentReference
        case .systemReference: .systemReference
        case .readBeforeWrite: .readBeforeWrite
        case .race: .race
        case .conflictingWriters: .conflictingWriters
        case .barrier: .barrier
        case .waveOrderContradictsTables: .waveOrderContradictsTables
        case .keptFileOrder: .keptFileOrder
        }
    }

    static func comment(_ inComment: Bool) -> String { inComment ? " in a comment" : "" }

    static func list(_ verb: String, _ names: [String]) -> String {
        names.isEmpty ? "\(verb) none" : "\(verb): \(names.joined(separator: ", "))"
    }
}

extension CheckMessage: DiagnosticDomain {
    public static let domain = "check"

    public static func usualSeverity(_ code: Code) -> DiagnosticSeverity {
        switch code {
        case .fileNotFound, .fileUnreadable, .unboundHivevar, .conflictingWriters: .error
        case .unsetHiveconf, .readBeforeWrite, .race, .waveOrderContradictsTables, .keptFileOrder: .warning
        case .stepNotChecked, .environmentReference, .systemReference, .barrier: .info
        }
    }
}
