import PipelineDSL

/// The engine settings that end up on a child's argv: they must hold no secret, since every user of the machine
/// can read a process's arguments (`ps`, `/proc/PID/cmdline`).
enum EngineArgvSetting: String {
    case hiveCommand = "hive command", beelineCommand = "beeline command", beelineURL = "beeline url", beelineUser = "beeline user"

    /// Where the secret belongs instead, for the error's note.
    var fix: String {
        switch self {
        case .hiveCommand: "hive's own configuration (hive-site.xml, or a hivevar/hiveconf, which travel in a private file)"
        case .beelineCommand, .beelineURL: "beeline { password_file \"PATH\" } (passed as -w PATH)"
        case .beelineUser: "a user name that is not secret, and beeline { password_file \"PATH\" } for the password"
        }
    }
}

extension PlanBuilder {
    /// An error at `range` when `text` (an evaluated engine setting) holds a secret's value.
    mutating func refuseSecret(in text: String, at range: SourceRange, setting: EngineArgvSetting) {
        // Secrets are known once computed: evaluating this setting may have been the first use of one.
        guard variables.secretValues.contains(where: { text.contains($0) }) else { return }
        let name = secretName(in: text, at: range) ?? "?"
        error(.secretOnCommandLine(name), at: range, notes: ["\(setting.rawValue) is passed on the engine's command line: use \(setting.fix)"])
    }
}
