import Foundation

/// An `each_line` list file, read and split into values with the line and column each came from, or the true
/// reason it cannot be used: missing, a folder, unreadable, or not UTF-8 (with the offset of the first bad byte).
struct ListFile {
    struct Value: Equatable {
        var text: String
        /// 1-based, as in `file:line:col`.
        var line: Int
        var column: Int
    }

    enum Problem: Error, Equatable {
        case notFound
        case folder
        case special
        case unreadable
        case notUTF8(offset: Int, byte: UInt8, line: Int)
    }

    let text: String
    let values: [Value]

    static func read(_ path: String, from fileSystem: PlanFileSystem) -> Result<ListFile, Problem> {
        switch fileSystem.kind(path) {
        case .missing: return .failure(.notFound)
        case .folder: return .failure(.folder)
        case .special: return .failure(.special)
        case .file: break
        }
        guard let bytes = fileSystem.read(path) else { return .failure(.unreadable) }
        return decode(bytes).map(ListFile.init(text:))
    }

    /// Strict UTF-8: the first ill-formed sequence is reported, never replaced (String(decoding:) would
    /// silently substitute U+FFFD and a value would change).
    static func decode(_ bytes: [UInt8]) -> Result<String, Problem> {
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = bytes.makeIterator()
        var offset = 0
        var scalars = String.UnicodeScalarView()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let encoded):
                scalars.append(Unicode.UTF8.decode(encoded))
                offset += encoded.count
            case .error:
                let line = 1 + bytes[..<offset].count { $0 == UInt8(ascii: "\n") }
                return .failure(.notUTF8(offset: offset, byte: bytes[offset], line: line))
            case .emptyInput:
                return .success(String(scalars))
            }
        }
    }

    /// Non-blank lines that are not `#` comments, trimmed; the column is the first non-blank character's.
    init(text: String) {
        self.text = text
        var values: [Value] = []
        // Split on scalars: as Characters, "\r\n" is one grapheme and would not split on "\n".
        for (index, raw) in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let leading = raw.prefix { CharacterSet.whitespacesAndNewlines.contains($0) }.count
            let value = String(String.UnicodeScalarView(raw)).trimmingCharacters(in: .whitespacesAndNewlines)
            if value.isEmpty || value.hasPrefix("#") { continue }
            values.append(Value(text: value, line: index + 1, column: leading + 1))
        }
        self.values = values
    }

    static func message(_ problem: Problem, path: String) -> PlanMessage {
        switch problem {
        case .notFound: .listFileNotFound(path)
        case .folder: .listFileIsFolder(path)
        case .special: .listFileNotRegular(path)
        case .unreadable: .listFileUnreadable(path, PlanFileSystem.maxListFileBytes >> 20)
        case .notUTF8(let offset, let byte, let line): .listFileNotUTF8(path, String(format: "%02X", byte), offset, line)
        }
    }
}
