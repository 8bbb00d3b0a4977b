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

    init() throws {
        host = try #require(LiveServer.value("PDM_TEST_MARIADB_HOST"))
        port = try #require(LiveServer.value("PDM_TEST_MARIADB_PORT").flatMap(Int.init))
        socket = try #require(LiveServer.value("PDM_TEST_MARIADB_SOCKET"))
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
    func makeDatabase(fixture: String) throws -> String {
        let stem = fixture.replacingOccurrences(of: "-", with: "_").replacingOccurrences(of: ".", with: "")
        let name = "pdm_fx_\(stem)_\(UInt32.random(in: 0...UInt32.max))"
        let file = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/metastore/\(fixture).sql")
        let sql = try String(contentsOf: file, encoding: .utf8)
        try admin("CREATE DATABASE `\(name)`;\nUSE `\(name)`;\n" + sql)
        return name
    }

    func dropDatabase(_ name: String) throws {
        try admin("DROP DATABASE IF EXISTS `\(name)`;")
    }

    func admin(_ sql: String) throws {
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
        input.fileHandleForWriting.write(Data(sql.utf8))
        try input.fileHandleForWriting.close()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
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
