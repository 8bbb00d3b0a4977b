import CMariaDB
import Foundation

/// One libmariadb session. Owns its `MYSQL*` and closes it in `deinit`.
/// Calls block the calling thread (libmariadb is synchronous); `Preflight` runs them off the cooperative pool.
public final class MariaDBConnection {
    private let handle: UnsafeMutablePointer<MYSQL>
    public let config: ConnectionConfig
    /// The negotiated TLS cipher, when TLS was required.
    public let cipher: String?

    /// `mysql_library_init` is not thread-safe; `static let` runs it exactly once.
    private static let libraryReady: Bool = mysql_server_init(0, nil, nil) == 0

    public init(_ config: ConnectionConfig, clock: ContinuousClock = ContinuousClock()) throws(MetastoreError) {
        let (handle, cipher) = try Self.open(config, clock: clock)
        self.handle = handle
        self.config = config
        self.cipher = cipher
    }

    deinit { mysql_close(handle) }

    /// Everything that can fail happens before `self` exists, so each failure path closes the handle exactly once.
    private static func open(
        _ config: ConnectionConfig, clock: ContinuousClock
    ) throws(MetastoreError) -> (UnsafeMutablePointer<MYSQL>, String?) {
        guard libraryReady, let handle = mysql_init(nil) else {
            throw .connectionFailed(ConnectionFailure(
                kind: .other, code: 0, message: "libmariadb could not be initialised", target: config.target))
        }
        func fail(_ error: MetastoreError) -> MetastoreError {
            mysql_close(handle)
            return error
        }
        guard configure(handle, config) else {
            throw fail(.connectionFailed(ConnectionFailure(
                kind: .other, code: 0, message: "libmariadb rejected a connection option", target: config.target)))
        }

        let started = clock.now
        let connected: UnsafeMutablePointer<MYSQL>?
        if let password = config.password {
            connected = password.reveal.withCString { clearText in
                mysql_real_connect(
                    handle, config.host, config.user, clearText, config.database, UInt32(config.port), nil, 0)
            }
        } else {
            connected = mysql_real_connect(
                handle, config.host, config.user, nil, config.database, UInt32(config.port), nil, 0)
        }
        if connected == nil {
            throw fail(.connectionFailed(classify(
                code: mysql_errno(handle), message: String(cString: mysql_error(handle)), config: config,
                elapsed: clock.now - started)))
        }

        var cipher: String?
        if case .required = config.tls {
            // libmariadb 3.3 may still have fallen back to plaintext; only a negotiated cipher proves TLS.
            guard let name = mysql_get_ssl_cipher(handle) else {
                throw fail(.connectionFailed(ConnectionFailure(
                    kind: .tlsRequired, code: 0, message: "connected without TLS; closed the session unused",
                    target: config.target)))
            }
            cipher = String(cString: name)
        }
        if config.readOnly {
            let sql = "SET SESSION TRANSACTION READ ONLY"
            if sql.withCString({ mysql_real_query(handle, $0, UInt(strlen($0))) }) != 0 {
                throw fail(.queryFailed(code: mysql_errno(handle), message: String(cString: mysql_error(handle))))
            }
        }
        return (handle, cipher)
    }

    private static func configure(_ handle: UnsafeMutablePointer<MYSQL>, _ config: ConnectionConfig) -> Bool {
        var status: Int32 = 0
        // TCP always: libmariadb treats host "localhost" as "use the Unix socket".
        status |= pdm_mysql_option_uint(handle, MYSQL_OPT_PROTOCOL, UInt32(MYSQL_PROTOCOL_TCP.rawValue))
        status |= pdm_mysql_option_uint(handle, MYSQL_OPT_CONNECT_TIMEOUT, UInt32(max(config.connectTimeoutSeconds, 1)))
        status |= pdm_mysql_option_uint(handle, MYSQL_OPT_READ_TIMEOUT, UInt32(max(config.readTimeoutSeconds, 1)))
        status |= pdm_mysql_option_uint(handle, MYSQL_OPT_WRITE_TIMEOUT, UInt32(max(config.readTimeoutSeconds, 1)))
        switch config.tls {
        case .required(let caFile):
            // ENFORCE alone falls back to plaintext when the server lacks TLS; VERIFY + CA makes it fail instead.
            status |= pdm_mysql_option_bool(handle, MYSQL_OPT_SSL_ENFORCE, 1)
            status |= pdm_mysql_option_bool(handle, MYSQL_OPT_SSL_VERIFY_SERVER_CERT, 1)
            status |= pdm_mysql_option_string(handle, MYSQL_OPT_SSL_CA, caFile)
        case .disabled:
            // Start with native rather than the handshake's plugin: a MySQL 8 server names caching_sha2_password
            // there, which is refused without TLS, while the account itself may well be a native one.
            status |= pdm_mysql_option_string(handle, MYSQL_DEFAULT_AUTH, "mysql_native_password")
        }
        // The server picks the plugin; only these may answer it (see `AuthPlugins`).
        status |= pdm_mysql_option_string(handle, MARIADB_OPT_RESTRICTED_AUTH, AuthPlugins.restriction(for: config.tls))
        return status == 0
    }

    /// Runs one statement and returns its rows; NULL is `nil`. Statements without a result give `[]`.
    public func query(_ sql: String) throws(MetastoreError) -> [[String?]] {
        let status = sql.withCString { mysql_real_query(handle, $0, UInt(strlen($0))) }
        if status != 0 { throw lastQueryError() }
        guard let result = mysql_store_result(handle) else {
            if mysql_field_count(handle) == 0 { return [] }
            throw lastQueryError()
        }
        defer { mysql_free_result(result) }
        let width = Int(mysql_num_fields(result))
        var rows: [[String?]] = []
        while let row = mysql_fetch_row(result) {
            guard let lengths = mysql_fetch_lengths(result) else { break }
            rows.append((0..<width).map { column in
                guard let cell = row[column] else { return nil }
                let bytes = UnsafeRawBufferPointer(start: cell, count: Int(lengths[column]))
                return String(decoding: bytes, as: UTF8.self)
            })
        }
        if mysql_errno(handle) != 0 { throw lastQueryError() }
        return rows
    }

    /// A quoted SQL string literal, escaped by the server's rules for this session's character set.
    public func literal(_ value: String) -> String {
        let source = Array(value.utf8CString)
        var target = [CChar](repeating: 0, count: source.count * 2 + 1)
        let length = mysql_real_escape_string(handle, &target, source, UInt(source.count - 1))
        let escaped = String(decoding: target[0..<Int(length)].map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return "'\(escaped)'"
    }

    private func lastQueryError() -> MetastoreError {
        .queryFailed(code: mysql_errno(handle), message: String(cString: mysql_error(handle)))
    }
}
