import Foundation
import Metastore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A listener that never greets: the kernel accepts the TCP connection, nobody answers, the client must time out.
struct ConnectionTimeoutTests {
    @Test func silentServerTimesOut() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(listening)
        let port = Int(UInt16(bigEndian: address.sin_port))
        let config = ConnectionConfig(
            host: "127.0.0.1", port: port, database: "d", user: "u", password: Password("p"), connectTimeoutSeconds: 1,
            readTimeoutSeconds: 1)
        do {
            _ = try MariaDBConnection(config)
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
