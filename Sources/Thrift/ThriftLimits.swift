/// Bounds a reader enforces before it allocates: a peer's length prefix is never trusted.
public struct ThriftLimits: Sendable, Hashable {
    /// Longest string or binary, in bytes.
    public var maxStringLength: Int
    /// Most elements in one list, set or map.
    public var maxContainerCount: Int
    /// Deepest nesting of structs and containers.
    public var maxDepth: Int

    public init(maxStringLength: Int = 16 << 20, maxContainerCount: Int = 10_000_000, maxDepth: Int = 64) {
        self.maxStringLength = maxStringLength
        self.maxContainerCount = maxContainerCount
        self.maxDepth = maxDepth
    }

    public static let `default` = ThriftLimits()
}
