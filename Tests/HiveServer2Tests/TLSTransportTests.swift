import Foundation
import Testing
@testable import HiveServer2
import TestSupport

/// TLS (`ssl=true` with a CA file) against the fake server behind NIOSSL, with a certificate for 127.0.0.1
/// made here by the openssl command (scripts/test installs it).
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl"), "no /usr/bin/openssl"))
struct TLSTransportTests {
    let folder: URL

    init() async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("hs2-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let openssl = Process()
        openssl.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
        openssl.arguments = [
            "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
            "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", folder.appendingPathComponent("key.pem").path,
            "-out", folder.appendingPathComponent("cert.pem").path,
        ]
        openssl.standardError = FileHandle.nullDevice
        openssl.standardOutput = FileHandle.nullDevice
        try openssl.run()
        await openssl.waitForExit()
        #expect(openssl.terminationStatus == 0)
    }

    var cert: String { folder.appendingPathComponent("cert.pem").path }
    var key: String { folder.appendingPathComponent("key.pem").path }

    func options(_ port: Int, ca: String?) -> HiveServer2Options {
        HiveServer2Options(host: "127.0.0.1", port: port, tls: .init(caFile: ca), user: "pdm", password: "secret",
                           callTimeout: .seconds(10))
    }

    func fake() async throws -> FakeHiveServer {
        try await FakeHiveServer.start(tls: (cert, key)) { bytes in
            if bytes.first == 1, let f = SASLTransportTests.saslFrame(bytes) { return (f.length, []) }
            if bytes.first == 5, let f = SASLTransportTests.saslFrame(bytes) { return (f.length, [5, 0, 0, 0, 0]) }
            guard let frame = SASLTransportTests.lengthFrame(bytes) else { return nil }
            return (frame.length, HiveServer2Connection.lengthFramed(FakeTCLIServer.openSessionReply(to: frame.payload)))
        }
    }

    @Test func trustedCAOpensASessionOverTLS() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await fake()
        let session = try await HiveServer2Session.open(options(server.port, ca: cert))
        #expect(session.serverProtocol == 9)
        // The bytes the server's handler saw are the decrypted SASL START: TLS carried them.
        #expect(server.received.first == [1, 0, 0, 0, 5] + Array("PLAIN".utf8))
        await session.connection.close()
        await server.stop()
    }

    @Test func untrustedCertificateIsATLSFailure() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let server = try await fake()
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Session.open(options(server.port, ca: nil))
        }
        guard case .tlsFailure? = error?.kind else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
        #expect(error?.description.hasPrefix("HiveServer2 127.0.0.1:\(server.port): TLS failure: ") == true)
        await server.stop()
    }

    @Test func missingCAFileIsATLSFailure() async throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let error = await #expect(throws: HiveServer2Error.self) {
            _ = try await HiveServer2Connection.connect(options(1, ca: "/nonexistent/ca.pem"))
        }
        guard case .tlsFailure? = error?.kind else {
            Issue.record("expected a TLS failure, got \(String(describing: error))")
            return
        }
    }
}
