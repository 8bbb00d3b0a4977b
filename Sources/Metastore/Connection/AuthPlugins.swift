/// Which libmariadb authentication plugins may answer the server, by transport. The server chooses the plugin
/// (its handshake, or an AuthSwitchRequest at any time), so without a list a server, or anyone between us and
/// it, gets the password simply by asking: `mysql_clear_password` and `dialog` send it as it is, and
/// `caching_sha2_password`/`sha256_password` without TLS fetch an RSA key *from the server* and encrypt the
/// password to it. libmariadb ignores `MYSQL_ENABLE_CLEARTEXT_PLUGIN` (the option is accepted and dropped),
/// so the list goes through `MARIADB_OPT_RESTRICTED_AUTH`, checked before every plugin runs, the first one
/// included; a refused plugin fails with CR_PLUGIN_NOT_ALLOWED (5010) before it sends anything.
public enum AuthPlugins {
    /// Challenge-response only: the password never leaves the process, only a hash of it mixed with the
    /// server's nonce (MySQL native) or a signature (MariaDB ed25519).
    public static let withoutTLS = ["mysql_native_password", "client_ed25519"]

    /// Over TLS with a verified server certificate the password may travel inside the tunnel, as
    /// `caching_sha2_password` (MySQL 8's default) and `sha256_password` do there. `mysql_clear_password`
    /// and `dialog` stay refused even so: no metastore account here needs them (PAM, LDAP, IAM tokens).
    public static let withVerifiedTLS = withoutTLS + ["caching_sha2_password", "sha256_password"]

    /// Never allowed, whatever the transport (what the tests ask for).
    public static let clearText = ["mysql_clear_password", "dialog"]

    /// The `restricted_auth` value for `config`. libmariadb matches a plugin name with `strstr` against this
    /// string, so a name that is a substring of an allowed one would pass; no real plugin's name is.
    static func restriction(for tls: ConnectionConfig.TLS) -> String {
        switch tls {
        case .disabled: withoutTLS.joined(separator: ",")
        case .required: withVerifiedTLS.joined(separator: ",")
        }
    }
}
