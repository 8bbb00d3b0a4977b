import Foundation

/// Replaces the values of secret variables with `****` in everything the runner prints or writes to logs.
/// `MaskingStream` (PipelineRun) applies the same secrets to a child's output as bytes, across read chunks.
public struct SecretMask: Sendable, Hashable {
    /// Longest first, so a secret containing another is masked whole.
    public let secrets: [String]

    public static let replacement = "****"

    public init(plan: Plan) {
        self.init(secrets: plan.variables.filter(\.isSecret).map(\.value))
    }

    public init(secrets: [String] = []) {
        self.secrets = Set(secrets.filter { !$0.isEmpty }).sorted { ($0.utf8.count, $0) > ($1.utf8.count, $1) }
    }

    public var isEmpty: Bool { secrets.isEmpty }

    public func apply(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.replacement) }
    }

    /// Whether `text` holds any secret's value.
    public func reveals(_ text: String) -> Bool {
        secrets.contains { text.contains($0) }
    }
}
