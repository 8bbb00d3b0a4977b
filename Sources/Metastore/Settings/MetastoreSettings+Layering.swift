import Basics
import PipelinePlan

extension MetastoreSettings {
    /// The environment variables preflight reads (flags win over them, they win over the pipeline file).
    public enum Variable {
        public static let host = "PDM_METASTORE_HOST"
        public static let port = "PDM_METASTORE_PORT"
        public static let database = "PDM_METASTORE_DATABASE"
        public static let user = "PDM_METASTORE_USER"
        public static let passwordFile = "PDM_METASTORE_PASSWORD_FILE"
        /// Holds the password itself, unless the settings name another variable.
        public static let password = "PDM_METASTORE_PASSWORD"
        public static let optionFile = "PDM_METASTORE_OPTION_FILE"
        public static let secretID = "PDM_METASTORE_SECRET_ID"
        public static let tls = "PDM_METASTORE_TLS"
        public static let tlsCA = "PDM_METASTORE_TLS_CA"
    }

    /// Settings taken from the environment; an unparsable port or TLS flag is unusable input.
    public static func fromEnvironment(_ environment: [String: String]) throws(MetastoreError) -> MetastoreSettings {
        func value(_ name: String) -> String? {
            guard let value = environment[name], !value.isEmpty else { return nil }
            return value
        }
        var settings = MetastoreSettings(
            host: value(Variable.host), database: value(Variable.database), user: value(Variable.user),
            passwordFile: value(Variable.passwordFile), optionFile: value(Variable.optionFile),
            secretID: value(Variable.secretID), tlsCA: value(Variable.tlsCA))
        if let port = value(Variable.port) {
            guard let number = PortNumber.parse(port) else {
                throw .unusableInput("\(Variable.port)=\(port) is not a port number")
            }
            settings.port = number
        }
        if let tls = value(Variable.tls) {
            guard let value = BooleanWord.parse(tls) else {
                throw .unusableInput("\(Variable.tls)=\(tls) is neither true nor false")
            }
            settings.tls = value
        }
        return settings
    }

    /// `other`'s values win where it has one; TLS is required when either asks for it.
    public func overlaid(by other: MetastoreSettings) -> MetastoreSettings {
        MetastoreSettings(
            host: other.host ?? host, port: other.port ?? port, database: other.database ?? database,
            user: other.user ?? user, passwordFile: other.passwordFile ?? passwordFile,
            passwordEnvironment: other.passwordEnvironment ?? passwordEnvironment,
            optionFile: other.optionFile ?? optionFile, secretID: other.secretID ?? secretID,
            tls: tls || other.tls, tlsCA: other.tlsCA ?? tlsCA)
    }
}
