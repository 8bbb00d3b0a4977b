import Synchronization
import Thrift

/// A scripted HiveServer2 (TCLIService over SASL PLAIN, framed) on `FakeHiveServer`, for the faults a real server
/// cannot be made to produce on demand: silence, huge or hostile replies, replies in 1-byte frames, error
/// messages that echo the password or carry escape sequences. Every connection follows the same script.
public struct FakeTCLIScript: Sendable {
    public enum SASL: Sendable {
        case accept
        /// SASL BAD with this reason; `%PASSWORD%` becomes the password the client sent.
        case reject(String)
        /// Never answers the negotiation.
        case silent
    }

    public var sasl = SASL.accept
    /// Calls the server never answers (it keeps the connection open and says nothing more).
    public var silentOn: Set<String> = []
    /// OpenSession fails with this message; `%PASSWORD%` becomes the password OpenSession carried.
    public var openSessionError: String?
    /// GetOperationStatus answers RUNNING this many times before the statement ends (`Int.max`: never ends).
    public var runningPolls = 0
    /// The statement ends in ERROR with this message (SQLState 42000) instead of FINISHED.
    public var statementError: String?
    /// The statement has a result set: its column names (strings) and, for the n-th FetchResults of rows
    /// (from 0), the raw bytes of its TRowSet struct (`FakeTCLIScript.rowSet`); nil ends the result.
    public var resultColumns: [String] = []
    public var rows: (@Sendable (Int) -> [UInt8]?)?
    /// Replies go out in frames of at most this many payload bytes (a message may span frames).
    public var frameSize: Int?

    public init() {}

    /// TRowSet bytes: `columns` boolean columns of `count` values each, written without building values.
    public static func booleanRowSet(columns: Int, count: Int) -> [UInt8] {
        var head = ThriftWriter()
        head.writeFieldBegin(.i64, id: 1)
        head.writeI64(0)
        head.writeFieldBegin(.list, id: 3)
        head.writeListBegin(.struct, count: columns)
        var column = ThriftWriter()
        column.writeFieldBegin(.struct, id: 1)  // TColumn.boolVal
        column.writeFieldBegin(.list, id: 1)
        column.writeListBegin(.bool, count: count)
        var tail = ThriftWriter()
        tail.writeField(id: 2, binary: [])  // no nulls
        tail.writeFieldStop()  // TBoolColumn
        tail.writeFieldStop()  // TColumn
        let one = column.bytes + [UInt8](repeating: 1, count: count) + tail.bytes
        var bytes = head.bytes
        bytes.reserveCapacity(head.bytes.count + one.count * columns + 1)
        for _ in 0..<columns { bytes += one }
        return bytes + [ThriftType.stop.rawValue]
    }

    /// TRowSet bytes: one string column holding `values`.
    public static func stringRowSet(_ values: [String]) -> [UInt8] {
        var w = ThriftWriter()
        w.write(.struct([
            ThriftField(1, .i64(0)),
            ThriftField(3, .list(element: .struct, [
                .union(ThriftField(7, .struct([
                    ThriftField(1, .list(element: .string, values.map { .string($0) })), ThriftField(2, .binary([])),
                ])))
            ])),
        ]))
        return w.bytes
    }
}

public final class FakeTCLIServer: Sendable {
    public let server: FakeHiveServer
    private let shared: Shared

    struct State {
        var methods: [String] = []
        var passwords: [String] = []
        var rowFetches = 0
    }

    /// What the responder records, made before the server so the responder can reach it.
    final class Shared: Sendable {
        let state = Mutex(State())
    }

    public var port: Int { server.port }
    /// The calls received, in order (SASL negotiations as `SASL`).
    public var methods: [String] { shared.state.withLock { $0.methods } }
    /// The passwords received in SASL PLAIN responses.
    public var passwords: [String] { shared.state.withLock { $0.passwords } }

    private init(server: FakeHiveServer, shared: Shared) {
        self.server = server
        self.shared = shared
    }

