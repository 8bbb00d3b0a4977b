/// SigV4's URI encoding: every byte except the unreserved characters `A-Z a-z 0-9 - . _ ~` becomes `%XX`
/// (upper-case hex), and `/` is kept in paths.
enum URIEncoding {
    static func encode(_ text: String, keepSlash: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."),
                UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            case UInt8(ascii: "/") where keepSlash:
                out.append("/")
            default:
                out += "%" + String(byte >> 4, radix: 16, uppercase: true) + String(byte & 0xF, radix: 16, uppercase: true)
            }
        }
        return out
    }

    static func encodePath(_ path: String) -> String {
        encode(path.hasPrefix("/") ? path : "/" + path, keepSlash: true)
    }

    /// `name=value` pairs, encoded, sorted by name then value (byte order of the encoded text).
    static func canonicalQuery(_ items: [QueryItem]) -> String {
        items.map { (encode($0.name), encode($0.value)) }
            .sorted { $0.0 == $1.0 ? $0.1 < $1.1 : $0.0 < $1.0 }
            .map { "\($0.0)=\($0.1)" }
            .joined(separator: "&")
    }

    /// Removes `.` and `..` segments and empty segments (`//`), keeping a trailing slash. Not for S3,
    /// whose keys may legitimately contain them.
    static func normalizePath(_ path: String) -> String {
        var segments: [Substring] = []
        for segment in path.split(separator: "/", omittingEmptySubsequences: true) {
            switch segment {
            case ".": continue
            case "..": if !segments.isEmpty { segments.removeLast() }
            default: segments.append(segment)
            }
        }
        var result = "/" + segments.joined(separator: "/")
        if path.hasSuffix("/"), !segments.isEmpty { result += "/" }
        return result
    }
}
