import NIOCore
import NIOPosix
import NIOSSL
import Synchronization

/// An in-process TCP server on 127.0.0.1 for fault injection: each connection's bytes accumulate and
/// `respond` decides, from everything received so far, how many bytes it consumes and what it answers
/// (nil = wait for more). It records what it received. Never the only test: the live suite uses Spark.
/// `FakeTCLIServer` scripts a whole TCLIService conversation on it.
public final class FakeHiveServer: Sendable {
    public typealias Responder = @Sendable (_ received: [UInt8]) -> (consumed: Int, reply: [UInt8])?

    public let port: Int
    private let channel: any Channel
    private let recorder: Recorder

    /// Everything the clients sent, one entry per consumed request, in order.
    public var received: [[UInt8]] { recorder.log.withLock { $0 } }

    /// Connections accepted so far.
    public var connections: Int { recorder.connections.withLock { $0 } }

    private init(port: Int, channel: any Channel, recorder: Recorder) {
        self.port = port
        self.channel = channel
        self.recorder = recorder
    }

    /// `tls`: PEM certificate chain and key files; the server then speaks TLS.
    public static func start(tls: (certificate: String, key: String)? = nil, _ respond: @escaping Responder) async throws
        -> FakeHiveServer
    {
        let recorder = Recorder()
        let sslContext = try tls.map { tls in
            try NIOSSLContext(configuration: .makeServerConfiguration(
                certificateChain: try NIOSSLCertificate.fromPEMFile(tls.certificate).map { .certificate($0) },
                privateKey: .privateKey(try NIOSSLPrivateKey(file: tls.key, format: .pem))))
        }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { child in
                recorder.connections.withLock { $0 += 1 }
                return child.eventLoop.makeCompletedFuture {
                    if let sslContext {
                        try child.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: sslContext))
                    }
                    try child.pipeline.syncOperations.addHandler(Handler(respond: respond, recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        return FakeHiveServer(port: channel.localAddress!.port!, channel: channel, recorder: recorder)
    }

    public func stop() async { try? await channel.close() }

    fileprivate final class Recorder: Sendable {
        let log = Mutex<[[UInt8]]>([])
        let connections = Mutex(0)
    }

    private final class Handler: ChannelInboundHandler {
        typealias InboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer
        let respond: Responder
        let recorder: Recorder
        var pending: [UInt8] = []

        init(respond: @escaping Responder, recorder: Recorder) {
            self.respond = respond
            self.recorder = recorder
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            var buffer = unwrapInboundIn(data)
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
            while let (consumed, reply) = respond(pending), consumed > 0 {
                let request = Array(pending.prefix(consumed))
                recorder.log.withLock { $0.append(request) }
                pending.removeFirst(consumed)
                if !reply.isEmpty {
                    var out = context.channel.allocator.buffer(capacity: reply.count)
                    out.writeBytes(reply)
                    context.writeAndFlush(wrapOutboundOut(out), promise: nil)
                }
            }
        }
    }
}
