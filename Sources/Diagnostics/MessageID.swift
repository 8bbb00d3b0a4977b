/// The stable identity of a diagnostic message, independent of its wording: the stage that owns it (`domain`,
/// e.g. `parse`) and a kebab-case `id` within it. Printed as `[domain.id]` after the message and carried by
/// `--format json`, so tools and people can look a message up and match on it while the text improves.
public struct MessageID: Sendable, Hashable, Codable, CustomStringConvertible {
    public var domain: String
    public var id: String

    public init(domain: String, id: String) {
        self.domain = domain
        self.id = id
    }

    public var description: String { "\(domain).\(id)" }

    /// One string, `domain.id`, in JSON.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let dot = text.firstIndex(of: ".") else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected domain.id, got '\(text)'"))
        }
        self.init(domain: String(text[..<dot]), id: String(text[text.index(after: dot)...]))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// How serious a diagnostic is. `info` is what swift-syntax calls a remark: worth saying, never a failure
/// (`check` reports environment references and steps it did not look at this way).
public enum DiagnosticSeverity: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case info, note, warning, error

    private var rank: Int {
        switch self {
        case .info: 0
        case .note: 1
        case .warning: 2
        case .error: 3
        }
    }

    public static func < (a: DiagnosticSeverity, b: DiagnosticSeverity) -> Bool { a.rank < b.rank }
}
