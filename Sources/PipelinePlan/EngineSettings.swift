import PipelineDSL

/// The language's enum, under the plan's name for the plan's clients.
public typealias EngineKind = PipelineDSL.EngineKind

public struct EngineSettings: Sendable, Hashable, Codable {
    /// argv prefix for the hive engine, e.g. `["hive"]` or `["scripts/hive-spark"]`.
    public var hiveCommand: [String]
    public var beelineCommand: [String]
    public var jdbcURL: String
    public var beelineUser: String
    /// Passed as `-w FILE`; the password itself never reaches an argv.
    public var beelinePasswordFile: String?
    /// The `hiveserver2 { }` block's entries; absent ones fall back to the beeline settings (`hiveServer2`).
    public var hiveServer2URL: String?
    public var hiveServer2User: String?
    public var hiveServer2PasswordFile: String?
    /// A PEM CA bundle for `ssl=true` URLs (the system's trust store otherwise).
    public var hiveServer2CA: String?
    /// `allow_plaintext_password true`: the password may go out without TLS (refused otherwise, at plan time).
    public var hiveServer2AllowPlaintextPassword = false

    public init(hiveCommand: [String] = ["hive"], beelineCommand: [String] = ["beeline"], jdbcURL: String = "jdbc:hive2://localhost:10000/default", beelineUser: String = "hadoop", beelinePasswordFile: String? = nil) {
        self.hiveCommand = hiveCommand
        self.beelineCommand = beelineCommand
        self.jdbcURL = jdbcURL
        self.beelineUser = beelineUser
        self.beelinePasswordFile = beelinePasswordFile
    }
}
