import Foundation
import Metastore
import Testing
import TestSupport

/// The plugin restriction (`AuthPlugins`) against the real MariaDB: ordinary accounts still authenticate,
/// over plaintext (challenge-response) and over verified TLS.
@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct AuthPluginsLiveTests {
    @Test func nativePasswordAccountWithoutTLS() throws {
        let server = try LiveMariaDB()
        let connection = try MariaDBConnection(server.config(database: "pdm_fx_tls"))
        #expect(connection.cipher == nil)
        #expect(try connection.query("SELECT CURRENT_USER()") == [["pdm_writer@%"]])
    }

    @Test func nativePasswordAccountOverVerifiedTLS() throws {
        let server = try LiveMariaDB(tls: true)
        let (user, password) = try LiveMariaDB.credential("TLS")
        let ca = try #require(LiveServer.value("PDM_TEST_MARIADB_TLS_CA"))
        let connection = try MariaDBConnection(ConnectionConfig(
            host: server.host, port: server.port, database: "pdm_fx_tls", user: user, password: password,
            tls: .required(caFile: ca)))
        #expect(connection.cipher != nil)
        #expect(try connection.query("SELECT CURRENT_USER()") == [["pdm_tls@%"]])
    }

    /// MariaDB's ed25519 is the other allowed challenge-response plugin: the server switches us to it.
    @Test func ed25519AccountWithoutTLS() async throws {
        let server = try LiveMariaDB()
        let user = "pdm_ed_\(UInt32.random(in: 0...UInt32.max))"
        let password = "pdm-\(UUID().uuidString)"
        try await server.admin("""
            INSTALL PLUGIN IF NOT EXISTS ed25519 SONAME 'auth_ed25519';
            CREATE USER '\(user)'@'%' IDENTIFIED VIA ed25519 USING PASSWORD('\(password)');
            GRANT SELECT ON `pdm\\_fx\\_%`.* TO '\(user)'@'%';
            """)
        try await LiveMariaDB.withCleanup({
            let connection = try MariaDBConnection(ConnectionConfig(
                host: server.host, port: server.port, database: "pdm_fx_tls", user: user, password: Password(password)))
            #expect(try connection.query("SELECT CURRENT_USER()") == [["\(user)@%"]])
        }, cleanup: { try? await server.admin("DROP USER '\(user)'@'%';") })
    }
}
