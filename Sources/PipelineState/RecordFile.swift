import Basics
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading and atomically replacing one JSON record file.
enum RecordFile {
    static let encoder: JSONEncoder = {
        let encoder = JSONOutput.encoder()
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    /// Nil when the file does not exist; any other problem is an error (never "no record").
    static func read(_ url: URL) throws(StateError) -> RunRecord? {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch let error as CocoaError where error.code == .fileReadNoSuchFile {
            return nil
        } catch {
            throw .unavailable(what: "cannot read state record", location: url.path, reason: error.localizedDescription)
        }
        let record: RunRecord
        do {
            record = try decoder().decode(RunRecord.self, from: data)
        } catch {
            throw .corruptRecord(path: url.path, reason: describe(error))
        }
        return try record.checked(at: url.path)
    }

    static func replace(_ url: URL, with record: RunRecord) throws(StateError) {
        let data: Data
        do {
            data = try encoder.encode(record) + Data("\n".utf8)
        } catch {
            throw .unavailable(what: "cannot encode state record", location: url.path, reason: "\(error)")
        }
        // A new file of a random name, never an existing one and never through a symlink: a name planted in
        // advance (a symlink to another file of ours) is refused, not written through. 0600 from its first byte.
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        let fail = { (what: String) -> StateError in
            .unavailable(what: what, location: temporary.path, reason: String(cString: strerror(errno)))
        }
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw fail("cannot create") }
        var ok = data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 {
                    if errno == EINTR { continue }
                    return false
                }
                offset += written
            }
            return true
        }
        ok = ok && fsync(fd) == 0
        let error = fail("cannot write")
        close(fd)
        guard ok else {
            unlink(temporary.path)
            throw error
        }
        guard rename(temporary.path, url.path) == 0 else {
            let error = fail("cannot rename")
            unlink(temporary.path)
            throw error
        }
        // The rename itself must survive a crash too.
        let folder = open(url.deletingLastPathComponent().path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if folder >= 0 {
            fsync(folder)
            close(folder)
        }
    }

    private static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.dataCorrupted(let context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            return "bad value at \(context.codingPath.map(\.stringValue).joined(separator: ".")): \(context.debugDescription)"
        case DecodingError.keyNotFound(let key, _):
            return "missing \(key.stringValue)"
        case DecodingError.typeMismatch(_, let context), DecodingError.valueNotFound(_, let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return "bad value at \(path): \(context.debugDescription)"
        default:
            return "\(error)"
        }
    }
}
