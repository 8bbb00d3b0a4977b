/// What preflight found: one row per check, plus the facts an operator wants next to them.
public struct PreflightReport: Sendable, Hashable, Codable {
    public enum Outcome: String, Sendable, Hashable, Codable {
        /// Every check passed or warned.
        case passed
        /// A check after the connection failed.
        case failed
        /// No session: unreachable, timed out, refused, unknown database, TLS, or the secret could not be read.
        case cannotConnect = "cannot-connect"
        /// The settings themselves are unusable (no host, unreadable password file, malformed secret ...).
        case unusableInput = "unusable-input"
        /// The calling Task was cancelled (SIGINT/SIGTERM) before the preflight finished; nothing was judged.
        case cancelled

        /// The process exit code for this outcome (the exit-code table in docs/run-and-state.md).
        public var exitCode: Int32 {
            switch self {
            case .passed: 0
            case .failed: 1
            case .unusableInput: 2
            case .cannotConnect: 4
            // 128 + SIGTERM, how EMR stops a step; a caller that knows it was SIGINT says 130.
            case .cancelled: 143
            }
        }
    }

    /// `host:port/database as user`, or nil when the settings could not be resolved.
    public var target: String?
    public var passwordSource: String?
    public var serverVersion: String?
    /// The TLS cipher in use; nil when TLS was not asked for.
    public var tlsCipher: String?
    public var checks: [PreflightResult]
    /// Databases the plan creates that already exist, with DBS.DB_LOCATION_URI.
    public var existingDatabases: [ExistingDatabase]
    public var outcome: Outcome

    public init(
        target: String?, passwordSource: String? = nil, serverVersion: String? = nil, tlsCipher: String? = nil,
        checks: [PreflightResult], existingDatabases: [ExistingDatabase] = [], outcome: Outcome
    ) {
        self.target = target
        self.passwordSource = passwordSource
        self.serverVersion = serverVersion
        self.tlsCipher = tlsCipher
        self.checks = checks
        self.existingDatabases = existingDatabases
        self.outcome = outcome
    }

    public var exitCode: Int32 { outcome.exitCode }

    /// The report of a preflight stopped by cancellation.
    public static func cancelled(target: String?, passwordSource: String? = nil) -> PreflightReport {
        PreflightReport(
            target: target, passwordSource: passwordSource,
            checks: [PreflightResult(.connection, .skipped, "cancelled before the connection was checked")],
            outcome: .cancelled)
    }

    public func check(_ id: PreflightCheckID) -> PreflightResult? { checks.first { $0.id == id } }

    /// The first failing check's reason, for the state store when a run is stopped.
    public var failureSummary: String? {
        if outcome == .cancelled { return "metastore preflight: cancelled before it finished" }
        guard outcome != .passed, let failed = checks.first(where: { $0.status == .fail }) else { return nil }
        return "metastore preflight: \(failed.id.rawValue): \(failed.reason)"
    }
}
