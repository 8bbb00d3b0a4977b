import ArgumentParser
import Basics
import PipelinePlan

/// The metastore connection flags, shared by `preflight` and `run`. They win over the environment
/// (`PDM_METASTORE_*`), which wins over the pipeline file's `metastore { }` block. No flag takes a password.
struct MetastoreOptions: ParsableArguments {
    @Option(name: .customLong("metastore-host"), help: "The metastore MySQL host.")
    var host: String?

    @Option(name: .customLong("metastore-port"), help: "The metastore MySQL port (default 3306).")
    var port: Int?

    @Option(name: .customLong("metastore-database"), help: "The metastore database, e.g. hive_metastore_v2.")
    var database: String?

    @Option(name: .customLong("metastore-user"), help: "The MySQL user Hive uses, e.g. pdm-writer.")
    var user: String?

    @Option(name: .customLong("metastore-password-file"), help: "A file holding the password (one line).")
    var passwordFile: String?

    @Option(name: .customLong("metastore-password-env"), help: "An environment variable holding the password.")
    var passwordEnvironment: String?

    @Option(name: .customLong("metastore-option-file"), help: "A MySQL option file; its [client] group is read.")
    var optionFile: String?

    @Option(name: .customLong("metastore-secret-id"), help: "An AWS Secrets Manager secret (RDS JSON: username, password, host, port).")
    var secretID: String?

    @Flag(name: .customLong("metastore-tls"), help: "Require TLS with a verified server certificate; never fall back to plaintext.")
    var tls = false

    @Option(name: .customLong("metastore-tls-ca"), help: "The CA bundle for --metastore-tls (default: the system bundle).")
    var tlsCA: String?

    func validate() throws {
        if let port, !PortNumber.isValid(port) {
            throw ValidationError("--metastore-port takes 1 to 65535, not \(port)")
        }
    }

    /// The flags as settings, to overlay on the file's and the environment's.
    var settings: MetastoreSettings {
        MetastoreSettings(
            host: host, port: port, database: database, user: user, passwordFile: passwordFile,
            passwordEnvironment: passwordEnvironment, optionFile: optionFile, secretID: secretID, tls: tls, tlsCA: tlsCA)
    }
}
