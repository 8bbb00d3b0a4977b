import Foundation
import Metastore
import Testing
import TestSupport

/// A listener that never greets: the kernel accepts the TCP connection, nobody answers, the client must time out.
struct ConnectionTimeoutTests {
    @Test func silentServerTimesOut() async throws {
        let server = try BlackHoleServer()
        let port = server.port
        let config = ConnectionConfig(
            host: "127.0.0.1", port: port, database: "d", user: "u", password: Password("p"), connectTimeoutSeconds: 1,
            readTimeoutSeconds: 1)
        do {
            // The client blocks for its timeouts: off the cooperative pool.
            try await Blocking.run { () throws(MetastoreError) in _ = try MariaDBConnection(config) }
            Issue.record("connected to a silent listener")
        } catch .connectionFailed(let failure) {
            #expect(failure.kind == .timedOut)
            #expect(failure.code == 2013)
            #expect(failure.description.hasPrefix("timed out connecting to 127.0.0.1:\(port)/d as u (MySQL error 2013): "))
        } catch {
            Issue.record("expected a connection failure, got \(error)")
        }
    }
}