    public static func start(_ script: FakeTCLIScript) async throws -> FakeTCLIServer {
        let shared = Shared()
        let server = try await FakeHiveServer.start { bytes in Self.respond(bytes, script: script, state: shared) }
        return FakeTCLIServer(server: server, shared: shared)
    }

    public func stop() async { await server.stop() }

    private static func respond(_ bytes: [UInt8], script: FakeTCLIScript, state: Shared) -> (consumed: Int, reply: [UInt8])? {
        if bytes.first == 1 || bytes.first == 5 {
            guard let (status, payload, length) = saslFrame(bytes) else { return nil }
            if status == 1 { return (length, []) }  // START: the response follows
            let parts = payload.split(separator: 0, omittingEmptySubsequences: false)
            let password = parts.count > 2 ? String(decoding: parts[2], as: UTF8.self) : ""
            state.state.withLock {
                $0.methods.append("SASL")
                $0.passwords.append(password)
            }
            switch script.sasl {
            case .accept: return (length, [5, 0, 0, 0, 0])
            case .silent: return (length, [])
            case .reject(let reason):
                let text = Array(reason.replacing("%PASSWORD%", with: password).utf8)
                return (length, [3] + bigEndian(UInt32(text.count)) + text)
            }
        }
        guard bytes.count >= 4 else { return nil }
        let size = Int(bigEndian(bytes, 0))
        guard bytes.count >= 4 + size else { return nil }
        var reader = ThriftReader(bytes: Array(bytes[4..<(4 + size)]))
        guard let header = try? reader.readMessageBegin(), case .struct(let args)? = try? reader.readValue(.struct) else {
            return (4 + size, [])
        }
        state.state.withLock { $0.methods.append(header.name) }
        if script.silentOn.contains(header.name) { return (4 + size, []) }
        let request = args.first { $0.id == 1 }?.value
        let message = reply(to: header, result: Self.result(header.name, request: request, script: script, state: state))
        return (4 + size, framed(message, frameSize: script.frameSize))
    }

    /// The session every conversation opens (its GUID and secret).
    public static let sessionGUID = [UInt8](repeating: 0xAB, count: 16)
    public static let sessionSecret = [UInt8](repeating: 0xCD, count: 16)

    /// A successful OpenSession reply (protocol 9, the session above) to the call message `call`, for fakes that
    /// script the transport themselves.
    public static func openSessionReply(to call: [UInt8]) -> [UInt8] {
        var reader = ThriftReader(bytes: call)
        guard let header = try? reader.readMessageBegin() else { return [] }
        return reply(to: header, result: result("OpenSession", request: nil, script: FakeTCLIScript(), state: Shared()))
    }

    /// The reply message to `header`'s call: field 0 of the result struct holds `result` (its bytes, stop included).
    private static func reply(to header: ThriftMessageHeader, result: [UInt8]) -> [UInt8] {
        var w = ThriftWriter()
        w.writeMessageBegin(ThriftMessageHeader(name: header.name, type: .reply, sequenceID: header.sequenceID))
        w.writeFieldBegin(.struct, id: 0)
        return w.bytes + result + [ThriftType.stop.rawValue]
    }

