import Foundation

/// A `VERSION.SCHEMA_VERSION` value such as `3.1.0`.
public struct HiveSchemaVersion: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var components: [Int]
    public var text: String

    /// Accepts `3.1.0`, `3.1.3000.7.1.7.0` (vendor builds) and `2.3`; nil for anything else.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count >= 2 else { return nil }
        var numbers: [Int] = []
        for part in parts {
            guard let number = Int(part), number >= 0 else { return nil }
            numbers.append(number)
        }
        self.components = numbers
        self.text = trimmed
    }

    public var major: Int { components[0] }
    public var minor: Int { components[1] }
    public var description: String { text }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.components.lexicographicallyPrecedes(rhs.components) }

    /// What check 3 concludes from the version alone.
    public enum Verdict: Sendable, Hashable {
        case hive31
        /// 3.0.x: the upgrade scripts set 3.0.0 and then 3.1.0, so this one stopped halfway.
        case halfUpgraded
        case hive2OrOlder
        case newerThan31
    }

    public var verdict: Verdict {
        switch (major, minor) {
        case (3, 1): .hive31
        case (3, 0): .halfUpgraded
        case (..<3, _): .hive2OrOlder
        default: .newerThan31
        }
    }
}
