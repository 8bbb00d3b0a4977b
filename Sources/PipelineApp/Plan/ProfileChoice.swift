import DynamoDBState
import Foundation

/// Which profile a command plans with. Off EMR: `--profile`, else the file's `default_profile` (`local` in
/// pdm.pipe, for developers). On an EMR node a bare command must never fall back to that laptop profile (beeline to
/// 127.0.0.1, `file://` data, local state), so the environment comes from `--profile`, else from the cluster:
/// `PDM_ENVIRONMENT`, else the file the bootstrap action writes (deploy/emr/bootstrap-install.sh). Neither: refused.
public struct ProfileChoice: Equatable, Sendable {
    public static let environmentVariable = "PDM_ENVIRONMENT"
    public static let defaultEnvironmentFile = "/etc/pdm-pipeline/environment"
    /// Names another environment file (tests; a non-standard bootstrap).
    public static let environmentFileVariable = "PDM_ENVIRONMENT_FILE"

    /// The original's environments (terraform workspaces) and their usual short names → pdm.pipe's profiles.
    public static let environments: [String: String] = [
        "development": "development", "dev": "development",
        "qa": "qa",
        "integration": "integration", "int": "integration",
        "preprod": "preprod",
        "production": "production", "prod": "production",
    ]
    public static let profileNames = ["development", "qa", "integration", "preprod", "production"]

    /// The profile to plan with; nil: the file's `default_profile`.
    public var profile: String?

    /// Decides from the flag and the outside world (environment variables, the EMR marker and environment files).
    public static func choose(explicit: String?, environment: [String: String]) throws(ProfileChoiceError) -> ProfileChoice {
        if let explicit { return ProfileChoice(profile: explicit) }
        let marker = JobFlowInfo.path(environment: environment)
        guard JobFlowInfo.isOnEMR(path: marker) else { return ProfileChoice(profile: nil) }
        if let value = environment[environmentVariable].map(trimmed), !value.isEmpty {
            return ProfileChoice(profile: try profile(for: value, from: environmentVariable))
        }
        let file = environment[environmentFileVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultEnvironmentFile
        if let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8),
            !trimmed(text).isEmpty
        {
            return ProfileChoice(profile: try profile(for: trimmed(text), from: file))
        }
        throw .noEnvironment(marker: marker, file: file)
    }

    private static func profile(for value: String, from source: String) throws(ProfileChoiceError) -> String {
        guard let name = environments[value.lowercased()] else { throw .unknownEnvironment(value, source: source) }
        return name
    }

    private static func trimmed(_ s: String) -> String { s.trimmingCharacters(in: .whitespacesAndNewlines) }
}

/// Why no profile could be chosen on an EMR node. Each renders as one line.
public enum ProfileChoiceError: Error, Equatable, Sendable, CustomStringConvertible {
    case noEnvironment(marker: String, file: String)
    case unknownEnvironment(String, source: String)

    public var description: String {
        let names = ProfileChoice.profileNames.joined(separator: "|")
        switch self {
        case .noEnvironment(let marker, let file):
            return "on EMR (\(marker) exists) and no environment given: pass --profile \(names), or set \(ProfileChoice.environmentVariable), or write it to \(file) (the bootstrap action does)"
        case .unknownEnvironment(let value, let source):
            return "unknown environment '\(value)' in \(source): expected one of \(names) (or dev, int, prod)"
        }
    }
}
