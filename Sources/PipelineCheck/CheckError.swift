/// Why an HQL file could not be read; thrown by the file-reading closure given to `PipelineChecker`.
public enum CheckError: Error, Sendable, Hashable, CustomStringConvertible {
    case fileNotFound(String)
    case unreadable(String, reason: String)

    public var description: String { message.message }

    /// The diagnostic `check` reports for it.
    var message: CheckMessage {
        switch self {
        case .fileNotFound(let path): .fileNotFound(path)
        case .unreadable(let path, let reason): .fileUnreadable(path, reason: reason)
        }
    }
}
