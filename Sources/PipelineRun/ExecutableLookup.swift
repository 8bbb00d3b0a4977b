import Foundation

/// Finds an executable the way `execvp` would, but against the environment the child will get.
public enum ExecutableLookup {
    public static func resolve(_ name: String, environment: [String: String]) -> String? {
        if name.contains("/") { return isExecutable(name) ? name : nil }
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        for folder in path.split(separator: ":", omittingEmptySubsequences: false) {
            let candidate = (folder.isEmpty ? "." : String(folder)) + "/" + name
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }

    /// Exists (through symlinks), is not a folder, and may be executed by us. `stat(2)` itself, not
    /// `FileManager`: this runs at every task launch.
    static func isExecutable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) != S_IFDIR && access(path, X_OK) == 0
    }
}
