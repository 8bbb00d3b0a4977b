import Foundation

/// A small strict JSON reader into `JSONValue`: one document, nothing after it but whitespace (two appended
/// documents are an error), integers kept exact. Written out rather than going through `Decodable` because
/// telling a value's type there means trying each type and throwing on every miss, which is slow on a file read
/// every few seconds.
struct JSONParser {
    private let bytes: [UInt8]
    private var i = 0

    static func parse(_ data: Data) throws(MetricsFileError) -> JSONValue {
        var parser = JSONParser(bytes: [UInt8](data))
        let value = try parser.value(depth: 0)
        parser.skipSpace()
        guard parser.i == parser.bytes.count else { throw parser.fail("unexpected data after the document") }
        return value
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private func fail(_ why: String) -> MetricsFileError { .notJSON("\(why) at byte \(i)") }

    private mutating func skipSpace() {
        while i < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[i]) { i += 1 }
    }

    private mutating func value(depth: Int) throws(MetricsFileError) -> JSONValue {
        guard depth < 64 else { throw fail("nested too deeply") }
        skipSpace()
        guard i < bytes.count else { throw fail("unexpected end") }
        switch bytes[i] {
        case UInt8(ascii: "{"):
            i += 1
            var object: [String: JSONValue] = [:]
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(object) }
            while true {
                skipSpace()
                let key = try string()
                skipSpace()
                try expect(UInt8(ascii: ":"))
                object[key] = try value(depth: depth + 1)
                skipSpace()
                if try next(UInt8(ascii: ","), or: UInt8(ascii: "}")) { return .object(object) }
            }
        case UInt8(ascii: "["):
            i += 1
            var array: [JSONValue] = []
            skipSpace()
            if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(array) }
            while true {
                array.append(try value(depth: depth + 1))
                skipSpace()
                if try next(UInt8(ascii: ","), or: UInt8(ascii: "]")) { return .array(array) }
            }
        case UInt8(ascii: "\""):
            return .string(try string())
        case UInt8(ascii: "t"): try word("true"); return .bool(true)
        case UInt8(ascii: "f"): try word("false"); return .bool(false)
        case UInt8(ascii: "n"): try word("null"); return .null
        default:
            return try number()
        }
    }

    /// After an element: true at the closing byte, false after a comma.
    private mutating func next(_ comma: UInt8, or close: UInt8) throws(MetricsFileError) -> Bool {
        guard i < bytes.count else { throw fail("unexpected end") }
        let b = bytes[i]
        i += 1
        if b == close { return true }
        if b == comma { return false }
        throw fail("expected ',' or '\(Character(UnicodeScalar(close)))'")
    }

    private mutating func expect(_ byte: UInt8) throws(MetricsFileError) {
        guard i < bytes.count, bytes[i] == byte else { throw fail("expected '\(Character(UnicodeScalar(byte)))'") }
        i += 1
    }

    private mutating func word(_ text: String) throws(MetricsFileError) {
        for b in text.utf8 { try expect(b) }
    }

    private mutating func number() throws(MetricsFileError) -> JSONValue {
        let start = i
        var integral = true
        while i < bytes.count {
            let b = bytes[i]
            if (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: "+") {
                i += 1
            } else if b == UInt8(ascii: ".") || b == UInt8(ascii: "e") || b == UInt8(ascii: "E") {
                integral = false
                i += 1
            } else {
                break
            }
        }
        let text = String(decoding: bytes[start..<i], as: UTF8.self)
        if integral, let n = Int64(text) { return .integer(n) }
        guard !text.isEmpty, let d = Double(text), d.isFinite else {
            i = start
            throw fail("not a JSON value")
        }
        return .number(d)
    }

    private mutating func string() throws(MetricsFileError) -> String {
        try expect(UInt8(ascii: "\""))
        var out: [UInt8] = []
        while true {
            guard i < bytes.count else { throw fail("unterminated string") }
            let b = bytes[i]
            i += 1
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: out, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard i < bytes.count else { throw fail("unterminated string") }
                let e = bytes[i]
                i += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "u"):
                    guard i + 4 <= bytes.count, let code = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
                        throw fail("bad \\u escape")
                    }
                    i += 4
                    out.append(contentsOf: Array(String(UnicodeScalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
                default: out.append(e)
                }
            default:
                guard b >= 0x20 else { throw fail("control character in a string") }
                out.append(b)
            }
        }
    }
}
