import PipelineDSL
import PipelinePlan
import PipelineState

/// What a built-in action gets: its `key=value` arguments, the plan, time, and a way to write to its task log.
public struct ActionContext: Sendable {
    public var name: String
    public var arguments: [KeyValue]
    public var plan: Plan
    public var clock: RunClock
    public var log: @Sendable (String) -> Void

    public func argument(_ key: String) -> String? { arguments.last { $0.key == key }?.value }
}

/// A built-in action fails by throwing; the error's description is the task's failure reason.
public typealias TaskAction = @Sendable (ActionContext) async throws -> Void

/// The built-in actions (`action NAME key=value...` in a pipeline). Injectable: the metrics and pushgateway
/// actions register themselves from their own module; a task naming an action nobody registered fails with a
/// clear one-line error instead of doing nothing.
public struct ActionRegistry: Sendable {
    private var actions: [String: TaskAction]

    public init(_ actions: [String: TaskAction] = [:]) {
        self.actions = actions
    }

    /// The actions this module implements: `sleep duration=DURATION`.
    public static var builtins: ActionRegistry { ActionRegistry(["sleep": SleepAction.run]) }

    public mutating func register(_ name: String, _ action: @escaping TaskAction) {
        actions[name] = action
    }

    public func action(named name: String) -> TaskAction? { actions[name] }

    public var names: [String] { actions.keys.sorted() }
}

/// An action's failure, one line.
public struct ActionFailure: Error, Sendable, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}

enum SleepAction {
    @Sendable static func run(_ context: ActionContext) async throws {
        guard let text = context.argument("duration") else {
            throw ActionFailure("action sleep needs duration=DURATION (e.g. duration=180s)")
        }
        guard let seconds = DurationSyntax.seconds(text) else {
            throw ActionFailure("action sleep: '\(text)' is not a duration (e.g. 250ms, 5s, 2m, 1h30m)")
        }
        context.log("sleeping \(DurationText.format(seconds))")
        try await context.clock.sleep(.milliseconds(Int64((seconds * 1000).rounded())))
    }
}
