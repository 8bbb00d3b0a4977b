import Foundation
#if canImport(Glibc)
import Glibc
#endif
import Metastore
import Testing
import TestSupport

/// The servers `scripts/services/mariadb` starts, and fixture databases on them.
struct LiveMariaDB {
    static let enabled = LiveServer.available("PDM_TEST_MARIADB_PORT")
    static let reason: Comment = "MariaDB not running: run scripts/test (or scripts/services/mariadb start)"

    let host: String
    let port: Int
    let socket: String

    /// `tls`: the second server, with TLS and lower_case_table_names=1.
    init(tls: Bool = false) throws {
        let prefix = tls ? "PDM_TEST_MARIADB_TLS" : "PDM_TEST_MARIADB"
        host = try #require(LiveServer.value("PDM_TEST_MARIADB_HOST"))
        port = try #require(LiveServer.value("\(prefix)_PORT").flatMap(Int.init))
        socket = try #require(LiveServer.value("\(prefix)_SOCKET"))
    }

    static func credential(_ role: String) throws -> (user: String, password: Password) {
        let user = try #require(LiveServer.value("PDM_TEST_MARIADB_\(role)_USER"))
        let password = try #require(LiveServer.value("PDM_TEST_MARIADB_\(role)_PASSWORD"))
        return (user, Password(password))
    }

    func config(database: String, role: String = "WRITER") throws -> ConnectionConfig {
        let (user, password) = try Self.credential(role)
        return ConnectionConfig(host: host, port: port, database: database, user: user, password: password)
    }

    /// Creates a fresh database `pdm_fx_<name>_<random>` from `Tests/Fixtures/metastore/<fixture>.sql`,
    /// through the server's socket as root (the tool under test only ever reads).
    func makeDatabase(fixture: String) async throws -> String {
        let stem = fixture.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "")
        let name = "pdm_fx_\(stem)_\(UInt32.random(in: 0...UInt32.max))"
        let file = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/metastore/\(fixture).sql")
        let sql = try String(contentsOf: file, encoding: .utf8)
        try await admin("CREATE DATABASE `\(name)`;\nUSE `\(name)`;\n" + sql)
        return name
    }

    func dropDatabase(_ name: String) async throws {
        try await admin("DROP DATABASE IF EXISTS `\(name)`;")
    }

    /// `body` on a fresh database from `fixture`, dropped afterwards, also when `body` throws (a `defer` cannot
    /// await the `mariadb` client).
    func withDatabase<T>(fixture: String, _ body: (String) async throws -> T) async throws -> T {
        let name = try await makeDatabase(fixture: fixture)
        return try await Self.withCleanup({ try await body(name) }, cleanup: { try? await dropDatabase(name) })
    }

    /// `body`, then `cleanup` whether or not `body` threw: a `defer` that may await.
    static func withCleanup<T>(_ body: () async throws -> T, cleanup: () async -> Void) async throws -> T {
        let result: T
        do {
            result = try await body()
        } catch {
            await cleanup()
            throw error
        }
        await cleanup()
        return result
    }

    func admin(_ sql: String) async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/mariadb")
        // Fixtures `source parts/...` relative to their own folder.
        process.currentDirectoryURL = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/metastore")
        process.arguments = ["--no-defaults", "--protocol=socket", "--socket=\(socket)", "-uroot", "--batch"]
        let input = Pipe()
        let errors = Pipe()
        process.standardInput = input
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        // A fixture larger than the pipe buffer: the write waits for mariadb to read.
        let handle = input.fileHandleForWriting
        try await Blocking.run { () throws -> Void in
            handle.write(Data(sql.utf8))
            try handle.close()
        }
        let stderr = String(decoding: await errors.fileHandleForReading.readToEndOfFile(), as: UTF8.self)
        await process.waitForExit()
        try #require(process.terminationStatus == 0, "mariadb admin failed: \(stderr)")
    }

    /// A TCP port on 127.0.0.1 that nothing listens on: bound by us, then released.
    static func closedPort() throws -> Int {
        let fd = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        try #require(fd >= 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
