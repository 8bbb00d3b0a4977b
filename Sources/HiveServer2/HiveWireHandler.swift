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
    /// The caller's task was cancelled and no answer came within its grace period.
    case abandoned
    case tooLarge(Int, limit: Int)
    case malformed(String)
    case transport(any Error)
}

/// The client side of one connection on the event loop: frames outgoing bytes, splits incoming bytes into
/// SASL frames or Thrift messages, and completes waiting promises in order (a Thrift server answers calls on
/// one connection in the order they were sent). All state is touched on the event loop only.
///
/// Linear in the bytes received however they are split: each byte is copied once into the message being
/// assembled and looked at once by the resumable `ThriftMessageScanner` (a reply in 1-byte frames once cost
/// a rescan per frame: 60 s of CPU for 840 KB, on the event loop, where no cancellation could stop it).
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

    /// A caller waiting for its answer, and when it stops waiting.
    private struct Waiter {
        var promise: EventLoopPromise<WireInbound>
        var deadline: NIODeadline
        var timer: Scheduled<Void>?
        var timeout: Duration
        /// Its task was cancelled: the deadline is the grace period's end.
        var abandoned = false
    }

    var mode: Mode
    private let maxMessageBytes: Int
    private var context: ChannelHandlerContext?
    /// Received bytes not yet consumed: at most a frame header or a SASL frame; payloads move on to `message`.
    private var buffer = ByteBuffer()
    /// The message being assembled (framed payloads, or unframed bytes), from its first byte.
    private var message: [UInt8] = []
    /// Payload bytes of the current frame still to come (framed mode).
    private var frameRemaining = 0
    private var scanner: ThriftMessageScanner
    private var waiting: [Waiter] = []
    private var failure: WireFailure?

    init(mode: Mode, maxMessageBytes: Int, limits: ThriftLimits) {
        self.mode = mode
        self.maxMessageBytes = maxMessageBytes
        self.scanner = ThriftMessageScanner(limits: limits)
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
        var waiter = Waiter(promise: promise, deadline: .now() + TimeAmount(timeout), timer: nil, timeout: timeout)
        waiter.timer = expiry(of: promise, at: waiter.deadline)
        waiting.append(waiter)
        var out = context.channel.allocator.buffer(capacity: frame.count)
        out.writeBytes(frame)
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        context.writeAndFlush(wrapOutboundOut(out)).whenFailure { error in
            bound.value.fail(.transport(error))
        }
    }

    /// The caller of `promise` was cancelled: it waits at most `grace` more, then the connection is closed.
    func abandon(_ promise: EventLoopPromise<WireInbound>, after grace: Duration) {
        guard let index = waiting.firstIndex(where: { $0.promise.futureResult === promise.futureResult }) else { return }
        waiting[index].abandoned = true
        let deadline = NIODeadline.now() + TimeAmount(grace)
        guard deadline < waiting[index].deadline else { return }
        waiting[index].timer?.cancel()
        waiting[index].deadline = deadline
        waiting[index].timer = expiry(of: promise, at: deadline)
    }

    /// When `promise` is still unanswered at `deadline`: the connection fails and closes.
    private func expiry(of promise: EventLoopPromise<WireInbound>, at deadline: NIODeadline) -> Scheduled<Void>? {
        guard let context else { return nil }
        // Both callbacks run on this handler's event loop; the loop-bound box says so to the compiler.
        let bound = NIOLoopBound(self, eventLoop: context.eventLoop)
        return context.eventLoop.scheduleTask(deadline: deadline) {
            bound.value.expire(promise)
        }
    }

    private func expire(_ promise: EventLoopPromise<WireInbound>) {
        guard let waiter = waiting.first(where: { $0.promise.futureResult === promise.futureResult }) else { return }
        fail(waiter.abandoned ? .abandoned : .timedOut(waiter.timeout))
        context?.close(promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        buffer.writeBuffer(&incoming)
        do throws(WireFailure) {
            try drain()
        } catch {
            fail(error)
            context.close(promise: nil)
        }
        // What is left is at most a partial header: keep the buffer small rather than growing it forever.
        if buffer.readableBytes == 0 { buffer.clear() } else if buffer.readerIndex > 65536 { buffer.discardReadBytes() }
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(.closed)
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(.transport(error))
        context.close(promise: nil)
    }

    /// Consumes every complete frame in the buffer, delivering each SASL frame or complete message to the
    /// oldest waiting caller. Stops once the connection has failed.
    private func drain() throws(WireFailure) {
        while buffer.readableBytes > 0, failure == nil {
            switch mode {
            case .saslHandshake:
                guard let status: UInt8 = buffer.getInteger(at: buffer.readerIndex),
                    let length: UInt32 = buffer.getInteger(at: buffer.readerIndex + 1)
                else { return }
                try checkSize(Int(length))
                guard buffer.readableBytes >= 5 + Int(length) else { return }
                buffer.moveReaderIndex(forwardBy: 5)
                let payload = buffer.readBytes(length: Int(length)) ?? []
                deliver(.sasl(status: status, payload: payload))
            case .framed:
                // All the frames received, in one pass over the raw bytes (a reply in 1-byte frames is a million
                // frames a megabyte), then the scanner once over what they added.
                let (consumed, failure) = buffer.withUnsafeReadableBytes { raw in appendFrames(raw) }
                buffer.moveReaderIndex(forwardBy: consumed)
                if let failure { throw failure }
                try deliverMessages()
                if consumed == 0 { return }
            case .unframed:
                try checkSize(message.count + buffer.readableBytes)
                buffer.readWithUnsafeReadableBytes { raw in
                    message.append(contentsOf: raw)
                    return raw.count
                }
                try deliverMessages()
            }
        }
    }

    /// Appends the payloads of the frames in `raw` to `message`, the last one possibly in part: the bytes used,
    /// and the failure that stopped it, if any (a frame over the limit).
    private func appendFrames(_ raw: UnsafeRawBufferPointer) -> (consumed: Int, failure: WireFailure?) {
        var at = 0
        while at < raw.count {
            if frameRemaining == 0 {
                guard raw.count - at >= 4 else { break }
                let length = Int(raw[at]) << 24 | Int(raw[at + 1]) << 16 | Int(raw[at + 2]) << 8 | Int(raw[at + 3])
                if message.count + length > maxMessageBytes {
                    // Complete messages still held (several replies in one read) do not count against the next.
                    do throws(WireFailure) { try deliverMessages() } catch { return (at, error) }
                    if message.count + length > maxMessageBytes {
                        return (at, .tooLarge(message.count + length, limit: maxMessageBytes))
                    }
                }
                at += 4
                frameRemaining = length
                // The limit is checked first, so a header cannot make us reserve more than it; growth stays
                // geometric (reserving one more byte per 1-byte frame would copy the message each time).
                let needed = message.count + length
                if needed > message.capacity { message.reserveCapacity(max(needed, message.capacity * 2)) }
                continue
            }
            let taken = min(frameRemaining, raw.count - at)
            if taken == 1 {
                message.append(raw[at])
            } else {
                message.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[at..<(at + taken)]))
            }
            at += taken
            frameRemaining -= taken
        }
        return (at, nil)
    }

    /// Messages may span frames (and unframed bytes have none): the scanner says where each one ends, resuming
    /// where it stopped, so each byte is looked at once.
    private func deliverMessages() throws(WireFailure) {
        while !message.isEmpty, failure == nil {
            let end: Int?
            do throws(ThriftError) { end = try scanner.scan(message) } catch {
                throw .malformed(error.description)
            }
            guard let end else { return }
            scanner.reset()
            if end == message.count {
                let whole = message
                message = []
                deliver(.message(whole))
            } else {
                let first = Array(message[..<end])
                message.removeFirst(end)
                deliver(.message(first))
            }
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
        next.timer?.cancel()
        next.promise.succeed(inbound)
    }

    /// Fails every waiting caller and all later sends with the first failure seen.
    func fail(_ error: WireFailure) {
        if failure == nil { failure = error }
        let pending = waiting
        waiting.removeAll()
        for entry in pending {
            entry.timer?.cancel()
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
