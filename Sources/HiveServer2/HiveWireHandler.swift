import NIOCore
import Thrift

/// What the wire delivers to a waiting caller: a SASL negotiation frame or one complete Thrift message.
enum WireInbound: Sendable {
    case sasl(status: UInt8, payload: [UInt8])
    case message([UInt8])
}

/// Failures the handler reports to its waiting callers; `HiveServer2Connection` names the host and port.
enum WireFailure: Error, Sendable {
    case closed
    case timedOut(Duration)
    case tooLarge(Int, limit: Int)
    case malformed(String)
    case transport(any Error)
}

/// The client side of one connection on the event loop: frames outgoing bytes, splits incoming bytes into
/// SASL frames or Thrift messages, and completes waiting promises in order (a Thrift server answers calls on
/// one connection in the order they were sent). All state is touched on the event loop only.
final class HiveWireHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    enum Mode {
        /// SASL negotiation: `status(1) length(4) payload` frames.
        case saslHandshake
        /// After SASL, or framed NOSASL: `length(4) payload`.
        case framed
        /// Unframed NOSASL: the message scanner finds where each message ends.
        case unframed
    }

    var mode: Mode
    private let maxMessageBytes: Int
    private let limits: ThriftLimits
    private var context: ChannelHandlerContext?
    private var buffer: ByteBuffer?
    /// Framed payloads or unframed bytes not yet forming a whole message.
    private var inbox: [UInt8] = []
    private var waiting: [(promise: EventLoopPromise<WireInbound>, timeout: Scheduled<Void>?)] = []
    private var failure: WireFailure?

    init(mode: Mode, maxMessageBytes: Int, limits: ThriftLimits) {
        self.mode = mode
        self.maxMessageBytes = maxMessageBytes
        self.limits = limits
    }

    func handlerAdded(context: ChannelHandlerContext) { self.context = context }

    func handlerRemoved(context: ChannelHandlerContext) {
        fail(.closed)
        self.context = nil
    }

    /// Sends `frame` (already framed by the caller's mode) and returns what the peer answers, failing after
    /// `timeout`; a timed-out connection is closed, since a late answer would be taken for the next call's.
    func send(_ frame: [UInt8], timeout: Duration, promise: EventLoopPromise<WireInbound>) {
        if let failure {
            promise.fail(failure)
            return
        }
        guard let context else {
            promise.fail(WireFailure.closed)
            return
        }
        let loop = context.eventLoop
        // Both callbacks run on this handler's event loop; the loop-bound box says so to the compiler.
        let bound = NIOLoopBound(self, eventLoop: loop)
        let scheduled = loop.scheduleTask(in: TimeAmount(timeout)) {
            bound.value.fail(.timedOut(timeout))
            bound.value.context?.close(promise: nil)
        }
        waiting.append((promise, scheduled))
        var out = context.channel.allocator.buffer(capacity: frame.count)
        out.writeBytes(frame)
        context.writeAndFlush(wrapOutboundOut(out)).whenFailure { error in
            bound.value.fail(.transport(error))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        if buffer == nil { buffer = incoming } else { buffer!.writeBuffer(&incoming) }
        do throws(WireFailure) {
            try drain()
        } catch {
            fail(error)
            context.close(promise: nil)
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.transport(error))
        context.close(promise: nil)
    }

    /// Delivers every complete frame or message in the buffer to the oldest waiting caller.
    private func drain() throws(WireFailure) {
        while var buf = buffer, buf.readableBytes > 0 {
            switch mode {
            case .saslHandshake:
                guard buf.readableBytes >= 5,
                    let status: UInt8 = buf.getInteger(at: buf.readerIndex),
                    let length: UInt32 = buf.getInteger(at: buf.readerIndex + 1)
                else { return }
                try checkSize(Int(length))
                guard buf.readableBytes >= 5 + Int(length) else { return }
                buf.moveReaderIndex(forwardBy: 5)
                let payload = buf.readBytes(length: Int(length)) ?? []
                buffer = buf
                deliver(.sasl(status: status, payload: payload))
            case .framed:
                guard let length: UInt32 = buf.getInteger(at: buf.readerIndex) else { return }
                try checkSize(Int(length) + inbox.count)
                guard buf.readableBytes >= 4 + Int(length) else { return }
                buf.moveReaderIndex(forwardBy: 4)
                inbox += buf.readBytes(length: Int(length)) ?? []
                buffer = buf
                try deliverMessages()
            case .unframed:
                inbox += buf.readBytes(length: buf.readableBytes) ?? []
                buffer = buf
                try checkSize(inbox.count)
                try deliverMessages()
            }
        }
    }

    /// Messages may span frames (and unframed bytes have none): the scanner says where each one ends.
    private func deliverMessages() throws(WireFailure) {
        while !inbox.isEmpty {
            let end: Int?
            do throws(ThriftError) { end = try ThriftMessageScanner.completeLength(of: inbox, limits: limits) } catch {
                throw .malformed(error.description)
            }
            guard let end else { return }
            deliver(.message(Array(inbox[..<end])))
            inbox.removeFirst(end)
        }
    }

    private func checkSize(_ size: Int) throws(WireFailure) {
        if size > maxMessageBytes { throw .tooLarge(size, limit: maxMessageBytes) }
    }

    private func deliver(_ inbound: WireInbound) {
        guard !waiting.isEmpty else {
            // An answer nobody asked for: the stream cannot be trusted any more.
            fail(.malformed("unsolicited data from the server"))
            context?.close(promise: nil)
            return
        }
        let next = waiting.removeFirst()
        next.timeout?.cancel()
        next.promise.succeed(inbound)
    }

    /// Fails every waiting caller and all later sends with the first failure seen.
    func fail(_ error: WireFailure) {
        if failure == nil { failure = error }
        let pending = waiting
        waiting.removeAll()
        for entry in pending {
            entry.timeout?.cancel()
            entry.promise.fail(failure ?? error)
        }
    }
}

extension TimeAmount {
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
