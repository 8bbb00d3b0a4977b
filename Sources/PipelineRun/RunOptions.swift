import Foundation
import PipelineState

/// How to run, beyond the plan: the state-store flags, the owner, where logs go, the child environment.
public struct RunOptions: Sendable {
    /// The operator's flags (`--force`, `--takeover`, `--accept-changes`, `--record-cancelled`).
    public var policy: RunPolicy
    /// The EMR cluster id (`jobFlowId`), or a placeholder off EMR.
    public var clusterID: String
    public var owner: RunOwner
    /// The lease lasts this long and is renewed every third of it.
    public var leaseSeconds: TimeInterval
    /// Between SIGTERM and SIGKILL when a task times out or the run is cancelled.
    public var gracePeriod: Duration
    /// The folder that gets a `<correlation id>-run<N>` folder per run.
    public var logBase: URL
    /// The children's whole environment (the runner adds `PDM_*` variables per task).
    public var environment: [String: String]
    public var workingDirectory: String?
    /// Variable names children never get unless a task asks (`command ... env=["NAME"]`), beyond the built-in
    /// rule of `ChildEnvironment` (e.g. the variable named by `--metastore-password-env`).
    public var withheldEnvironment: Set<String> = []
    /// Where the run-state folder goes (`<base>/.pdm-run/...`, see `RunStateFolder`); nil: the log base.
    public var runStateBase: URL?
    /// The state store's identity (e.g. `local:/abs/.pdm-state`), part of the run key: the same correlation id in
    /// two stores is two runs.
    public var stateScope: String = ""
    /// This program, to start `_watchdog` from; nil runs without a watchdog (library tests: the reaping before
    /// the first task still applies).
    public var watchdogExecutable: String?

    public init(
        policy: RunPolicy = RunPolicy(), clusterID: String, owner: RunOwner, leaseSeconds: TimeInterval = 300,
        gracePeriod: Duration = .seconds(10), logBase: URL, environment: [String: String], workingDirectory: String? = nil
    ) {
        self.policy = policy
        self.clusterID = clusterID
        self.owner = owner
        self.leaseSeconds = leaseSeconds
        self.gracePeriod = gracePeriod
        self.logBase = logBase
        self.environment = environment
        self.workingDirectory = workingDirectory
    }
}
