/// Why an HQL file could not be read; thrown by the file-reading closure given to `PipelineChecker`.
public enum CheckError: Error, Sendable, Hashable, CustomStringConvertible {
    case fileNotFound(String)
    case unreadable(String, reason: String)

    public var description: String {
        switch self {
        case .fileNotFound(let path): "HQL file '\(path)' not found"
        case .unreadable(let path, let reason): "cannot read HQL file '\(path)': \(reason)"
        }
    }
}
