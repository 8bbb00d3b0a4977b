import Foundation
import Metastore
import PipelinePlan
import Testing
import TestSupport

/// `pipelines/pdm.pipe`'s metastore is Aurora over verified TLS with the RDS CA bundle (issue 8, defect 7).
struct PDMPipelineMetastoreTests {
    static let file = LiveServer.repositoryRoot.path + "/pipelines/pdm.pipe"
    static let bundle = "/etc/pki/rds/global-bundle.pem"

    func metastore(_ profile: String) throws -> MetastoreSettings {
        let request = PlanRequest(PlanArguments(file: Self.file, profile: profile, correlationID: "c", s3Prefix: "p"), today: "2026-11-21")
        return try #require(try Planner.plan(request).plan.metastore)
    }

    /// The RDS secret the pipeline names, as Secrets Manager would give it.
    func resolver(_ environment: [String: String]) -> ConnectionSettingsResolver {
        let secret = #"{"username":"pdm-writer","password":"s","host":"aurora.example","port":3306}"#
        return ConnectionSettingsResolver(
            environment: environment,
            secrets: ConnectionSettingsResolverTests.StubSecrets(secrets: ["metadata-store-v2-pdm-writer": secret]))
    }

    @Test(arguments: ["development", "qa", "integration", "preprod", "production"])
    func everyClusterProfileRequiresTLSWithTheRDSBundle(profile: String) throws {
        let settings = try metastore(profile)
        #expect(settings.tls)
        #expect(settings.tlsCA == Self.bundle)
    }

    /// The bundle path is configurable; an unreadable one stops the preflight (exit 2), never plaintext.
    @Test func bundlePathComesFromTheEnvironmentAndIsNeverSkipped() async throws {
        let other = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-ca-\(UUID().uuidString).pem")
        try "not checked here".write(to: other, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: other) }
        let environment = ["PDM_METASTORE_TLS_CA": other.path, "PDM_METASTORE_PASSWORD": "x"]
        let settings = try metastore("production").overlaid(by: try MetastoreSettings.fromEnvironment(environment))
        let (config, _) = try await resolver(environment).resolve(settings)
        #expect(config.tls == .required(caFile: other.path))

        let missing = ["PDM_METASTORE_TLS_CA": "/nonexistent/rds.pem", "PDM_METASTORE_PASSWORD": "x"]
        let unreadable = try metastore("production").overlaid(by: try MetastoreSettings.fromEnvironment(missing))
        await #expect(throws: MetastoreError.unusableInput("TLS CA file /nonexistent/rds.pem is not readable: give --metastore-tls-ca")) {
            _ = try await resolver(missing).resolve(unreadable)
        }
    }
}
