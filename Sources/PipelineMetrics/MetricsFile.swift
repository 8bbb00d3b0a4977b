import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where Hive's metrics are read and where the merged document is written.
///
/// The merged document goes to its own file beside Hive's (`pdm-metrics.json` in the same folder), never over
/// Hive's file: Hive replaces its file on its own schedule, so writing back into it would race Hive and could put
/// an older copy of Hive's values over a newer one. Every write is a temp file in the same folder, then
/// `rename(2)`: a reader sees the old document or the new one, never a partial or doubled one.
public struct MetricsFile: Sendable, Hashable {
    /// Hive's JSON_FILE reporter output (`/var/log/hive/metrics.json` on EMR); nil: ours only.
    public var hive: URL?
    /// The merged document; nil: nothing written locally (the bytes still go to S3).
    public var output: URL?

    public init(hive: URL?, output: URL? = nil) {
        self.hive = hive
        self.output = output ?? hive.map(Self.output(besides:))
    }

    /// `pdm-metrics.json` in the folder of Hive's file (`pdm-metrics.merged.json` if Hive's file has that name).
    public static func output(besides hive: URL) -> URL {
        let folder = hive.deletingLastPathComponent()
        let name = hive.lastPathComponent == "pdm-metrics.json" ? "pdm-metrics.merged.json" : "pdm-metrics.json"
        return folder.appendingPathComponent(name)
    }

    /// Hive's latest document: nil when there is no file yet; an error when it cannot be read or parsed
    /// (Hive half-way through a non-atomic write): the caller keeps the last good one.
    public func readHive() -> Result<CodahaleDocument?, MetricsFileError> {
        guard let hive else { return .success(nil) }
        let data: Data
        do {
            data = try Data(contentsOf: hive)
        } catch {
            if !FileManager.default.fileExists(atPath: hive.path) { return .success(nil) }
            return .failure(.io(path: hive.path, reason: "cannot read: \(error.localizedDescription)"))
        }
        do { return .success(try CodahaleDocument(parsing: data)) } catch { return .failure(error) }
    }

    /// Writes `data` to `url` through a temp file in the same folder and a rename.
    public static func writeAtomically(_ data: Data, to url: URL) throws(MetricsFileError) {
        let folder = url.deletingLastPathComponent().path
        let temp = "\(folder)/.\(url.lastPathComponent).\(getpid()).\(UInt32.random(in: 0...UInt32.max)).tmp"
        let fd = open(temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .io(path: temp, reason: String(cString: strerror(errno))) }
        var failure: String?
        data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
            var offset = 0
            while offset < buffer.count {
                let n = write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = String(cString: strerror(errno))
                    return
                }
                offset += n
            }
        }
        if failure == nil, fsync(fd) != 0 { failure = String(cString: strerror(errno)) }
        close(fd)
        if failure == nil, rename(temp, url.path) != 0 { failure = String(cString: strerror(errno)) }
        if let failure {
            unlink(temp)
            throw .io(path: url.path, reason: failure)
        }
    }
}
