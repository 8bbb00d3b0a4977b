import NIOCore
import NIOPosix
import NIOSSL
import Synchronization
import Thrift

/// One TCP (optionally TLS) connection to HiveServer2, authenticated, carrying Thrift calls.
/// Calls may come from several tasks: the wire answers them in order. Every wait is cancellable: a cancelled
/// connect ends at once; a call in flight when its task is cancelled waits at most `options.cancelGrace` for its
/// answer (which keeps the stream in step for a CancelOperation), then the connection is closed (a late answer
/// would be taken for the next call's). A silent server therefore holds a cancelled task for the grace period
/// at most, never the call timeout.
public final class HiveServer2Connection: Sendable {
    public let options: HiveServer2Options
    private let channel: any Channel
    private let handler: NIOLoopBound<HiveWireHandler>
    private let sequence = Mutex<Int32>(0)

    private init(options: HiveServer2Options, channel: any Channel, handler: NIOLoopBound<HiveWireHandler>) {
        self.options = options
        self.channel = channel
        self.handler = handler
    }

    /// Connects, negotiates TLS and SASL, within the connect timeout (TLS and SASL within the call timeout).
    public static func connect(
        _ options: HiveServer2Options, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) async throws(HiveServer2Error) -> HiveServer2Connection {
        let fail = { (kind: HiveServer2Error.Kind) in HiveServer2Error(host: options.host, port: options.port, kind: kind) }
        // Before any byte goes out: SASL PLAIN and OpenSession would carry the password in clear.
        if options.refusesPlaintextPassword { throw fail(.plaintextPasswordRefused) }
        let sslContext: NIOSSLContext?
        if let tls = options.tls {
            do {
                var config = TLSConfiguration.makeClientConfiguration()
                if let ca = tls.caFile { config.trustRoots = .file(ca) }
                sslContext = try NIOSSLContext(configuration: config)
            } catch {
                throw fail(.tlsFailure("cannot load CA \(tls.caFile ?? "(system)"): \(error)"))
            }
        } else {
            sslContext = nil
        }
        let mode: HiveWireHandler.Mode =
            switch options.transport {
            case .saslPlain: .saslHandshake
            case .noSASL(let framed): framed ? .framed : .unframed
            }
        let serverName = options.tls?.serverName ?? options.host
        // The initializer hands its handler out here: looking it up in the pipeline later would fail if the
        // channel had already closed (a TLS handshake refused at once), losing the reason the handler recorded.
        let installed = Mutex<NIOLoopBound<HiveWireHandler>?>(nil)
        let bootstrap = ClientBootstrap(group: group)
            .connectTimeout(TimeAmount(options.connectTimeout))
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        // Only a name is checked as SNI; an IP address is verified against the certificate's SANs.
                        let sni = serverName.first?.isNumber == true || serverName.contains(":") ? nil : serverName
                        let tlsHandler = try NIOSSLClientHandler(context: sslContext, serverHostname: sni)
                        try channel.pipeline.syncOperations.addHandler(tlsHandler)
                    }
                    let wire = HiveWireHandler(mode: mode, maxMessageBytes: options.maxMessageBytes, limits: options.limits)
                    try channel.pipeline.syncOperations.addHandler(wire)
                    installed.withLock { $0 = NIOLoopBound(wire, eventLoop: channel.eventLoop) }
                }
            }
        let channel: any Channel
        do {
            channel = try await CancellableWait.value(of: bootstrap.connect(host: options.host, port: options.port)) {
                $0.close(promise: nil)  // connected after all, once nobody waits: close it
            }
        } catch is CancellationError {
            throw fail(.cancelled(call: "connect"))
        } catch {
            throw fail(classifyConnect(error, options: options))
        }
        guard let handler = installed.withLock({ $0 }) else {
            channel.close(promise: nil)
            throw fail(.connectionLost("the channel was set up without its handler"))
        }
        let connection = HiveServer2Connection(options: options, channel: channel, handler: handler)
        if options.transport == .saslPlain {
            do throws(HiveServer2Error) {
                try await connection.saslPlainHandshake()
            } catch {
                await connection.close()
                throw error
            }
        }
        return connection
    }

    /// Calls `method` with `request` (the args struct's field 1) and decodes the result (field 0).
    /// `timeout` overrides the connection's call timeout (a cancellation's grace period is shorter).
    public func call<Response: ThriftDecodable>(
        _ method: String, _ request: some ThriftEncodable, as _: Response.Type = Response.self, timeout: Duration? = nil
    ) async throws(HiveServer2Error) -> Response {
        let seq = sequence.withLock { value in
            value = value &+ 1
            return value
        }
        let message = ThriftCall.encode(method: method, sequenceID: seq, argument: request)
        let frame = options.transport == .noSASL(framed: false) ? message : Self.lengthFramed(message)
        let answer = try await exchange(frame, call: method, timeout: timeout, cancelGrace: options.cancelGrace)
        guard case let .message(reply) = answer else {
            throw error(.protocolError("a SASL frame in answer to \(method)"))
        }
        do throws(ThriftCall.ReplyError) {
            return try ThriftCall.decodeReply(reply, method: method, sequenceID: seq, limits: options.limits)
        } catch {
            switch error {
            case let .application(exception): throw self.error(.protocolError("\(method): \(exception)"))
            case let .codec(codec): throw self.error(.protocolError("\(method): \(codec)"))
            }
        }
    }

    /// Closes the socket (without a CloseSession: `HiveServer2Session.close` sends that first).
    public func close() async {
        try? await channel.close()
    }

    // MARK: SASL PLAIN

    /// START "PLAIN", then COMPLETE with `\0user\0password`, as Thrift's SASL client does for PLAIN (the client
    /// side is complete after its one response); the server answers COMPLETE, or BAD/ERROR with a reason.
    private func saslPlainHandshake() async throws(HiveServer2Error) {
        let start = Self.saslFrame(status: SASLStatus.start, payload: Array("PLAIN".utf8))
        let response = [0] + Array(options.user.utf8) + [0] + Array(options.sentPassword.utf8)
        let complete = Self.saslFrame(status: SASLStatus.complete, payload: response)
        // Both frames go out together; the server sends nothing until it has judged the response. A cancelled
        // negotiation does not wait: no session exists yet, so there is nothing to clean up on the server.
        let answer = try await exchange(start + complete, call: "SASL negotiation", cancelGrace: .zero)
        guard case let .sasl(status, payload) = answer else {
            throw error(.protocolError("no SASL status frame in answer to the negotiation"))
        }
        let text = String(decoding: payload, as: UTF8.self)
        switch status {
        case SASLStatus.complete:
            try await setMode(.framed)
        case SASLStatus.bad, SASLStatus.error:
            throw error(.authenticationFailed(text.isEmpty ? "SASL status \(status)" : text))
        case SASLStatus.ok:
            // PLAIN has a single step: a challenge means the server is not speaking PLAIN.
            throw error(.authenticationFailed("server asked for another SASL step (is it Kerberos?)"))
        default:
            throw error(.protocolError("unknown SASL status \(status)"))
        }
    }

    enum SASLStatus {
        static let start: UInt8 = 1, ok: UInt8 = 2, bad: UInt8 = 3, error: UInt8 = 4, complete: UInt8 = 5
    }

    static func saslFrame(status: UInt8, payload: [UInt8]) -> [UInt8] {
        [status] + bigEndian(UInt32(payload.count)) + payload
    }

    static func lengthFramed(_ message: [UInt8]) -> [UInt8] { bigEndian(UInt32(message.count)) + message }

    private static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    // MARK: Wire

    private func setMode(_ mode: HiveWireHandler.Mode) async throws(HiveServer2Error) {
        let handler = self.handler
        do { try await channel.eventLoop.submit { handler.value.mode = mode }.get() } catch {
            throw self.error(.connectionLost("\(error)"))
        }
    }

    /// Sends `frame` and waits for the answer: within `timeout`, or within `cancelGrace` once the task is
    /// cancelled (at once if it already is), after which the handler closes the connection.
    private func exchange(_ frame: [UInt8], call: String, timeout: Duration? = nil, cancelGrace: Duration)
        async throws(HiveServer2Error) -> WireInbound
    {
        let loop = channel.eventLoop
        let promise = loop.makePromise(of: WireInbound.self)
        let handler = self.handler
        let timeout = timeout ?? options.callTimeout
        loop.execute { handler.value.send(frame, timeout: timeout, promise: promise) }
        do {
            // The event loop runs jobs in order: an abandon always follows its send.
            return try await withTaskCancellationHandler {
                try await promise.futureResult.get()
            } onCancel: {
                loop.execute { handler.value.abandon(promise, after: cancelGrace) }
            }
        } catch let failure as WireFailure {
            throw error(classify(failure, call: call))
        } catch {
            throw self.error(.connectionLost("\(error)"))
        }
    }

    private func classify(_ failure: WireFailure, call: String) -> HiveServer2Error.Kind {
        switch failure {
        case .closed: .connectionLost("closed by the server during \(call)")
        case let .timedOut(d): .callTimedOut(call: call, after: d)
        case .abandoned: .cancelled(call: call)
        case let .tooLarge(size, limit):
            .protocolError("the answer to \(call) would be \(size) bytes, over the \(limit)-byte limit (maxMessageBytes)")
        case let .malformed(detail): .protocolError(detail)
        case let .transport(error):
            if error is NIOSSLError || error is BoringSSLError { .tlsFailure("\(error)") } else { .connectionLost("\(error)") }
        }
    }

    private static func classifyConnect(_ error: any Error, options: HiveServer2Options) -> HiveServer2Error.Kind {
        if let channelError = error as? ChannelError, case .connectTimeout = channelError {
            return .connectTimedOut(options.connectTimeout)
        }
        let text = "\(error)"
        if text.contains("refused") || text.contains("ECONNREFUSED") { return .connectionRefused }
        return .connectionLost(text)
    }

    private func error(_ kind: HiveServer2Error.Kind) -> HiveServer2Error {
        HiveServer2Error(host: options.host, port: options.port, kind: kind)
    }
}
