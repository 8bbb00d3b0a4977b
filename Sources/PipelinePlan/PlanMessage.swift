import PipelineDSL

/// Every message the planner reports (profiles, variables, conditions, inputs, settings), with its stable id
/// `plan.<code>`. The input problems (`missing-file` ... `invalid-list-value`) are errors for `plan` and `run`;
/// `check` gets them as warnings (`PlanRequest.deferInputErrors`) and decides by id (`isDeferredInput`).
public enum PlanMessage: DiagnosticMessage, Hashable {
    case conditionNotBoolean(String, String)
    case cannotCompare(String)
    case invalidParallelism(String)
    case invalidMetastorePort(String)
    case invalidMetastoreTLS(String)
    case invalidMetricsDuration(String, positive: Bool, String)
    case invalidMetricsS3(String)
    case invalidPushgateway(String)
    case secretOnCommandLine(String)
    case passwordInJDBCURL(setting: String, key: String)
    case listFileNotFound(String)
    case listFileIsFolder(String)
    case listFileNotRegular(String)
    case listFileUnreadable(String, Int)
    case listFileNotUTF8(String, String, Int, Int)
    case emptyListFile(String)
    case invalidListValue(String, String)
    case missingFile(String)
    case folderNotFile(String)
    case emptyGlob(String, String)
    case unknownAction(String)
    case actionNotImplemented(String)
    case unknownProfile(String)
    case unknownVariableOverride(String)
    case missingRunParameter(String, String)
    case unknownStep(String)
    case unknownVariable(String)
    case variableCycle(String, String)
    case environmentVariableNotSet(String)
    case sqlRootNotFolder(String)
    case invalidBoolean(String, String)
    case invalidHiveServer2URL(String)
    case plaintextPassword(String)
    case plaintextPasswordAllowed(String)
    case invalidTableName(String, String)

    public var message: String {
        switch self {
        case .conditionNotBoolean(let condition, let value): "condition \(condition) is '\(value)', not true or false"
        case .cannotCompare(let text): "\(text) cannot be compared"
        case .invalidParallelism(let text): "parallelism must be a whole number of at least 1, not '\(text)'"
        case .invalidMetastorePort(let port): "metastore port must be a number from 1 to 65535, not '\(port)'"
        case .invalidMetastoreTLS(let tls): "metastore tls must be true or false, not '\(tls)'"
        case .invalidMetricsDuration(let key, let positive, let text): "metrics \(key) must be a duration like 5s or 3m\(positive ? " above zero" : ""), not '\(text)'"
        case .invalidMetricsS3(let value): "metrics s3 must be s3://BUCKET/KEY, not '\(value)'"
        case .invalidPushgateway(let url): "metrics pushgateway must be http(s)://host[:port], not '\(url)'"
        case .secretOnCommandLine(let name): "secret '\(name)' cannot be passed on a command line: every user of the machine can read a process's arguments"
        case .passwordInJDBCURL(let setting, let key):
            "\(setting) holds a password (;\(key)=...), which plans, logs and command lines would show: put it in a password_file"
        case .listFileNotFound(let path): "list file not found: \(path)"
        case .listFileIsFolder(let path): "list file \(path) is a folder, not a file"
        case .listFileNotRegular(let path): "list file \(path) is not a regular file (a device, FIFO or socket)"
        case .listFileUnreadable(let path, let limitMiB): "list file \(path) cannot be read (no permission, or larger than \(limitMiB) MiB)"
        case .listFileNotUTF8(let path, let byte, let offset, let line):
            "list file \(path) is not UTF-8 text: invalid byte 0x\(byte) at byte offset \(offset) (line \(line))"
        case .emptyListFile(let path): "list file \(path) has no values (only blank lines and # comments)"
        case .invalidListValue(let shown, let pattern): "list value '\(shown)' does not match \(pattern)"
        case .missingFile(let path): "file not found: \(path)"
        case .folderNotFile(let path): "\(path) is a folder, not an HQL file"
        case .emptyGlob(let pattern, let sqlRoot): "glob '\(pattern)' matches no file under \(sqlRoot)"
        case .unknownAction(let name): "unknown action '\(name)'"
        case .actionNotImplemented(let name): "action '\(name)' is not implemented by this binary"
        case .unknownProfile(let name): "unknown profile '\(name)'"
        case .unknownVariableOverride(let key): "--var \(key): no variable '\(key)' in this pipeline"
        case .missingRunParameter(let name, let flag): "missing run parameter '\(name)': pass \(flag)"
        case .unknownStep(let name): "no step named '\(name)' in this pipeline"
        case .unknownVariable(let name): "unknown variable '\(name)'"
        case .variableCycle(let name, let path): "variable '\(name)' depends on itself: \(path)"
        case .environmentVariableNotSet(let name): "environment variable \(name) is not set and has no default"
        case .sqlRootNotFolder(let path): "--sql-root \(path) is not a folder"
        case .invalidBoolean(let key, let value): "\(key) must be true or false, not '\(value)'"
        case .invalidHiveServer2URL(let reason): "the hiveserver2 engine cannot use this JDBC URL: \(reason)"
        case .plaintextPassword(let file):
            "the hiveserver2 password (password_file \(file)) would be sent in clear text: the JDBC URL has no ssl=true"
        case .plaintextPasswordAllowed(let file):
            "the hiveserver2 password (password_file \(file)) is sent in clear text (allow_plaintext_password): anyone on the network path can read it"
        case .invalidTableName(let key, let name): "\(key) takes table names, TABLE or DATABASE.TABLE, not '\(name)'"
        }
    }

