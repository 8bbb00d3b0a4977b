import Foundation
import Metastore
import Testing
import TestSupport

@Suite(.enabled(if: LiveMariaDB.enabled, LiveMariaDB.reason))
struct MariaDBConnectionTests {
    @Test func queriesReturnStringsAndNulls() throws {
        let server = try LiveMariaDB()
        let connection = try MariaDBConnection(try server.config(database: "pdm_fx_tls"))
        let rows = try connection.query("SELECT 'a''b', NULL, 42 UNION ALL SELECT 'é', '', -1")
        #expect(rows == [["a'b", nil, "42"], ["é", "", "-1"]])
        #expect(connection.cipher == nil)
    }

    @Test func sessionIsReadOnly() throws {
        let server = try LiveMariaDB()
        let connection = try MariaDBConnection(try server.config(database: "pdm_fx_tls"))
        #expect(throws: MetastoreError.queryFailed(
            code: 1792, message: "Cannot execute statement in a READ ONLY transaction")) {
            try connection.query("CREATE TABLE t (a INT)")
        }
    }

    @Test func literalEscapesQuotesAndBackslashes() throws {
        let server = try LiveMariaDB()
        let connection = try MariaDBConnection(try server.config(database: "pdm_fx_tls"))
        let tricky = #"it's a \ "test""#
        #expect(try connection.query("SELECT \(connection.literal(tricky))") == [[tricky]])
    }

    @Test func wrongPasswordIsAccessDenied() throws {
        let server = try LiveMariaDB()
        var config = try server.config(database: "pdm_fx_tls")
        config.password = Password("not-the-password")
        let failure = try connectionFailure(config)
        #expect(failure.kind == .accessDenied)
        #expect(failure.code == 1045)
        #expect(failure.message == "Access denied for user 'pdm_writer'@'127.0.0.1' (using password: YES)")
        #expect(!failure.description.contains("not-the-password"))
    }

    @Test func unknownDatabase() throws {
        let server = try LiveMariaDB()
        let failure = try connectionFailure(try server.config(database: "pdm_fx_absent"))
        #expect(failure.kind == .unknownDatabase)
        #expect(failure.code == 1049)
        #expect(failure.message == "Unknown database 'pdm_fx_absent'")
    }

    @Test func serverDownIsUnreachable() throws {
        let server = try LiveMariaDB()
        var config = try server.config(database: "pdm_fx_tls")
        config.port = try LiveMariaDB.closedPort()
        let failure = try connectionFailure(config)
        #expect(failure.kind == .unreachable)
        #expect(failure.code == 2002)
        #expect(failure.description.hasPrefix("cannot reach 127.0.0.1:\(config.port)/pdm_fx_tls as pdm_writer (MySQL error 2002): "))
    }

    @Test func tlsRequiredAgainstPlainServerFailsInsteadOfFallingBack() throws {
        let server = try LiveMariaDB()
        var config = try server.config(database: "pdm_fx_tls")
        config.tls = .required(caFile: try #require(LiveServer.value("PDM_TEST_MARIADB_TLS_CA")))
        let failure = try connectionFailure(config)
        #expect(failure.kind == .tlsRequired)
        #expect(failure.code == 2026)
        #expect(failure.message == "TLS/SSL error: SSL is required, but the server does not support it")
    }

    @Test func tlsRequiredWithTheRightCAConnectsWithACipher() throws {
        let config = try tlsConfig(ca: "PDM_TEST_MARIADB_TLS_CA")
        let connection = try MariaDBConnection(config)
        let cipher = try #require(connection.cipher)
        #expect(!cipher.isEmpty)
        let status = try connection.query("SHOW SESSION STATUS LIKE 'Ssl_cipher'")
        #expect(status == [["Ssl_cipher", cipher]])
    }

    @Test func tlsWithAnUntrustedCAFails() throws {
        let failure = try connectionFailure(try tlsConfig(ca: "PDM_TEST_MARIADB_TLS_OTHER_CA"))
        #expect(failure.kind == .tlsFailed)
        #expect(failure.code == 2026)
        #expect(failure.message == "TLS/SSL error: self-signed certificate in certificate chain")
    }

    @Test func userThatRequiresTLSIsRefusedWithoutIt() throws {
        var config = try tlsConfig(ca: "PDM_TEST_MARIADB_TLS_CA")
        config.tls = .disabled
        let failure = try connectionFailure(config)
        #expect(failure.kind == .accessDenied)
        #expect(failure.code == 1045)
    }

    private func tlsConfig(ca variable: String) throws -> ConnectionConfig {
        let server = try LiveMariaDB()
        let (user, password) = try LiveMariaDB.credential("TLS")
        let port = try #require(LiveServer.value("PDM_TEST_MARIADB_TLS_PORT").flatMap(Int.init))
        let ca = try #require(LiveServer.value(variable))
        return ConnectionConfig(
            host: server.host, port: port, database: "pdm_fx_tls", user: user, password: password,
            tls: .required(caFile: ca))
    }

    private func connectionFailure(_ config: ConnectionConfig) throws -> ConnectionFailure {
        do {
            _ = try MariaDBConnection(config)
        } catch .connectionFailed(let failure) {
            return failure
        } catch {
            Issue.record("expected a connection failure, got \(error)")
        }
        throw CancellationError()
    }
}
