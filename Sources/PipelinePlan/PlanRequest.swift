import PipelineDSL

/// Everything the planner needs besides the pipeline file: the caller's `arguments` and the outside world
/// (environment, today's date), passed in so planning is a pure function of its inputs. The arguments read as
/// the request's own members (`request.file`, `request.profile`).
@dynamicMemberLookup
public struct PlanRequest: Sendable {
    public var arguments: PlanArguments
    public var environment: [String: String]
    /// Resolves a relative pipeline path for the `pipeline_dir` built-in.
    public var workingDirectory: String
    /// `YYYY-MM-DD` (UTC), the default export date.
    public var today: String
    /// `run` needs a real correlation id; `plan` and `check` show a placeholder instead.
    public var requireRunParameters: Bool
    /// `check`: report missing or empty inputs (files, list files, globs) and rejected list values as warnings
    /// with their `PlanMessage` ids, so a plan is still made and the rest of the SQL gets checked; `check`
    /// turns them into error findings. `plan` and `run` leave this false: such a plan is unusable input.
    public var deferInputErrors = false
    /// The built-in actions the binary that will run the plan implements (its action registry's names), so
    /// `plan`, `check` and `run` refuse an `action` it would fail on; nil accepts every `BuiltinAction`. The
    /// planner does not know the runner: the executable passes the list in.
    public var implementedActions: Set<String>?
    /// Where SQL files, list files and the SQL root's listing come from (the disk unless a test says otherwise).
    public var fileSystem = PlanFileSystem.disk
    /// Which steps' tasks get their tables inferred (their SQL read and analysed): every step for `plan` and
    /// `check`, which show them; only the steps that run in table order for `run`, which needs them for nothing else.
    public var inferTables: TableInferenceScope = .everyStep

    public enum TableInferenceScope: Sendable, Hashable {
        case everyStep
        case tableOrderedSteps
    }

    public init(
        _ arguments: PlanArguments, environment: [String: String] = [:], workingDirectory: String = "/", today: String,
        requireRunParameters: Bool = false
    ) {
        self.arguments = arguments
        self.environment = environment
        self.workingDirectory = workingDirectory
        self.today = today
        self.requireRunParameters = requireRunParameters
    }

    public subscript<Value>(dynamicMember member: WritableKeyPath<PlanArguments, Value>) -> Value {
        get { arguments[keyPath: member] }
        set { arguments[keyPath: member] = newValue }
    }
}

/// Where a previous, failed run of the same correlation id stopped (from the state store).
public struct ResumePoint: Sendable, Hashable, Codable {
    public var previousRunID: Int
    /// The step the previous run failed in (its CurrentStep); the resumed run starts here.
    public var step: String
    /// Task keys that succeeded in that step, skipped again when the step resumes per task.
    public var completedTasks: Set<String>
    /// The steps before `step` that are recorded as done (ran and succeeded): only they are skipped. A step that
    /// did not run then (its condition was false) runs now if it would. Nil for a record that does not say (the
    /// original system's): every step before `step` is done.
    public var completedSteps: Set<String>?

    public init(previousRunID: Int, step: String, completedTasks: Set<String> = [], completedSteps: Set<String>? = nil) {
        self.previousRunID = previousRunID
        self.step = step
        self.completedTasks = completedTasks
        self.completedSteps = completedSteps
    }
}

/// A plan plus the non-fatal findings made while planning (empty globs, missing files).
public struct PlanResult: Sendable {
    public var plan: Plan
    public var warnings: [Diagnostic]
    /// The pipeline source by path, for rendering diagnostics with their lines.
    public var sources: [String: String]
}

public enum PlanFailure: Error, Sendable {
    case unreadableFile(path: String, reason: String)
    case invalid(diagnostics: [Diagnostic], sources: [String: String])

    /// The failure rendered for a terminal or a log.
    public func rendered(colour: Bool = false) -> String {
        switch self {
        case .unreadableFile(let path, let reason): return "error: cannot read pipeline file \(path): \(reason)\n"
        case .invalid(let diagnostics, let sources): return DiagnosticRenderer(sources: sources, colour: colour).render(diagnostics)
        }
    }
}