    /// Each message's id within the domain; `catalogue` lists them all.
    public enum Code: String, CaseIterable, Sendable {
        case conditionNotBoolean = "condition-not-boolean"
        case cannotCompare = "cannot-compare"
        case invalidParallelism = "invalid-parallelism"
        case invalidMetastorePort = "invalid-metastore-port"
        case invalidMetastoreTLS = "invalid-metastore-tls"
        case invalidMetricsDuration = "invalid-metrics-duration"
        case invalidMetricsS3 = "invalid-metrics-s3"
        case invalidPushgateway = "invalid-pushgateway"
        case secretOnCommandLine = "secret-on-command-line"
        case passwordInJDBCURL = "password-in-jdbc-url"
        case listFileNotFound = "list-file-not-found"
        case listFileIsFolder = "list-file-is-folder"
        case listFileNotRegular = "list-file-not-regular"
        case listFileUnreadable = "list-file-unreadable"
        case listFileNotUTF8 = "list-file-not-utf8"
        case emptyListFile = "empty-list-file"
        case invalidListValue = "invalid-list-value"
        case missingFile = "missing-file"
        case folderNotFile = "folder-not-file"
        case emptyGlob = "empty-glob"
        case unknownAction = "unknown-action"
        case actionNotImplemented = "action-not-implemented"
        case unknownProfile = "unknown-profile"
        case unknownVariableOverride = "unknown-variable-override"
        case missingRunParameter = "missing-run-parameter"
        case unknownStep = "unknown-step"
        case unknownVariable = "unknown-variable"
        case variableCycle = "variable-cycle"
        case environmentVariableNotSet = "environment-variable-not-set"
        case sqlRootNotFolder = "sql-root-not-folder"
        case invalidBoolean = "invalid-boolean"
        case invalidHiveServer2URL = "invalid-hiveserver2-url"
        case plaintextPassword = "plaintext-password"
        case plaintextPasswordAllowed = "plaintext-password-allowed"
        case invalidTableName = "invalid-table-name"
    }

    public var code: Code {
        switch self {
        case .conditionNotBoolean: .conditionNotBoolean
        case .cannotCompare: .cannotCompare
        case .invalidParallelism: .invalidParallelism
        case .invalidMetastorePort: .invalidMetastorePort
        case .invalidMetastoreTLS: .invalidMetastoreTLS
        case .invalidMetricsDuration: .invalidMetricsDuration
        case .invalidMetricsS3: .invalidMetricsS3
        case .invalidPushgateway: .invalidPushgateway
        case .secretOnCommandLine: .secretOnCommandLine
        case .passwordInJDBCURL: .passwordInJDBCURL
        case .listFileNotFound: .listFileNotFound
        case .listFileIsFolder: .listFileIsFolder
        case .listFileNotRegular: .listFileNotRegular
        case .listFileUnreadable: .listFileUnreadable
        case .listFileNotUTF8: .listFileNotUTF8
        case .emptyListFile: .emptyListFile
        case .invalidListValue: .invalidListValue
        case .missingFile: .missingFile
        case .folderNotFile: .folderNotFile
        case .emptyGlob: .emptyGlob
        case .unknownAction: .unknownAction
        case .actionNotImplemented: .actionNotImplemented
        case .unknownProfile: .unknownProfile
        case .unknownVariableOverride: .unknownVariableOverride
        case .missingRunParameter: .missingRunParameter
        case .unknownStep: .unknownStep
        case .unknownVariable: .unknownVariable
        case .variableCycle: .variableCycle
        case .environmentVariableNotSet: .environmentVariableNotSet
        case .sqlRootNotFolder: .sqlRootNotFolder
        case .invalidBoolean: .invalidBoolean
        case .invalidHiveServer2URL: .invalidHiveServer2URL
        case .plaintextPassword: .plaintextPassword
        case .plaintextPasswordAllowed: .plaintextPasswordAllowed
        case .invalidTableName: .invalidTableName
        }
    }
}

extension PlanMessage: DiagnosticDomain {
    public static let domain = "plan"

    /// Errors, but for a choice the pipeline made knowingly (a clear-text password it allowed).
    public static func usualSeverity(_ code: Code) -> DiagnosticSeverity {
        code == .plaintextPasswordAllowed ? .warning : .error
    }
}

extension PlanMessage {
    /// A missing or folder HQL file: `check` reads every HQL file itself and reports it there.
    public static func isHQLFileProblem(_ id: MessageID) -> Bool {
        Self.id(id, isOneOf: [.missingFile, .folderNotFile])
    }

    /// An input `check` gets as a warning and reports as an error: an empty glob, a list file that is missing,
    /// unreadable or empty, a rejected list value.
    public static func isDeferredInput(_ id: MessageID) -> Bool {
        Self.id(id, isOneOf: [
            .listFileNotFound, .listFileIsFolder, .listFileNotRegular, .listFileUnreadable, .listFileNotUTF8,
            .emptyListFile, .invalidListValue, .emptyGlob,
        ])
    }
}
