/// A HiveServer2 failure as one line naming the server: what a task log's reason shows.
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
        case let .tlsFailure(detail): return "\(server): TLS failure: \(detail)"
        case let .authenticationFailed(detail): return "\(server): authentication failed: \(detail)"
        case let .server(call, sqlState, code, message):
            var codes: [String] = []
            if let sqlState, !sqlState.isEmpty { codes.append("SQLState \(sqlState)") }
            if let code, code != 0 { codes.append("error code \(code)") }
            let prefix = codes.isEmpty ? "" : " [\(codes.joined(separator: ", "))]"
            return "\(server): \(call) failed\(prefix): \(Self.oneLine(message))"
        case let .protocolError(detail): return "\(server): protocol error: \(detail)"
        case let .connectionLost(detail): return "\(server): connection lost: \(detail)"
        case let .operationEnded(state): return "\(server): operation ended \(state)"
        }
    }

    /// Server messages can hold Java stack traces: keep the first line, the one that says what went wrong.
    static func oneLine(_ text: String) -> String {
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? text
        return first.count > 2000 ? String(first.prefix(2000)) + "…" : first
    }

    private static func seconds(_ d: Duration) -> String {
        let (s, atto) = d.components
        let ms = s * 1000 + atto / 1_000_000_000_000_000
        return ms % 1000 == 0 ? "\(ms / 1000) s" : "\(ms) ms"
    }
}
