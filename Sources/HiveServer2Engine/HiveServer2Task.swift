import HiveServer2

/// One task for the hiveserver2 engine: where to connect, the session settings beeline would pass as
/// `--hivevar`/`--hiveconf` and the URL's database, and how long cancellation may take.
public struct HiveServer2Task: Sendable {
    public var options: HiveServer2Options
    /// The initial database (`use:database`), from the JDBC URL's path.
    public var database: String
    public var hivevars: [String: String]
    public var hiveconf: [String: String]
    /// Names of hivevars whose values are secrets: their values are masked in every log line.
    public var secretHivevars: Set<String>
    /// Time between GetOperationStatus polls (operation-log lines are fetched at each poll).
    public var pollInterval: Duration
    /// The grace period for CancelOperation and CloseSession once the task is cancelled.
    public var cancelGrace: Duration

    public init(options: HiveServer2Options, database: String = "default", hivevars: [String: String] = [:],
                hiveconf: [String: String] = [:], secretHivevars: Set<String> = [], pollInterval: Duration = .milliseconds(100),
                cancelGrace: Duration = .seconds(5)) {
        self.options = options
        self.database = database
        self.hivevars = hivevars
        self.hiveconf = hiveconf
        self.secretHivevars = secretHivevars
        self.pollInterval = pollInterval
        self.cancelGrace = cancelGrace
    }

    /// The OpenSession configuration, as beeline (Hive's JDBC driver) builds it.
    public var sessionConfiguration: [String: String] {
        var configuration = ["use:database": database]
        for (name, value) in hivevars { configuration["set:hivevar:\(name)"] = value }
        for (name, value) in hiveconf { configuration["set:hiveconf:\(name)"] = value }
        return configuration
    }

    /// The session settings for `plan` to show, secret values masked, in a stable order.
    public var displayedConfiguration: [(key: String, value: String)] {
        sessionConfiguration.sorted { $0.key < $1.key }.map { key, value in
            let name = key.hasPrefix("set:hivevar:") ? String(key.dropFirst("set:hivevar:".count)) : nil
            return (key, name.map(secretHivevars.contains) == true ? "***" : value)
        }
    }

    /// `line` with every secret hivevar's value replaced by `***`.
    public func masked(_ line: String) -> String {
        var line = line
        for name in secretHivevars {
            guard let value = hivevars[name], !value.isEmpty else { continue }
            line = line.replacing(value, with: "***")
        }
        return line
    }
}
