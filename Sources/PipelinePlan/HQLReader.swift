import HQLAnalysis

/// One HQL task of a plan with its text.
public struct HQLTask {
    public var step: PlanStep
    public var waveIndex: Int
    public var wave: PlanWave
    public var task: PlanTask
    /// Where the HQL is: the task's `.sql` file, or the pipeline file for an inline statement.
    public var file: String
    /// The text, or why the file could not be read.
    public var source: Result<String, any Error>
}

/// The one walk over a plan's HQL that `check` and the metastore preflight share: a step's HQL tasks in order,
/// each file read once however many tasks run it.
public struct HQLReader {
    public typealias ReadFile = (_ path: String) throws -> String

    let readFile: ReadFile
    private var contents: [String: Result<String, any Error>] = [:]

    public init(readFile: @escaping ReadFile) {
        self.readFile = readFile
    }

    public mutating func tasks(of step: PlanStep) -> [HQLTask] {
        var found: [HQLTask] = []
        for (waveIndex, wave) in step.waves.enumerated() {
            for task in wave.tasks {
                let file: String
                let source: Result<String, any Error>
                switch task.work {
                case .hqlFile(let path, _):
                    let read = contents[path] ?? Result { try readFile(path) }
                    contents[path] = read
                    (file, source) = (path, read)
                case .hqlStatement(let statement):
                    (file, source) = (task.location.file, .success(statement))
                case .command, .action:
                    continue
                }
                found.append(HQLTask(step: step, waveIndex: waveIndex, wave: wave, task: task, file: file, source: source))
            }
        }
        return found
    }
}

extension PlanTask {
    public var runsHQL: Bool {
        switch work {
        case .hqlFile, .hqlStatement: true
        case .command, .action: false
        }
    }

    /// The variables Hive sees for this task; later entries win, as on the command line.
    public var hiveVariables: HiveVariables {
        var variables = HiveVariables()
        for pair in hivevars { variables.hivevars[pair.key] = pair.value }
        for pair in hiveconf { variables.hiveconf[pair.key] = pair.value }
        return variables
    }
}
