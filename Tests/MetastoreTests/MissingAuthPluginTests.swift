import Foundation
import Testing
import TestSupport

/// A server that switches the client to an allowed plugin the client cannot load (the release never loads a
/// host's plugins; here the built binary is pointed at an empty plugin folder): its own cause and remedy, exit 4,
/// instead of "access denied ... check the user and password".
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct MissingAuthPluginTests {
    @Test func ed25519WithoutItsPluginSaysSo() async throws {
        let server = try LiveMariaDB()
        let user = "pdm_noplug_\(UInt32.random(in: 0...UInt32.max))"
        let password = "pdm-\(UUID().uuidString)"
        try await server.admin("""
            INSTALL PLUGIN IF NOT EXISTS ed25519 SONAME 'auth_ed25519';
            CREATE USER '\(user)'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('\(password)');
            GRANT SELECT ON `pdm\\_fx\\_%`.* TO '\(user)'@'%';
            """)
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-no-plugins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        try await LiveMariaDB.withCleanup({
            let output = try await PreflightCommandTests.execute(
                ["preflight", "--metastore-host", server.host, "--metastore-port", "\(server.port)",
                 "--metastore-database", "pdm_fx_tls", "--metastore-user", user],
                environment: ["PDM_METASTORE_PASSWORD": password, "MARIADB_PLUGIN_DIR": empty.path])
            #expect(output.status == 4)
            #expect(output.stdout.contains("1   connection  fail    cannot authenticate to \(server.host):\(server.port)/pdm_fx_tls as \(user)"), "\(output.stdout)")
            #expect(output.stdout.contains("Plugin client_ed25519 could not be loaded"))
            #expect(output.stdout.contains("→ this client lacks the plugin the server asked for (a release carries mysql_native_password only): give the metastore user mysql_native_password"))
            #expect(!output.stdout.contains(password))
        }, cleanup: {
            try? FileManager.default.removeItem(at: empty)
            try? await server.admin("DROP USER '\(user)'@'%';")
        })
    }
}
