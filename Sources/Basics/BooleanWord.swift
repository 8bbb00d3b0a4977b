/// The words a setting or condition may use for a boolean: true/yes/on/1 and false/no/off/0, any case.
public enum BooleanWord {
    public static let truthy: Set<String> = ["true", "yes", "on", "1"]
    public static let falsy: Set<String> = ["false", "no", "off", "0"]

    /// The value, or nil when the word is neither.
    public static func parse(_ word: String) -> Bool? {
        let lower = word.lowercased()
        if truthy.contains(lower) { return true }
        if falsy.contains(lower) { return false }
        return nil
    }
}
