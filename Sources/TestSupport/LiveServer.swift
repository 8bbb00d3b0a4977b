import Foundation

/// How tests find the real servers that `scripts/test` starts (MariaDB, moto_server, pushgateway, Spark Thrift).
/// Each start script writes `NAME=value` lines to `.services/<service>.env`; `scripts/test` exports them.
///
/// A live test is enabled when its variable is set, and also whenever `CI` is set: in CI a missing server
/// must fail the test (via `#require`), never skip it silently. On a laptop without the server the test is
/// skipped and Swift Testing prints the reason.
public enum LiveServer {
    public static var environment: [String: String] { ProcessInfo.processInfo.environment }

    public static var isCI: Bool { !(environment["CI"] ?? "").isEmpty }

    /// The value of a `PDM_TEST_*` variable, if the server was started.
    public static func value(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }

    /// Use as `@Test(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))`.
    public static func available(_ name: String) -> Bool { value(name) != nil || isCI }

    /// The repository root (where Package.swift is), for fixtures and scripts.
    public static var repositoryRoot: URL {
        var url = URL(fileURLWithPath: #filePath)
        while url.path != "/" {
            url.deleteLastPathComponent()
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }
}
