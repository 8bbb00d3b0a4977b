/// The variables Hive substitutes for one task: `--hivevar` and `--hiveconf` values.
public struct HiveVariables: Sendable, Hashable {
    public var hivevars: [String: String]
    public var hiveconf: [String: String]

    public init(hivevars: [String: String] = [:], hiveconf: [String: String] = [:]) {
        self.hivevars = hivevars
        self.hiveconf = hiveconf
    }

    /// The value Hive would put in place of a reference; `nil` leaves it as written (as Hive does).
    /// `${env:..}` and `${system:..}` are only known at run time, so they stay.
    public func value(_ namespace: VariableNamespace, _ name: String) -> String? {
        switch namespace {
        case .plain, .hivevar: hivevars[name]
        case .hiveconf: hiveconf[name]
        case .env, .system: nil
        }
    }

    public func isBound(_ namespace: VariableNamespace, _ name: String) -> Bool { value(namespace, name) != nil }
}
