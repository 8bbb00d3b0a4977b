import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A TCP server on 127.0.0.1 that accepts and never answers: libmariadb's connect blocks on it until its
/// connect timeout. It keeps the accepted socket, so a test can see whether the client still holds it.
final class BlackHoleServer: @unchecked Sendable {
    // Only the test's own thread touches these descriptors.
    private let listener: Int32
    private var accepted: Int32 = -1
    let port: Int

    init() throws {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let listening = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && listen(fd, 4) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        guard listening else {
            close(fd)
            throw POSIXError(.EADDRINUSE)
        }
        listener = fd
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        if accepted >= 0 { close(accepted) }
        close(listener)
    }

    /// Waits up to `seconds` for the client's connection; true once it is accepted. Polls without blocking
    /// and sleeps in between: a blocked cooperative thread could starve the very preflight it waits for.
    func accept(within seconds: Int) async -> Bool {
        guard await ready(listener, within: seconds) else { return false }
        accepted = Glibc.accept(listener, nil, nil)
        return accepted >= 0
    }

    /// Whether the client still holds the accepted connection open (nothing to read, no end of stream).
    var clientHoldsConnection: Bool {
        var byte: UInt8 = 0
        let count = recv(accepted, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
    }

    /// Waits up to `seconds` for the client to close the connection.
    func clientCloses(within seconds: Int) async -> Bool {
        guard await ready(accepted, within: seconds) else { return false }
        var byte: UInt8 = 0
        return recv(accepted, &byte, 1, Int32(MSG_DONTWAIT)) == 0
    }

    private func ready(_ fd: Int32, within seconds: Int) async -> Bool {
        for _ in 0..<(seconds * 20) {
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&poller, 1, 0) == 1 { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
