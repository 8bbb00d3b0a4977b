import Foundation

/// The EMR cluster id (`jobFlowId`) from `/mnt/var/lib/info/job-flow.json`, which EMR writes on every node;
/// it goes into `Cluster_Id`, which the relauncher scans for.
public enum JobFlowInfo {
    public static let defaultPath = "/mnt/var/lib/info/job-flow.json"
    /// Names another `job-flow.json` (tests stand in for an EMR node with it; nobody sets it on EMR).
    public static let pathVariable = "PDM_JOB_FLOW_INFO"
    /// `Cluster_Id` off EMR (a laptop, a test): says plainly that no cluster ran this.
    public static let localClusterID = "local"

    /// The file to read: `PDM_JOB_FLOW_INFO` when set, else EMR's own path.
    public static func path(environment: [String: String]) -> String {
        environment[pathVariable].flatMap { $0.isEmpty ? nil : $0 } ?? defaultPath
    }

    /// Whether this is an EMR node: EMR writes the file on every node before any step or bootstrap action runs.
    public static func isOnEMR(path: String = defaultPath) -> Bool {
        FileManager.default.fileExists(atPath: path)
    }

    /// The `jobFlowId` in `path`; `localClusterID` when the file does not exist (not on EMR); an error naming
    /// the file when it exists but has no usable `jobFlowId` (on EMR that is a real problem).
    public static func clusterID(path: String = defaultPath) throws(JobFlowInfoError) -> String {
        guard FileManager.default.fileExists(atPath: path) else { return localClusterID }
        guard let data = FileManager.default.contents(atPath: path) else { throw JobFlowInfoError(path: path, reason: "cannot be read") }
        guard let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw JobFlowInfoError(path: path, reason: "is not a JSON object")
        }
        guard let id = json["jobFlowId"] as? String, !id.isEmpty else { throw JobFlowInfoError(path: path, reason: "has no jobFlowId") }
        return id
    }
}

/// `job-flow.json` exists but is unusable.
public struct JobFlowInfoError: Error, Equatable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public init(path: String, reason: String) {
        self.path = path
        self.reason = reason
    }

    public var description: String { "\(path): \(reason)" }
}
