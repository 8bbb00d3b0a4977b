import PipelineDSL

public struct PlanStep: Sendable, Hashable, Codable {
    public var index: Int
    public var name: String
    public var disposition: StepDisposition
    public var onFailure: FailurePolicy
    /// Runs after an earlier failure too (flush steps); never hides that failure.
    public var always: Bool
    public var parallelism: Int
    public var retry: RetryPolicy
    /// Per-task timeout in seconds; nil means none.
    public var timeoutSeconds: Double?
    public var resume: ResumeGranularity
    /// Waves as barriers, or the task graph of the tables (`TaskGraph`).
    public var order: TaskOrder
    public var waves: [PlanWave]
    public var location: SourceLocation

    public init(
        index: Int, name: String, disposition: StepDisposition, onFailure: FailurePolicy, always: Bool,
        parallelism: Int, retry: RetryPolicy, timeoutSeconds: Double?, resume: ResumeGranularity,
        order: TaskOrder = .waves, waves: [PlanWave], location: SourceLocation
    ) {
        self.index = index
        self.name = name
        self.disposition = disposition
        self.onFailure = onFailure
        self.always = always
        self.parallelism = parallelism
        self.retry = retry
        self.timeoutSeconds = timeoutSeconds
        self.resume = resume
        self.order = order
        self.waves = waves
        self.location = location
    }

    public var tasks: [PlanTask] { waves.flatMap(\.tasks) }
}

public enum StepDisposition: Sendable, Hashable, Codable {
    case run
    /// The `when` condition is false; the string is the condition as written, with its values.
    case skippedCondition(String)
    /// Excluded by `--from` / `--only`.
    case skippedSelection(String)
    /// A previous run of this correlation id got past this step; we resume later.
    case skippedCompleted(previousRunID: Int)

    public var willRun: Bool { if case .run = self { true } else { false } }
}

// The language's enums, under the plan's names for the plan's clients.
public typealias FailurePolicy = PipelineDSL.FailurePolicy
public typealias ResumeGranularity = PipelineDSL.ResumeGranularity
public typealias TaskOrder = PipelineDSL.TaskOrder

public struct RetryPolicy: Sendable, Hashable, Codable {
    public typealias Backoff = RetryBackoff

    /// Total attempts including the first (1 = no retry).
    public var attempts: Int
    public var delaySeconds: Double
    public var backoff: Backoff
    /// Upper bound for exponential backoff.
    public var maxDelaySeconds: Double
    /// Full jitter on the exponential delay, so parallel retries do not stampede.
    public var jitter: Bool

    public init(attempts: Int, delaySeconds: Double, backoff: Backoff = .fixed, maxDelaySeconds: Double = 300, jitter: Bool = true) {
        self.attempts = attempts
        self.delaySeconds = delaySeconds
        self.backoff = backoff
        self.maxDelaySeconds = maxDelaySeconds
        self.jitter = jitter
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1), before jitter.
    public func delay(after attempt: Int) -> Double {
        switch backoff {
        case .fixed: return delaySeconds
        case .exponential:
            let factor = Double(1 << min(max(attempt - 1, 0), 30))
            return min(delaySeconds * factor, maxDelaySeconds)
        }
    }
}
