import Foundation
import Testing
import TestSupport

/// `pdm-pipeline run` honours SIGTERM/SIGINT while its metastore preflight waits on a server that never answers:
/// exit 143/130 at once, the run recorded FAILED (cancelled), no step run (the original sat out the connect timeout).
@Suite struct RunPreflightSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalDuringThePreflightCancelsTheRun(signal: Int32) async throws {
        let server = try BlackHoleServer()
        let directory = try PreflightCommandTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try FileManager.default.createDirectory(at: directory.appendingPathComponent("sql"), withIntermediateDirectories: true)
        let marker = directory.appendingPathComponent("ran").path
        let pipe = directory.appendingPathComponent("t.pipe").path
        try """
            pipeline "t"
            product "T"
            sql "sql"
            param correlation_id
            metastore {
              host "127.0.0.1"
              port \(server.port)
              database "hive_metastore_v2"
              user "pdm-writer"
            }
            step touch {
              command "touch" "\(marker)"
            }
            """.write(toFile: pipe, atomically: true, encoding: .utf8)
        let state = directory.appendingPathComponent("state").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Command.product("pdm-pipeline"))
        process.arguments = ["run", pipe, "--correlation-id", "c-sig", "--state-dir", state,
                             "--log-dir", directory.appendingPathComponent("logs").path, "--connect-timeout", "600"]
        process.environment = Command.textLogs(["PATH": "/usr/bin:/bin", "PDM_METASTORE_PASSWORD": "x"])
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        try #require(await server.accept(within: 20), "pdm-pipeline run never reached the preflight")
        kill(process.processIdentifier, signal)
        while process.isRunning { try await Task.sleep(for: .milliseconds(10)) }
        // Sitting out the connect timeout would end in exit 4 and a FAILED record instead (and take 10 minutes).
        #expect(process.terminationStatus == 128 + signal)
        #expect(!FileManager.default.fileExists(atPath: marker))
        let status = try await PreflightCommandTests.execute(
            ["status", "--correlation-id", "c-sig", "--product", "T", "--format", "json", "--state-dir", state])
        let record = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [String: Any])
        #expect(record["Status"] as? String == "FAILED")
        #expect(record["Failure_Reason"] as? String == "cancelled: interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")")
    }
}
