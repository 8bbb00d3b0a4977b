import Basics

/// A HiveServer2 failure as one line naming the server: what a task log's reason shows. Whatever the server
/// sent (a SASL reason, an error message, an exception) is shown as one line with its control characters
/// escaped, so it cannot forge log lines or drive a terminal; the engine's caller masks secrets in it.
public struct HiveServer2Error: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        case connectionRefused
        case connectTimedOut(Duration)
        /// No answer to `call` within the call timeout; the connection was closed.
        case callTimedOut(call: String, after: Duration)
        case tlsFailure(String)
        /// The SASL negotiation was refused (bad user or password for LDAP, wrong auth mode).
        case authenticationFailed(String)
        /// The server ran the call and reported an error status (or an operation in ERROR state).
        case server(call: String, sqlState: String?, errorCode: Int32?, message: String)
        /// The server answered with bytes this client cannot use (bad Thrift, too large, TApplicationException).
        case protocolError(String)
        /// The connection dropped or failed (reset, closed by the server, unreachable host).
        case connectionLost(String)
        /// The operation ended CANCELED, CLOSED or TIMEDOUT rather than FINISHED.
        case operationEnded(state: String)
        /// The calling task was cancelled while `call` waited, and no answer came within the grace period: the
        /// connection was closed.
        case cancelled(call: String)
        /// A password would have gone out without TLS, and the caller did not allow it: nothing was sent.
        case plaintextPasswordRefused
    }

    public var host: String
    public var port: Int
    public var kind: Kind

    public init(host: String, port: Int, kind: Kind) {
        self.host = host
        self.port = port
        self.kind = kind
    }

    /// True for failures where trying again later may succeed (the server down or busy), the runner's retry cue.
    public var isConnectionFailure: Bool {
        switch kind {
        case .connectionRefused, .connectTimedOut, .connectionLost: true
        default: false
        }
    }

    public var description: String {
        let server = "HiveServer2 \(host.contains(":") ? "[\(host)]" : host):\(port)"
        switch kind {
        case .connectionRefused: return "\(server): connection refused"
        case let .connectTimedOut(d): return "\(server): connect timed out after \(Self.seconds(d))"
        case let .callTimedOut(call, d): return "\(server): \(call) got no answer within \(Self.seconds(d))"
        case let .tlsFailure(detail): return "\(server): TLS failure: \(OneLine.escaped(detail))"
        case let .authenticationFailed(detail): return "\(server): authentication failed: \(OneLine.escaped(detail))"
        case let .server(call, sqlState, code, message):
            var codes: [String] = []
            if let sqlState, !sqlState.isEmpty { codes.append("SQLState \(sqlState)") }
            if let code, code != 0 { codes.append("error code \(code)") }
            let prefix = codes.isEmpty ? "" : " [\(codes.joined(separator: ", "))]"
            // Server messages can hold Java stack traces: the first line says what went wrong.
            return "\(server): \(call) failed\(OneLine.escaped(prefix)): \(OneLine.firstLine(message))"
        case let .protocolError(detail): return "\(server): protocol error: \(OneLine.escaped(detail))"
        case let .connectionLost(detail): return "\(server): connection lost: \(OneLine.escaped(detail))"
        case let .operationEnded(state): return "\(server): operation ended \(state)"
        case let .cancelled(call): return "\(server): \(call) cancelled (no answer within the grace period; connection closed)"
        case .plaintextPasswordRefused:
            return "\(server): refusing to send the password without TLS: use ssl=true, or allow a clear-text password explicitly"
        }
    }

    private static func seconds(_ d: Duration) -> String {
        let ms = Int((d.inSeconds * 1000).rounded(.down))
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
