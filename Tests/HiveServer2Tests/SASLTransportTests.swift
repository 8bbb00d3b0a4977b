import NIOCore
import Testing
import TestSupport
import Thrift
@testable import HiveServer2

/// SASL PLAIN framing, message framing and failure classification against an in-process fake server.
@Suite struct SASLTransportTests {
    /// A SASL frame: status, 4-byte length, payload; nil when incomplete.
    static func saslFrame(_ bytes: [UInt8]) -> (status: UInt8, payload: [UInt8], length: Int)? {
        guard bytes.count >= 5 else { return nil }
        let n = Int(bytes[1]) << 24 | Int(bytes[2]) << 16 | Int(bytes[3]) << 8 | Int(bytes[4])
        guard bytes.count >= 5 + n else { return nil }
        return (bytes[0], Array(bytes[5..<5 + n]), 5 + n)
    }

    static func lengthFrame(_ bytes: [UInt8]) -> (payload: [UInt8], length: Int)? {
        guard bytes.count >= 4 else { return nil }
        let n = Int(bytes[0]) << 24 | Int(bytes[1]) << 16 | Int(bytes[2]) << 8 | Int(bytes[3])
        guard bytes.count >= 4 + n else { return nil }
        return (Array(bytes[4..<4 + n]), 4 + n)
    }

    /// The fake's script: START "PLAIN", then COMPLETE with the PLAIN response; answer COMPLETE (or BAD for a
    /// wrong password); then framed calls, each answered by `reply` split into `frames` frames.
    static func server(password: String = "secret", frames: Int = 1) async throws -> FakeHiveServer {
        try await FakeHiveServer.start { bytes in
            if bytes.first == 1, let start = saslFrame(bytes) {
                return (start.length, [])  // START: the server waits for the response
            }
            if bytes.first == 5, let response = saslFrame(bytes) {
                let ok = response.payload == [0] + Array("pdm".utf8) + [0] + Array(password.utf8)
                let reason = Array("Error validating the login".utf8)
                let answer = ok ? [5, 0, 0, 0, 0] : [3] + [0, 0, 0, UInt8(reason.count)] + reason
                return (response.length, answer)
            }
            guard let frame = lengthFrame(bytes) else { return nil }
            let reply = FakeTCLIServer.openSessionReply(to: frame.payload)
            let size = (reply.count + frames - 1) / frames
            var out: [UInt8] = []
            for start in stride(from: 0, to: reply.count, by: size) {
                let piece = Array(reply[start..<min(start + size, reply.count)])
                out += HiveServer2Connection.lengthFramed(piece)
            }
            return (frame.length, out)
        }
    }

    func options(_ port: Int, password: String = "secret", callTimeout: Duration = .seconds(10)) -> HiveServer2Options {
        HiveServer2Options(host: "127.0.0.1", port: port, user: "pdm", password: password, allowPlaintextPassword: true,
                           callTimeout: callTimeout)
    }

    @Test func plainHandshakeThenFramedCall() async throws {
        let fake = try await Self.server()
        let session = try await HiveServer2Session.open(options(fake.port), configuration: ["use:database": "db1"])
        #expect(session.handle.sessionID.guid == Array(repeating: 0xAB, count: 16))
        #expect(session.serverProtocol == 9)
        let received = fake.received
        // The exact negotiation bytes: START(1) len 5 "PLAIN"; COMPLETE(5) len 11 "\0pdm\0secret".
        #expect(received[0] == [1, 0, 0, 0, 5] + Array("PLAIN".utf8))
        #expect(received[1] == [5, 0, 0, 0, 11] + [0] + Array("pdm".utf8) + [0] + Array("secret".utf8))
        // Then one length-framed OpenSession call holding the configuration.
        let call = try #require(Self.lengthFrame(received[2])).payload
        var reader = ThriftReader(bytes: call)
        #expect(try reader.readMessageBegin() == ThriftMessageHeader(name: "OpenSession", type: .call, sequenceID: 1))
        #expect(String(decoding: call, as: UTF8.self).contains("use:database"))
        await session.connection.close()
        await fake.stop()
    }

    @Test func replySplitOverFramesIsReassembled() async throws {
        let fake = try await Self.server(frames: 3)
        let session = try await HiveServer2Session.open(options(fake.port))
        #expect(session.serverProtocol == 9)
        await session.connection.close()
        await fake.stop()
    }

