/// One flat JSON object on one line, written by hand for lines written per event of a run (the timeline's): a
/// `JSONEncoder` builds a container tree and a writer for each line, several times the cost of the text itself.
/// Keys come out sorted; strings are escaped as JSON requires (quote, backslash, control characters; `/` stays);
/// a number that JSON cannot hold (NaN, an infinity) makes the whole line nil, as an encoder's error would.
public struct JSONLine: Sendable {
    private var fields: [(key: String, value: String)] = []
    private var invalid = false

    public init() {}

    public mutating func add(_ key: String, _ value: String?) {
        guard let value else { return }
        fields.append((key, Self.quoted(value)))
    }

    public mutating func add(_ key: String, _ value: Int?) {
        guard let value else { return }
        fields.append((key, String(value)))
    }

    public mutating func add(_ key: String, _ value: Double?) {
        guard let value else { return }
        guard value.isFinite else {
            invalid = true
            return
        }
        // Whole numbers as integers, as JSONEncoder writes them; the rest in Swift's shortest exact form.
        if value == value.rounded(), abs(value) < 1e15 {
            fields.append((key, String(Int64(value))))
        } else {
            fields.append((key, "\(value)"))
        }
    }

    /// `{"a":1,"b":"x"}`, keys in byte order; nil when a number could not be written.
    public var text: String? {
        guard !invalid else { return nil }
        let sorted = fields.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        return "{" + sorted.map { Self.quoted($0.key) + ":" + $0.value }.joined(separator: ",") + "}"
    }

    static func quoted(_ text: String) -> String {
        // Most values (names, paths, times) need no escape: one pass over the bytes decides.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            return "\"" + text + "\""
        }
        var out = "\""
        out.reserveCapacity(text.utf8.count + 2)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            case let control where control.value < 0x20:
                let hex = String(control.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
