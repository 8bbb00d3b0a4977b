import Basics
import Foundation

/// The `[client]` group of a MySQL option file (`~/.my.cnf` style). Read by us, not by libmariadb, so we know
/// which values came from it and never hand libmariadb files we did not ask for.
public struct OptionFile: Sendable, Hashable {
    public var host: String?
    public var port: Int?
    public var user: String?
    public var password: Password?
    public var database: String?

    public init(host: String? = nil, port: Int? = nil, user: String? = nil, password: Password? = nil, database: String? = nil) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
    }

    /// `path` only names the file in messages.
    public static func parse(_ text: String, path: String) throws(MetastoreError) -> OptionFile {
        var options = OptionFile()
        var inClient = false
        for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(";") || line.hasPrefix("!") { continue }
            if line.hasPrefix("[") {
                guard line.hasSuffix("]") else {
                    throw .unusableInput("\(path):\(offset + 1): malformed group header '\(line)'")
                }
                inClient = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces).lowercased() == "client"
                continue
            }
            guard inClient else { continue }
            let key: String
            let value: String
            if let equals = line.firstIndex(of: "=") {
                key = line[..<equals].trimmingCharacters(in: .whitespaces)
                value = try unquote(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces),
                    at: "\(path):\(offset + 1)")
            } else {
                key = line
                value = ""
            }
            switch key.lowercased().replacingOccurrences(of: "_", with: "-") {
            case "host": options.host = value
            case "user": options.user = value
            case "password": options.password = Password(value)
            case "database": options.database = value
            case "port":
                guard let port = PortNumber.parse(value) else {
                    throw .unusableInput("\(path):\(offset + 1): port '\(value)' is not a port number")
                }
                options.port = port
            default: continue
            }
        }
        return options
    }

    /// `"a b"` / `'a b'` keep everything inside; unquoted values end at `#`.
    static func unquote(_ value: String, at location: String) throws(MetastoreError) -> String {
        if let quote = value.first, quote == "\"" || quote == "'" {
            guard let end = value.dropFirst().firstIndex(of: quote) else {
                throw .unusableInput("\(location): unterminated quote")
            }
            return String(value[value.index(after: value.startIndex)..<end])
        }
        let uncommented = value.firstIndex(of: "#").map { value[..<$0] } ?? Substring(value)
        return uncommented.trimmingCharacters(in: .whitespaces)
    }
}
