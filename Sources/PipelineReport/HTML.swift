import Foundation

/// Text and links made safe for the page. Every string from a timeline goes through `escape` (task keys, step
/// names, reasons and paths come from pipeline files and task output).
enum HTML {
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }

    /// The `href` of a log file: relative to the page's folder when it is inside the page folder's parent (the
    /// log base: runs are sibling folders there), so the folder can be copied elsewhere with its links; a
    /// `file://` URL otherwise. Percent-encoded, then HTML-escaped by the caller.
    static func link(to path: String, from pageFolder: String?) -> String {
        let target = components(path)
        if let pageFolder {
            let base = components(pageFolder)
            let common = zip(base, target).prefix { $0 == $1 }.count
            // Within the log base (at most one level up), relative; beyond it, an absolute file URL is clearer.
            if common > 0, base.count - common <= 1 {
                let up = Array(repeating: "..", count: base.count - common)
                return (up + target.dropFirst(common).map(encode)).joined(separator: "/")
            }
        }
        return "file:///" + target.map(encode).joined(separator: "/")
    }

    private static func components(_ path: String) -> [String] {
        path.split(separator: "/").map(String.init).filter { $0 != "." }
    }

    private static let unreserved = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~")

    private static func encode(_ component: String) -> String {
        component.addingPercentEncoding(withAllowedCharacters: unreserved) ?? component
    }
}