    /// The result struct's bytes, stop byte included.
    private static func result(_ method: String, request: ThriftValue?, script: FakeTCLIScript, state: Shared) -> [UInt8] {
        let ok = ThriftField(1, .struct([ThriftField(1, .i32(0))]))
        let handle = ThriftValue.struct([ThriftField(1, .binary(sessionGUID)), ThriftField(2, .binary(sessionSecret))])
        func encoded(_ fields: [ThriftField]) -> [UInt8] {
            var w = ThriftWriter()
            w.write(.struct(fields))
            return w.bytes
        }
        switch method {
        case "OpenSession":
            if let message = script.openSessionError {
                let password = Self.field(3, of: request).flatMap { if case .binary(let b) = $0 { String(decoding: b, as: UTF8.self) } else { nil } }
                let text = message.replacing("%PASSWORD%", with: password ?? "")
                return encoded([ThriftField(1, .struct([
                    ThriftField(1, .i32(3)), ThriftField(3, .string("08S01")), ThriftField(5, .string(text)),
                ]))])
            }
            return encoded([ok, ThriftField(2, .i32(9)), ThriftField(3, .struct([ThriftField(1, handle)]))])
        case "ExecuteStatement":
            let operation = ThriftValue.struct([
                ThriftField(1, handle), ThriftField(2, .i32(0)), ThriftField(3, .bool(!script.resultColumns.isEmpty)),
            ])
            return encoded([ok, ThriftField(2, operation)])
        case "GetOperationStatus":
            let polls = state.state.withLock { $0.methods.filter { $0 == "GetOperationStatus" }.count }
            if polls <= script.runningPolls { return encoded([ok, ThriftField(2, .i32(1))]) }
            if let message = script.statementError {
                return encoded([ok, ThriftField(2, .i32(5)), ThriftField(3, .string("42000")), ThriftField(4, .i32(40000)),
                                ThriftField(5, .string(message))])
            }
            return encoded([ok, ThriftField(2, .i32(2))])
        case "GetResultSetMetadata":
            let columns = script.resultColumns.enumerated().map { index, name in
                ThriftValue.struct([
                    ThriftField(1, .string(name)),
                    ThriftField(2, .struct([ThriftField(1, .list(element: .struct, [
                        .union(ThriftField(1, .struct([ThriftField(1, .i32(7))]))),
                    ]))])),
                    ThriftField(3, .i32(Int32(index + 1))),
                ])
            }
            return encoded([ok, ThriftField(2, .struct([ThriftField(1, .list(element: .struct, columns))]))])
        case "FetchResults":
            let isLog: Bool
            if case .i16(1)? = Self.field(4, of: request) { isLog = true } else { isLog = false }
            var batch: [UInt8]?
            if !isLog {
                let n = state.state.withLock { state in
                    defer { state.rowFetches += 1 }
                    return state.rowFetches
                }
                batch = script.rows?(n)
            }
            var w = ThriftWriter()
            w.writeFieldBegin(.struct, id: 1)
            w.writeStruct(Status())
            w.writeField(id: 2, false)
            w.writeFieldBegin(.struct, id: 3)
            return w.bytes + (batch ?? FakeTCLIScript.stringRowSet([])) + [ThriftType.stop.rawValue]
        default:
            return encoded([ok])
        }
    }

    private struct Status: ThriftEncodable {
        func encodeFields(to writer: inout ThriftWriter) { writer.writeField(id: 1, Int32(0)) }
    }

    private static func field(_ id: Int16, of value: ThriftValue?) -> ThriftValue? {
        guard case .struct(let fields)? = value else { return nil }
        return fields.first { $0.id == id }?.value
    }

    static func saslFrame(_ bytes: [UInt8]) -> (status: UInt8, payload: [UInt8], length: Int)? {
        guard bytes.count >= 5 else { return nil }
        let n = Int(bigEndian(bytes, 1))
        guard bytes.count >= 5 + n else { return nil }
        return (bytes[0], Array(bytes[5..<5 + n]), 5 + n)
    }

    /// `message` as length-prefixed frames of at most `frameSize` payload bytes (one frame when nil).
    public static func framed(_ message: [UInt8], frameSize: Int?) -> [UInt8] {
        let size = max(1, frameSize ?? message.count)
        var out: [UInt8] = []
        out.reserveCapacity(message.count + (message.count / size + 1) * 4)
        var start = 0
        repeat {
            let end = min(start + size, message.count)
            out += bigEndian(UInt32(end - start))
            out.append(contentsOf: message[start..<end])
            start = end
        } while start < message.count
        return out
    }

    static func bigEndian(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8((v >> 16) & 0xFF), UInt8((v >> 8) & 0xFF), UInt8(v & 0xFF)]
    }

    static func bigEndian(_ bytes: [UInt8], _ at: Int) -> UInt32 {
        UInt32(bytes[at]) << 24 | UInt32(bytes[at + 1]) << 16 | UInt32(bytes[at + 2]) << 8 | UInt32(bytes[at + 3])
    }
}
