import Foundation
import Metastore
import PipelinePlan
import Testing

struct ConnectionSettingsResolverTests {
    struct StubSecrets: SecretSource {
        var secrets: [String: String]
        func secretString(id: String) async throws -> String {
            guard let value = secrets[id] else { throw CocoaError(.fileNoSuchFile) }
            return value
        }
    }

    static let files: [String: String] = [
        "/run/pw": "from-file\n",
        "/run/empty": "\n",
        "/run/my.cnf": "[client]\nhost=opt.example\nuser=opt-user\npassword=from-option-file\ndatabase=opt_db\n",
    ]

    func resolver(environment: [String: String] = [:], secrets: [String: String]? = nil) -> ConnectionSettingsResolver {
        ConnectionSettingsResolver(
            environment: environment, secrets: secrets.map { StubSecrets(secrets: $0) },
            readFile: { path in
                guard let text = Self.files[path] else { throw CocoaError(.fileReadNoSuchFile) }
                return text
            })
    }

    let base = MetastoreSettings(host: "db.example", database: "hive_metastore_v2", user: "pdm-writer")

    @Test func passwordFileWinsAndLosesItsNewline() async throws {
        var settings = base
        settings.passwordFile = "/run/pw"
        let (config, source) = try await resolver(environment: ["PDM_METASTORE_PASSWORD": "env"]).resolve(settings)
        #expect(config.password?.reveal == "from-file")
        #expect(source == .file("/run/pw"))
        #expect(config.target == "db.example:3306/hive_metastore_v2 as pdm-writer")
        #expect(config.tls == .disabled)
    }

    @Test func environmentPassword() async throws {
        let (config, source) = try await resolver(environment: ["PDM_METASTORE_PASSWORD": "env"]).resolve(base)
        #expect(config.password?.reveal == "env")
        #expect(source == .environment("PDM_METASTORE_PASSWORD"))
    }

    @Test func namedEnvironmentVariableMustBeSet() async {
        var settings = base
        settings.passwordEnvironment = "METASTORE_PW"
        await #expect(throws: MetastoreError.unusableInput("environment variable METASTORE_PW (the metastore password) is not set")) {
            try await resolver().resolve(settings)
        }
    }

    @Test func secretSuppliesPasswordAndMissingSettings() async throws {
        let settings = MetastoreSettings(database: "hive_metastore_v2", secretID: "pdm/metastore")
        let json = #"{"username":"pdm-writer","password":"from-secret","host":"aurora.example","port":3307,"dbInstanceIdentifier":"x"}"#
        let (config, source) = try await resolver(secrets: ["pdm/metastore": json]).resolve(settings)
        #expect(config.password?.reveal == "from-secret")
        #expect(source == .secret("pdm/metastore"))
        #expect(config.target == "aurora.example:3307/hive_metastore_v2 as pdm-writer")
    }

    @Test func unreadableSecretIsSecretUnavailable() async {
        let settings = MetastoreSettings(host: "h", database: "d", user: "u", secretID: "missing")
        await #expect(throws: MetastoreError.self) { try await resolver(secrets: [:]).resolve(settings) }
        do {
            _ = try await resolver(secrets: [:]).resolve(settings)
        } catch {
            guard case .secretUnavailable(let message) = error else {
                Issue.record("expected secretUnavailable, got \(error)")
                return
            }
            #expect(message.hasPrefix("cannot read secret missing: "))
        }
    }

    @Test func optionFileSuppliesEverything() async throws {
        let settings = MetastoreSettings(optionFile: "/run/my.cnf")
        let (config, source) = try await resolver().resolve(settings)
        #expect(config.password?.reveal == "from-option-file")
        #expect(source == .optionFile("/run/my.cnf"))
        #expect(config.target == "opt.example:3306/opt_db as opt-user")
    }

    @Test func unusableInputMessages() async {
        await #expect(throws: MetastoreError.unusableInput(
            "no metastore password source: give --metastore-password-file, --metastore-secret-id, an option file with a [client] password, or set PDM_METASTORE_PASSWORD")) {
            try await resolver().resolve(base)
        }
        var settings = base
        settings.passwordFile = "/run/empty"
        await #expect(throws: MetastoreError.unusableInput("password file /run/empty is empty")) {
            try await resolver().resolve(settings)
        }
        settings.host = nil
        settings.passwordFile = "/run/pw"
        await #expect(throws: MetastoreError.unusableInput(
            "no metastore host: give --metastore-host, PDM_METASTORE_HOST or `metastore { host }`")) {
            try await resolver().resolve(settings)
        }
        settings = MetastoreSettings(host: "h", database: "d", user: "u", secretID: "s")
        await #expect(throws: MetastoreError.unusableInput(
            "--metastore-secret-id needs AWS Secrets Manager, which this build cannot reach")) {
            try await resolver().resolve(settings)
        }
    }

    @Test func tlsWithoutReadableCA() async {
        var settings = base
        settings.tls = true
        settings.tlsCA = "/nonexistent/ca.pem"
        await #expect(throws: MetastoreError.unusableInput("TLS CA file /nonexistent/ca.pem is not readable: give --metastore-tls-ca")) {
            try await resolver(environment: ["PDM_METASTORE_PASSWORD": "x"]).resolve(settings)
        }
    }

    @Test func layering() throws {
        let file = MetastoreSettings(host: "file", port: 3306, database: "file_db", user: "file_user", passwordFile: "/f")
        let environment = try MetastoreSettings.fromEnvironment([
            "PDM_METASTORE_HOST": "env", "PDM_METASTORE_PORT": "3310", "PDM_METASTORE_TLS": "true",
        ])
        let flags = MetastoreSettings(host: "flag")
        let merged = file.overlaid(by: environment).overlaid(by: flags)
        #expect(merged == MetastoreSettings(
            host: "flag", port: 3310, database: "file_db", user: "file_user", passwordFile: "/f", tls: true))
        #expect(throws: MetastoreError.unusableInput("PDM_METASTORE_PORT=abc is not a port number")) {
            try MetastoreSettings.fromEnvironment(["PDM_METASTORE_PORT": "abc"])
        }
    }
}
