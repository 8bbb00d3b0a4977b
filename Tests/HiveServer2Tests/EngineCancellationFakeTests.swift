import Testing
import TestSupport
@testable import HiveServer2
import HiveServer2Engine

/// The calls the engine makes when its task is cancelled, seen by a scripted server whose statement never
/// finishes (`FakeTCLIServer`). (The live suite proves the server really stops; this pins the exact call sequence.)
@Suite struct EngineCancellationFakeTests {
    @Test func cancelSendsCancelOperationThenCloseSession() async throws {
        var script = FakeTCLIScript()
        script.runningPolls = Int.max
        let fake = try await FakeTCLIServer.start(script)
        // The TCLIService calls, without the SASL negotiation.
        func methods() -> [String] { fake.methods.filter { $0 != "SASL" } }
        let task = HiveServer2Task(options: HiveServer2Options(host: "127.0.0.1", port: fake.port), pollInterval: .milliseconds(20))
        let running = Task { try await HiveServer2Engine().run("SELECT 1; SELECT 2;", task: task, log: { _ in }) }
        while methods().filter({ $0 == "GetOperationStatus" }).count < 3 {
            try await Task.sleep(for: .milliseconds(20))
        }
        running.cancel()
        await #expect(throws: CancellationError.self) { try await running.value }
        let calls = methods()
        #expect(calls.first == "OpenSession")
        #expect(calls.filter { $0 == "ExecuteStatement" }.count == 1)  // the second statement never starts
        #expect(Array(calls.suffix(2)) == ["CancelOperation", "CloseSession"])
        await fake.stop()
    }
}
