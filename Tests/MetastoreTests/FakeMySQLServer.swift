import Foundation
import Testing
import TestSupport

/// `scripts/lib/fake_mysql.py`: a plaintext "MySQL" on 127.0.0.1 that answers the handshake response with an
/// AuthSwitchRequest to the plugin of the test's choice and records every byte the client sends.
struct FakeMySQLServer {
    struct Connection: Decodable {
        var `switch`: String
        var received: String
        var recovered: String?
        var publicKeyRequested: Bool

        func bytes(_ hex: String) -> [UInt8] {
            var bytes: [UInt8] = []
            var index = hex.startIndex
            while index < hex.endIndex {
                let next = hex.index(index, offsetBy: 2)
                bytes.append(UInt8(hex[index..<next], radix: 16) ?? 0)
                index = next
            }
            return bytes
        }

        /// Whether `secret` reached the server in any form an attacker reads: as sent, or decrypted from the
        /// RSA exchange the server led the client into.
        func disclosed(_ secret: String) -> Bool {
            let needle = Array(secret.utf8)
            func contains(_ haystack: [UInt8]) -> Bool {
                guard haystack.count >= needle.count else { return false }
                return (0...(haystack.count - needle.count)).contains { Array(haystack[$0..<($0 + needle.count)]) == needle }
            }
            return contains(bytes(received)) || recovered.map { contains(bytes($0)) } == true
        }
    }

    let port: Int
    private let process: Process
    private let output: Pipe

    /// Serves `connections` connections, the `switches` plugins in turn, then exits.
    init(switches: [String], connections: Int) async throws {
        let script = LiveServer.repositoryRoot.appendingPathComponent("scripts/lib/fake_mysql.py").path
        process = Process()
        // The shared venv has `cryptography` for the RSA plugins; any python3 does for the others.
        if let venv = LiveServer.value("PDM_VENV") {
            process.executableURL = URL(fileURLWithPath: "\(venv)/bin/python")
            process.arguments = [script]
        } else {
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script]
        }
        process.arguments! += switches.flatMap { ["--switch", $0] } + ["--connections", "\(connections)"]
        output = Pipe()
        process.standardOutput = output
        process.standardInput = Pipe()
        try process.run()
        let handle = output.fileHandleForReading
        let first = await Blocking.run { Self.readLine(handle) }
        port = try #require(first.hasPrefix("port ") ? Int(first.dropFirst(5)) : nil, "fake_mysql.py said: \(first)")
    }

    /// Every connection's record, once the server has served them all (killed after `timeout` otherwise).
    func connections(timeout: Double = 20) async throws -> [Connection] {
        let process = self.process
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        let data = await output.fileHandleForReading.readToEndOfFile()
        watchdog.cancel()
        await process.waitForExit()
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map {
            try JSONDecoder().decode(Connection.self, from: Data($0.utf8))
        }
    }

    func stop() {
        if process.isRunning { process.terminate() }
    }

    private static func readLine(_ handle: FileHandle) -> String {
        var line = Data()
        while let byte = try? handle.read(upToCount: 1), let first = byte.first, first != UInt8(ascii: "\n") {
            line.append(first)
        }
        return String(decoding: line, as: UTF8.self)
    }
}
