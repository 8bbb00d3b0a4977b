import AWS
import Foundation
import Metastore
import PipelinePlan
import Testing
import TestSupport

/// The Secrets Manager password path end to end: a secret in moto_server, the password it holds opening
/// the live MariaDB.
@Suite(.enabled(
    if: LiveServer.available("PDM_TEST_MOTO_URL") && LiveMariaDB.enabled, "moto_server or MariaDB not running: run scripts/test"))
struct SecretsManagerPreflightTests {
    func awsEnvironment() throws -> [String: String] {
        [
            "AWS_ENDPOINT_URL": try #require(LiveServer.value("PDM_TEST_MOTO_URL")),
            "AWS_REGION": try #require(LiveServer.value("PDM_TEST_MOTO_REGION")),
            "AWS_ACCESS_KEY_ID": try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
            "AWS_SECRET_ACCESS_KEY": try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY")),
        ]
    }

    @Test func secretFromMotoOpensTheMetastore() async throws {
        let server = try LiveMariaDB()
        let (user, password) = try LiveMariaDB.credential("WRITER")
        let environment = try awsEnvironment()
        let secretID = "pdm/metastore/\(UUID().uuidString)"
        let secret: [String: Any] = [
            "username": user, "password": password.reveal, "engine": "mysql", "host": server.host, "port": server.port,
            "dbInstanceIdentifier": "pdm-metastore",
        ]
        let json = String(decoding: try JSONSerialization.data(withJSONObject: secret), as: UTF8.self)
        try await SecretsManagerClient(configuration: AWSConfiguration.fromEnvironment(environment))
            .createSecret(name: secretID, secretString: json)

        try await server.withDatabase(fixture: "hive-3.1") { database in
            let report = await Preflight.run(
                settings: MetastoreSettings(database: database, secretID: secretID), databasesToCreate: [],
                resolver: ConnectionSettingsResolver(environment: environment, secrets: EnvironmentSecretSource(environment: environment)))
            #expect(report.outcome == .passed)
            #expect(report.target == "\(server.host):\(server.port)/\(database) as \(user)")
            #expect(report.passwordSource == "secret \(secretID)")
            #expect((try? report.renderJSON())?.contains(password.reveal) == false)
        }
    }

    @Test func missingSecretIsCannotConnect() async throws {
        let environment = try awsEnvironment()
        let report = await Preflight.run(
            settings: MetastoreSettings(host: "127.0.0.1", database: "d", user: "u", secretID: "pdm/no-such-secret"),
            databasesToCreate: [],
            resolver: ConnectionSettingsResolver(environment: environment, secrets: EnvironmentSecretSource(environment: environment)))
        #expect(report.outcome == .cannotConnect)
        #expect(report.exitCode == 4)
        #expect(report.checks.map(\.id) == [.settings])
        #expect(report.checks[0].reason.hasPrefix("cannot read secret pdm/no-such-secret: "))
    }
}
