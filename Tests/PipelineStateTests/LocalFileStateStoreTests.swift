import Foundation
import Testing
@testable import PipelineState

func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-state-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

@Suite struct LocalFileStateStoreTests {
    @Test func fullRunIsStoredAndReadBack() async throws {
        let store = LocalFileStateStore(directory: try temporaryFolder())
        let outcome = try await store.begin(request())
        let handle = outcome.handle
        try await store.stepStarted(handle, step: "model", carriedTasks: [], at: t0)
        try await store.taskCompleted(handle, step: "model", task: "model/a.sql", at: t0)
        try await store.finish(handle, status: .completed, reason: nil, at: t0.addingTimeInterval(9))
        let record = try #require(try await store.read(key))
        #expect(record.status == .completed)
        #expect(record.currentStep == "model")
        #expect(record.completedTasks == ["model/a.sql"])
        #expect(record.updatedAt == t0.addingTimeInterval(9))
        #expect(record.leaseExpiresAt == nil)
    }

    @Test func fileUsesTheOriginalAttributeNames() async throws {
        let folder = try temporaryFolder()
        let store = LocalFileStateStore(directory: folder)
        _ = try await store.begin(request())
        let json = try String(contentsOf: store.recordURL(for: key), encoding: .utf8)
        #expect(store.recordURL(for: key).lastPathComponent == "corr-1__PDM.json")
        for name in ["\"Correlation_Id\" : \"corr-1\"", "\"DataProduct\" : \"PDM\"", "\"Run_Id\" : 1",
                     "\"Status\" : \"IN_PROGRESS\"", "\"Cluster_Id\" : \"j-ABC\"", "\"Date\" : \"2026-11-21\"",
                     "\"S3_Prefix_Analytical_DataSet\" : \"data/x\"", "\"Snapshot_Type\" : \"full\""] {
            #expect(json.contains(name), "\(name) missing from \(json)")
        }
        // No temp files left behind.
        let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
        #expect(files == ["corr-1__PDM.json", "corr-1__PDM.json.lock"])
    }

    @Test func failedRunResumesWithRunIdTwo() async throws {
        let store = LocalFileStateStore(directory: try temporaryFolder())
        let first = try await store.begin(request())
        try await store.stepStarted(first.handle, step: "model", carriedTasks: [], at: t0)
        try await store.taskCompleted(first.handle, step: "model", task: "m/1.sql", at: t0)
        try await store.stepFailed(first.handle, step: "model", reason: "boom", continuing: false, at: t0)
        try await store.finish(first.handle, status: .failed, reason: "boom", at: t0)
        let second = try await store.begin(request(now: t0.addingTimeInterval(60)))
        #expect(second.record.runID == 2)
        #expect(second.start == .resumed(step: "model", completedTasks: ["m/1.sql"], previousRunID: 1, previousStatus: .failed))
        // The first runner is fenced off now.
        await #expect(throws: StateError.superseded(key, runID: 1, found: 2)) {
            try await store.renewLease(first.handle, until: t0, at: t0)
        }
    }

    @Test func concurrentBeginsLetExactlyOneWin() async throws {
        let folder = try temporaryFolder()
        let results = await withTaskGroup(of: Result<BeginOutcome, StateError>.self) { group in
            for pid in Int32(1)...8 {
                group.addTask {
                    let store = LocalFileStateStore(directory: folder)
                    do throws(StateError) {
                        return .success(try await store.begin(request(owner: RunOwner(host: "h", pid: pid))))
                    } catch {
                        return .failure(error)
                    }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        let winners = results.compactMap { try? $0.get() }
        #expect(winners.count == 1)
        #expect(winners.first?.record.runID == 1)
        for case .failure(let error) in results {
            guard case .inProgressElsewhere(_, runID: 1, _, _) = error else {
                Issue.record("unexpected \(error)")
                continue
            }
        }
    }

    @Test func corruptFileIsAnErrorAndIsNotReset() async throws {
        let folder = try temporaryFolder()
        let store = LocalFileStateStore(directory: folder)
        let url = store.recordURL(for: key)
        try Data("{\"Correlation_Id\": \"corr-1\", ".utf8).write(to: url)
        await #expect(throws: StateError.corruptRecord(path: url.path, reason: "not valid JSON")) {
            try await store.begin(request())
        }
        try Data("{\"Correlation_Id\": \"corr-1\"}".utf8).write(to: url)
        await #expect(throws: StateError.corruptRecord(path: url.path, reason: "missing DataProduct")) {
            try await store.read(key)
        }
        #expect(try String(contentsOf: url, encoding: .utf8) == "{\"Correlation_Id\": \"corr-1\"}")
    }

    @Test func correlationIdsBecomeSafeFileNames() {
        let store = LocalFileStateStore(directory: URL(fileURLWithPath: "/state"))
        #expect(store.recordURL(for: RunKey(correlationID: "../a/b c", product: "PDM")).path == "/state/%2E.%2Fa%2Fb%20c__PDM.json")
    }

    @Test func unwritableFolderIsUnavailable() async throws {
        let store = LocalFileStateStore(directory: URL(fileURLWithPath: "/proc/pdm-state-test"))
        await #expect(throws: StateError.self) { try await store.begin(request()) }
        do {
            _ = try await store.begin(request())
        } catch {
            #expect(error.description.hasPrefix("state store unavailable: cannot create state folder /proc/pdm-state-test: "))
        }
    }
}