    @Test func wrongPasswordIsAnAuthenticationFailureNamingTheServer() async throws {
        let fake = try await Self.server()
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Session.open(options(fake.port, password: "wrong"))
        }
        #expect(error == HiveServer2Error(host: "127.0.0.1", port: fake.port, kind: .authenticationFailed("Error validating the login")))
        #expect(error?.description == "HiveServer2 127.0.0.1:\(fake.port): authentication failed: Error validating the login")
        await fake.stop()
    }

    @Test func silentServerTimesOutTheCall() async throws {
        let fake = try await FakeHiveServer.start { _ in nil }
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Connection.connect(options(fake.port, callTimeout: .milliseconds(300)))
        }
        #expect(error?.kind == .callTimedOut(call: "SASL negotiation", after: .milliseconds(300)))
        #expect(error?.description == "HiveServer2 127.0.0.1:\(fake.port): SASL negotiation got no answer within 300 ms")
        await fake.stop()
    }

    @Test func oversizedFrameFailsWithoutAllocating() async throws {
        // SASL COMPLETE, then a frame announcing 2 GiB.
        let fake = try await FakeHiveServer.start { bytes in
            if bytes.first == 1, let f = Self.saslFrame(bytes) { return (f.length, []) }
            if bytes.first == 5, let f = Self.saslFrame(bytes) { return (f.length, [5, 0, 0, 0, 0]) }
            guard let f = Self.lengthFrame(bytes) else { return nil }
            return (f.length, [0x7F, 0xFF, 0xFF, 0xFF, 0x80])
        }
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Session.open(options(fake.port))
        }
        #expect(error?.kind == .protocolError(
            "the answer to OpenSession would be 2147483647 bytes, over the 67108864-byte limit (maxMessageBytes)"))
        await fake.stop()
    }

    @Test func refusedConnectionIsOneLine() async throws {
        let fake = try await FakeHiveServer.start { _ in nil }
        let port = fake.port
        await fake.stop()
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Connection.connect(options(port))
        }
        #expect(error?.description == "HiveServer2 127.0.0.1:\(port): connection refused")
        #expect(error?.isConnectionFailure == true)
    }

    @Test func serverClosingMidCallIsConnectionLost() async throws {
        let fake = try await FakeHiveServer.start { bytes in
            if bytes.first == 1, let f = Self.saslFrame(bytes) { return (f.length, []) }
            if bytes.first == 5, let f = Self.saslFrame(bytes) { return (f.length, [5, 0, 0, 0, 0]) }
            return nil
        }
        let connection = try await HiveServer2Connection.connect(options(fake.port))
        await fake.stop()  // the listening socket; the accepted one stays: close ours to prove later calls fail fast
        await connection.close()
        let error = await #expect(throws: HiveServer2Error.self) {
            let _: TStatusResp = try await connection.call("CloseSession", TCloseSessionReq(sessionHandle: TSessionHandle(
                sessionID: THandleIdentifier(guid: [], secret: []))))
        }
        #expect(error?.isConnectionFailure == true)
    }

    /// NOSASL: no negotiation; unframed messages found by the scanner, or 4-byte framed ones.
    @Test(arguments: [false, true]) func noSASLSpeaksThriftDirectly(framed: Bool) async throws {
        let fake = try await FakeHiveServer.start { bytes in
            if framed {
                guard let frame = Self.lengthFrame(bytes) else { return nil }
                return (frame.length, HiveServer2Connection.lengthFramed(FakeTCLIServer.openSessionReply(to: frame.payload)))
            }
            guard let end = try? ThriftMessageScanner.completeLength(of: bytes) else { return nil }
            let reply = FakeTCLIServer.openSessionReply(to: Array(bytes.prefix(end)))
            return (end, reply)
        }
        var options = options(fake.port)
        options.transport = .noSASL(framed: framed)
        let session = try await HiveServer2Session.open(options)
        #expect(session.serverProtocol == 9)
        var reader = ThriftReader(bytes: framed ? try #require(Self.lengthFrame(fake.received[0])).payload : fake.received[0])
        #expect(try reader.readMessageBegin().name == "OpenSession")  // the first bytes are the call: no SASL
        await session.connection.close()
        await fake.stop()
    }
}
