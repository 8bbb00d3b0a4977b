extension Duration {
    /// The duration in seconds, fractions included: the one conversion from a `Duration` to the seconds that
    /// records, timeouts and `TimeInterval`s use.
    public var inSeconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
