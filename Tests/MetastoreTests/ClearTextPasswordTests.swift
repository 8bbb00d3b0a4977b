import Foundation
import Metastore
import Testing
import TestSupport

/// Issue 8, defect 7: a server without TLS that asks the client to switch to a plugin which discloses the
/// password (`mysql_clear_password`, `dialog`; `caching_sha2_password`/`sha256_password`, which encrypt it to
/// an RSA key the server itself sends) must not get it. The fake records every byte; the canary never arrives.
struct ClearTextPasswordTests {
    static let disclosing = ["mysql_clear_password", "dialog", "caching_sha2_password", "sha256_password"]

    static let refusal = "the server asked for an authentication plugin that is not allowed without TLS (only "
        + "mysql_native_password and client_ed25519 are; the others send the password as clear text or to a key the "
        + "server supplies); the password was not sent"

    static func canary() -> String { "pdm-canary-\(UUID().uuidString)" }

    func config(port: Int, password: String, tls: ConnectionConfig.TLS = .disabled) -> ConnectionConfig {
        ConnectionConfig(
            host: "127.0.0.1", port: port, database: "hive_metastore_v2", user: "pdm-writer",
            password: Password(password), tls: tls, connectTimeoutSeconds: 5, readTimeoutSeconds: 5)
    }

    @Test(arguments: disclosing + ["pdm_unknown_plugin"])
    func switchIsRefusedBeforeThePasswordIsSent(plugin: String) async throws {
        let server = try await FakeMySQLServer(switches: [plugin], connections: 1)
        defer { server.stop() }
        let canary = Self.canary()
        do {
            _ = try MariaDBConnection(config(port: server.port, password: canary))
            Issue.record("authenticated to a server that switched to \(plugin)")
        } catch .connectionFailed(let failure) {
            #expect(failure.kind == .authPluginRefused)
            #expect(failure.code == 5010)
            #expect(failure.message == Self.refusal)
        } catch {
            Issue.record("expected a connection failure, got \(error)")
        }
        let connections = try await server.connections()
        #expect(connections.map(\.switch) == [plugin])
        #expect(connections.allSatisfy { !$0.disclosed(canary) })
        #expect(connections.allSatisfy { !$0.publicKeyRequested })
    }

    @Test func allowedPluginsNeverIncludeClearText() {
        #expect(AuthPlugins.withoutTLS == ["mysql_native_password", "client_ed25519"])
        #expect(Set(AuthPlugins.clearText).isDisjoint(with: AuthPlugins.withVerifiedTLS))
        #expect(Set(AuthPlugins.withoutTLS).isDisjoint(with: ["caching_sha2_password", "sha256_password"]))
    }

    /// The built binary: exit 4 (cannot connect) with the reason on the connection row; the canary is nowhere.
    @Test func preflightCommandFailsWithOneClearLine() async throws {
        let server = try await FakeMySQLServer(switches: ["mysql_clear_password"], connections: 1)
        defer { server.stop() }
        let canary = Self.canary()
        let binary = Command.product("pdm-pipeline")
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build pdm-pipeline first")
        let result = try await Command.run(
            binary,
            ["preflight", "--metastore-host", "127.0.0.1", "--metastore-port", "\(server.port)",
             "--metastore-database", "hive_metastore_v2", "--metastore-user", "pdm-writer"],
            environment: ["PATH": "/usr/bin:/bin", "PDM_METASTORE_PASSWORD": canary])
        #expect(result.status == 4)
        let target = "127.0.0.1:\(server.port)/hive_metastore_v2 as pdm-writer"
        #expect(result.stdout.contains(
            "1   connection  fail    refused to authenticate to \(target) (MySQL error 5010): \(Self.refusal)\n"))
        #expect(result.stdout.hasSuffix("Result: CANNOT CONNECT\n"))
        #expect(!(result.stdout + result.stderr).contains(canary))
        #expect(try await server.connections().allSatisfy { !$0.disclosed(canary) })
    }
}
