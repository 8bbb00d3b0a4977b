/// TCP port numbers, as every settings reader checks them.
public enum PortNumber {
    public static let range = 1...65535

    public static func isValid(_ port: Int) -> Bool { range.contains(port) }

    /// The port `text` spells, or nil when it is not a number in 1...65535.
    public static func parse<S: StringProtocol>(_ text: S) -> Int? {
        guard let port = Int(text), isValid(port) else { return nil }
        return port
    }
}
