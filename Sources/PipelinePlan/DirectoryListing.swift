#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Lists regular files under a folder with readdir, relative to it. Foundation's enumerator costs
/// a URL and a stat per entry, which dominated planning of large pipelines. Symlinked folders are not
/// followed (no cycles); symlinked files count when they point at a regular file.
enum DirectoryListing {
    static func files(under root: String) -> [String] {
        var out: [String] = []
        walk(root, relative: "", into: &out)
        return out
    }

    private static func walk(_ directory: String, relative: String, into out: inout [String]) {
        guard let dir = opendir(directory) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            let path = directory + "/" + name
            let rel = relative.isEmpty ? name : relative + "/" + name
            var type = entry.pointee.d_type
            if type == UInt8(DT_UNKNOWN) || type == UInt8(DT_LNK) {
                var info = stat()
                guard stat(path, &info) == 0 else { continue }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                if isDirectory, type == UInt8(DT_LNK) { continue }
                type = isDirectory ? UInt8(DT_DIR) : ((info.st_mode & S_IFMT) == S_IFREG ? UInt8(DT_REG) : 0)
            }
            if type == UInt8(DT_DIR) {
                walk(path, relative: rel, into: &out)
            } else if type == UInt8(DT_REG) {
                out.append(rel)
            }
        }
    }
}
