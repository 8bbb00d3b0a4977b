import Synchronization
import Testing
import TestSupport
import Thrift
@testable import HiveServer2
import HiveServer2Engine

/// The calls the engine makes when its task is cancelled, seen by a scripted server whose statement never
/// finishes. (The live suite proves the server really stops; this pins the exact call sequence.)
@Suite struct EngineCancellationFakeTests {
    static func status(_ code: Int32 = 0) -> ThriftField { ThriftField(1, .struct([ThriftField(1, .i32(code))])) }
    static let handle = ThriftValue.struct([
        ThriftField(1, .binary(Array(repeating: 1, count: 16))), ThriftField(2, .binary(Array(repeating: 2, count: 16))),
    ])

    /// The result struct for each method: success statuses, a session, an operation that stays RUNNING.
    static func result(for method: String) -> [ThriftField] {
        switch method {
        case "OpenSession": [status(), ThriftField(2, .i32(9)), ThriftField(3, .struct([ThriftField(1, handle)]))]
        case "ExecuteStatement":
            [status(), ThriftField(2, .struct([ThriftField(1, handle), ThriftField(2, .i32(0)), ThriftField(3, .bool(false))]))]
        case "GetOperationStatus": [status(), ThriftField(2, .i32(1))]
        case "FetchResults": [status(), ThriftField(2, .bool(false)), ThriftField(3, .struct([
            ThriftField(1, .i64(0)), ThriftField(2, .list(element: .struct, [])), ThriftField(3, .list(element: .struct, [])),
        ]))]
        default: [status()]
        }
    }

    @Test func cancelSendsCancelOperationThenCloseSession() async throws {
        let methods = Mutex<[String]>([])
        let fake = try await FakeHiveServer.start { bytes in
            if bytes.first == 1, let f = SASLTransportTests.saslFrame(bytes) { return (f.length, []) }
            if bytes.first == 5, let f = SASLTransportTests.saslFrame(bytes) { return (f.length, [5, 0, 0, 0, 0]) }
            guard let frame = SASLTransportTests.lengthFrame(bytes) else { return nil }
            var reader = ThriftReader(bytes: frame.payload)
            guard let header = try? reader.readMessageBegin() else { return (frame.length, []) }
            methods.withLock { $0.append(header.name) }
            var w = ThriftWriter()
            w.writeMessageBegin(ThriftMessageHeader(name: header.name, type: .reply, sequenceID: header.sequenceID))
            w.write(.struct([ThriftField(0, .struct(Self.result(for: header.name)))]))
            return (frame.length, HiveServer2Connection.lengthFramed(w.bytes))
        }
        let task = HiveServer2Task(options: HiveServer2Options(host: "127.0.0.1", port: fake.port), pollInterval: .milliseconds(20))
        let running = Task { try await HiveServer2Engine().run("SELECT 1; SELECT 2;", task: task, log: { _ in }) }
        while methods.withLock({ $0.filter { $0 == "GetOperationStatus" }.count }) < 3 {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
        let calls = methods.withLock { $0 }
        #expect(calls.first == "OpenSession")
        #expect(calls.filter { $0 == "ExecuteStatement" }.count == 1)  // the second statement never starts
        #expect(Array(calls.suffix(2)) == ["CancelOperation", "CloseSession"])
        await fake.stop()
    }
}
