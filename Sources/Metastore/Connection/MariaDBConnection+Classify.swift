extension MariaDBConnection {
    /// Maps a failed `mysql_real_connect` onto the causes an operator acts on differently.
    static func classify(code: UInt32, message: String, config: ConnectionConfig, elapsed: Duration) -> ConnectionFailure {
        let lower = message.lowercased()
        let ranOutOfTime = elapsed >= .seconds(config.connectTimeoutSeconds) - .milliseconds(100)
        let kind: ConnectionFailure.Kind
        switch code {
        // CR_AUTH_PLUGIN_CANNOT_LOAD; libmariadb 3.3 also reports it as 1045 after an auth switch.
        case _ where code == 2059 || lower.contains("could not be loaded") || lower.contains("cannot be loaded"):
            kind = .authPluginMissing
        case 1045, 1044: kind = .accessDenied
        case 1049: kind = .unknownDatabase
        case 5010: kind = .authPluginRefused  // CR_PLUGIN_NOT_ALLOWED: not in `AuthPlugins`' list
        case 2026:
            // CR_SSL_CONNECTION_ERROR covers both "the server has no TLS" and "its certificate is not trusted".
            kind = lower.contains("not support") || lower.contains("server doesn't support") ? .tlsRequired : .tlsFailed
        case 2002, 2003, 2005, 2006, 2013:
            kind = ranOutOfTime || lower.contains("timed out") || lower.contains("(110)") ? .timedOut : .unreachable
        default:
            kind = lower.contains("ssl") || lower.contains("tls") ? .tlsFailed : .other
        }
        let text = kind == .authPluginRefused ? refusedPluginMessage(tls: config.tls) : message
        return ConnectionFailure(kind: kind, code: code, message: text, target: config.target)
    }

    /// libmariadb says "Authentication plugin 'X' couldn't be found in restricted_auth plugin list.", but 3.3
    /// formats X from a network buffer it has reused by then (the text is garbage), so the message is ours.
    static func refusedPluginMessage(tls: ConnectionConfig.TLS) -> String {
        switch tls {
        case .disabled:
            "the server asked for an authentication plugin that is not allowed without TLS (only "
                + AuthPlugins.withoutTLS.joined(separator: " and ")
                + " are; the others send the password as clear text or to a key the server supplies); "
                + "the password was not sent"
        case .required:
            "the server asked for an authentication plugin that is not allowed (never "
                + AuthPlugins.clearText.joined(separator: " or ") + "); the password was not sent"
        }
    }
}
