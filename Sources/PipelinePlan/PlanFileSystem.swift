import Basics
import Foundation

/// What the planner may ask of the file system: whether a path is a file or a folder, a list file's bytes,
/// and the files under the SQL root. A seam like `PlanRequest.environment`: the disk by default; the fuzz
/// target (`Fuzz/pdm-fuzz`) plans against an in-memory tree so no input can make it walk or read the machine.
public struct PlanFileSystem: Sendable {
    public enum Kind: Sendable, Hashable {
        case missing, file, folder
        /// A device, FIFO or socket: never read (`/dev/zero` would never end, a FIFO would block).
        case special
    }

    public var kind: @Sendable (_ path: String) -> Kind
    /// A regular file's bytes, or nil if it cannot be read (or exceeds `maxListFileBytes`).
    public var read: @Sendable (_ path: String) -> [UInt8]?
    /// Regular files under a folder, relative to it, in any order.
    public var files: @Sendable (_ folder: String) -> [String]

    public init(kind: @escaping @Sendable (String) -> Kind, read: @escaping @Sendable (String) -> [UInt8]?, files: @escaping @Sendable (String) -> [String]) {
        self.kind = kind
        self.read = read
        self.files = files
    }

    /// A list file is a list of names; anything larger is a mistake (a data file named by accident).
    public static let maxListFileBytes = 16 << 20

    public static let disk = PlanFileSystem(
        kind: { path in
            var info = stat()
            guard stat(path, &info) == 0 else { return .missing }
            switch info.st_mode & S_IFMT {
            case S_IFREG: return .file
            case S_IFDIR: return .folder
            default: return .special
            }
        },
        read: { path in RegularFile.read(path, maxBytes: Int(maxListFileBytes)) },
        files: DirectoryListing.files(under:))

    /// An in-memory tree: `files` maps absolute paths to contents; folders are implied by the paths.
    public static func memory(_ files: [String: [UInt8]]) -> PlanFileSystem {
        let folders = Set(files.keys.flatMap { path in
            var out: [String] = []
            var p = PathUtilities.directory(of: path)
            while p != "/", p != "." {
                out.append(p)
                p = PathUtilities.directory(of: p)
            }
            return out + ["/"]
        })
        return PlanFileSystem(
            kind: { path in
                let p = PathUtilities.normalize(path)
                return files[p] != nil ? .file : folders.contains(p) ? .folder : .missing
            },
            read: { files[PathUtilities.normalize($0)] },
            files: { folder in
                let prefix = PathUtilities.normalize(folder) == "/" ? "/" : PathUtilities.normalize(folder) + "/"
                return files.keys.filter { $0.hasPrefix(prefix) }.map { String($0.dropFirst(prefix.count)) }
            })
    }
}
