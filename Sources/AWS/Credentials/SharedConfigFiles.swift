import Foundation

/// The shared credentials file (`~/.aws/credentials`, `[name]` sections) and config file (`~/.aws/config`,
/// `[profile name]` or `[default]`), for the profile `AWS_PROFILE` (default `default`). Paths follow
/// `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE`, else `$HOME/.aws/`.
public struct SharedConfigFiles: Sendable {
    public let profile: String
    /// Whether the profile was asked for explicitly (then a missing profile is an error, not "not configured").
    public let profileIsExplicit: Bool
    public let credentialsPath: String
    public let configPath: String

    public init(environment: [String: String]) {
        let explicit = environment["AWS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        profile = explicit ?? "default"
        profileIsExplicit = explicit != nil
        let home = environment["HOME"] ?? "/root"
        credentialsPath = environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "\(home)/.aws/credentials"
        configPath = environment["AWS_CONFIG_FILE"] ?? "\(home)/.aws/config"
    }

    /// The profile's keys from the credentials file, then the config file (the credentials file wins).
    public func profileValues() throws(AWSError) -> [String: String]? {
        let fromCredentials = try Self.section(profile, in: credentialsPath)
        let configSection = profile == "default" ? "default" : "profile \(profile)"
        let fromConfig = try Self.section(configSection, in: configPath)
        if fromCredentials == nil && fromConfig == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentials in credentials }
    }

    /// `key = value` lines of one `[section]`; `nil` when the file or the section does not exist.
    static func section(_ name: String, in path: String) throws(AWSError) -> [String: String]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .credentialsFile(path: path, reason: "cannot be read")
        }
        var current: String?
        var values: [String: String]?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else { throw .credentialsFile(path: path, reason: "line \(index + 1): unclosed section header") }
                current = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces)
                if current == name, values == nil { values = [:] }
                continue
            }
            guard current == name else { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .credentialsFile(path: path, reason: "line \(index + 1): expected key = value")
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces).lowercased()
            values?[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return values
    }
}
