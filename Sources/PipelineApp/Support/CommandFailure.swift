import PipelineRun

/// Why a command stops: its exit status and the one line to print (nil when it printed its diagnostics already,
/// e.g. the planner's `file:line:col` errors). `Console.report` prints it as `error: ...`.
public struct CommandFailure: Error, Sendable, Equatable {
    public var status: ExitStatus
    public var message: String?

    public init(_ status: ExitStatus, _ message: String? = nil) {
        self.status = status
        self.message = message
    }
}
