/// One row of the preflight report.
public struct PreflightResult: Sendable, Hashable, Codable {
    public var id: PreflightCheckID
    public var status: PreflightStatus
    /// One line: what was found.
    public var reason: String
    /// One line: what to do; set for failures and warnings.
    public var remedy: String?

    public init(_ id: PreflightCheckID, _ status: PreflightStatus, _ reason: String, remedy: String? = nil) {
        self.id = id
        self.status = status
        self.reason = reason
        self.remedy = remedy
    }
}

public enum PreflightStatus: String, Sendable, Hashable, Codable {
    case pass, warn, fail
    /// Could not run because an earlier check failed or there was nothing to look at; never fails the run.
    case skipped = "skip"
}

/// The checks in the order they run (issue 5: 1 connection … 6 catalog and databases).
public enum PreflightCheckID: String, Sendable, Hashable, Codable, CaseIterable {
    /// The settings could be resolved (host, user, password source); only reported when they could not.
    case settings
    case connection
    case initialised
    case version
    case structure
    case privileges
    case catalog
    case databases

    public var number: String {
        switch self {
        case .settings: "0"
        case .connection: "1"
        case .initialised: "2"
        case .version: "3"
        case .structure: "4"
        case .privileges: "5"
        case .catalog: "6a"
        case .databases: "6b"
        }
    }
}
