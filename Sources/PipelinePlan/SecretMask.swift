import Foundation

/// Replaces the values of secret variables with `****` in everything the runner prints or writes to logs.
public struct SecretMask: Sendable, Hashable {
    private let secrets: [String]

    public init(plan: Plan) {
        // Longest first, so a secret containing another is masked whole.
        secrets = Set(plan.variables.filter { $0.isSecret && !$0.value.isEmpty }.map(\.value))
            .sorted { $0.count > $1.count }
    }

    public func apply(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: "****") }
    }
}
