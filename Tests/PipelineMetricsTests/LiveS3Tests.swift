import AWS
import Foundation
import PipelinePlan
import Synchronization
import TestSupport
import Testing

@testable import PipelineMetrics
@testable import PipelineRun

/// Watches one S3 object from outside: every few milliseconds, present (with its body) or absent.
final class ObjectPoller: Sendable {
    enum Seen: Equatable {
        case absent
        case present(Data)
    }

    private let seen = Mutex<[Seen]>([])
    private let task = Mutex<Task<Void, Never>?>(nil)

    var observations: [Seen] { seen.withLock { $0 } }
    var distinctBodies: Int { Set(observations.compactMap { if case .present(let d) = $0 { d } else { nil } }).count }

    func start(_ s3: S3Client, _ location: S3Location) {
        task.withLock {
            $0 = Task { [self] in
                while !Task.isCancelled {
                    do {
                        let body = try await s3.getObject(bucket: location.bucket, key: location.key)
                        seen.withLock { $0.append(.present(body)) }
                    } catch let error as AWSError where error.serviceCode == "NoSuchKey" {
                        seen.withLock { $0.append(.absent) }
                    } catch {}
                    try? await Task.sleep(for: .milliseconds(40))
                }
            }
        }
    }

    func stop() async {
        let t = task.withLock { $0 }
        t?.cancel()
        await t?.value
    }
}

@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: scripts/services/moto start"))
struct LiveS3Tests {
    enum Ending: String, CaseIterable { case completed, failed, cancelled }

    static func s3() throws -> S3Client {
        let url = try #require(LiveServer.value("PDM_TEST_MOTO_URL"))
        let key = try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID"))
        let secret = try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))
        return S3Client(configuration: AWSConfiguration(
            region: LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1", endpoint: try AWSEndpoint(url: url),
            credentials: StaticCredentialProvider(AWSCredentials(accessKeyId: key, secretAccessKey: secret)),
            http: CurlHTTPClient(timeouts: HTTPTimeouts(connect: 2, total: 5)), retry: AWSRetryPolicy(maxAttempts: 1)))
    }

    static func exists(_ s3: S3Client, _ location: S3Location) async throws -> Bool {
        do {
            _ = try await s3.getObject(bucket: location.bucket, key: location.key)
            return true
        } catch let error as AWSError where error.serviceCode == "NoSuchKey" {
            return false
        }
    }

    /// Deleted at start (a stale object from an earlier run), present and updated while the work runs, absent
    /// after the end, and never uploaded again after the final delete: for a run that completes, fails, or is
    /// cancelled by SIGTERM.
    @Test(arguments: Ending.allCases)
    func theObjectsLife(_ ending: Ending) async throws {
        let s3 = try Self.s3()
        let bucket = "pdm-metrics-\(UUID().uuidString.prefix(8).lowercased())"
        try await s3.createBucket(bucket)
        let location = S3Location(bucket: bucket, key: "metrics/pdm-metrics.json")
        try await s3.put(Data("stale".utf8), at: location)

        let scratch = try Scratch()
        let poller = ObjectPoller()
        let cancellation = RunCancellation()
        let settings = MetricsSettings(s3: location.description, exportEverySeconds: 0.05, graceSeconds: 0.2)
        var actions = ActionRegistry.builtins
        // The courtesy delete is queued off the pipeline's path: this step waits for it to land.
        actions.register("test.await-absent") { _ in
            for _ in 0..<200 where try await Self.exists(s3, location) { try await Task.sleep(for: .milliseconds(20)) }
            guard try await !Self.exists(s3, location) else { throw ActionFailure("the stale object was never deleted") }
        }
        // The work: lasts until the outside poller has seen the object change, then ends as asked.
        actions.register("test.work") { _ in
            for _ in 0..<500 where poller.distinctBodies < 3 { try await Task.sleep(for: .milliseconds(10)) }
            switch ending {
            case .completed: return
            case .failed: throw ActionFailure("failed on purpose")
            case .cancelled:
                cancellation.cancel(signal: SIGTERM)
                try await Task.sleep(for: .seconds(60))
            }
        }
        let p = plan(
            [
                step(1, "courtesy-flush", [[action("courtesy/s3", "metrics.delete-s3")]], onFailure: .ignore),
                step(2, "check-deleted", [[action("check/absent", "test.await-absent")]]),
                step(3, "metrics-setup", [[action("setup/export", "metrics.export-start")]], onFailure: .ignore),
                step(4, "work", [[action("work/a", "test.work")]]),
                step(5, "flush-s3", [[action("flush/stop", "metrics.export-stop")], [action("flush/delete", "metrics.delete-s3")]], always: true, onFailure: .ignore),
            ], metrics: settings)
        let session = try MetricsSession(settings: settings, plan: p, clusterID: "j-TEST", store: s3, http: CurlHTTPClient(), logger: quietLogger)
        MetricsSession.register(session, into: &actions)
        poller.start(s3, location)
        let summary = await Runner(store: scratch.store, actions: actions, reporter: session.reporter(wrapping: EventLog()))
            .run(p, options: scratch.options(), cancellation: cancellation)
        await session.close(summary)
        // A GET in flight when close returned may still report the object; the next one starts after it.
        let closedAt = poller.observations.count + 1
        // Watch for a while after the end: at least ten export intervals and five more GETs (a loaded machine's
        // poller may manage fewer in that time; counting them keeps the test causal, not timed).
        let watchUntil = Date().addingTimeInterval(30)
        try await Task.sleep(for: .milliseconds(500))
        while poller.observations.count < closedAt + 5, Date() < watchUntil { try await Task.sleep(for: .milliseconds(100)) }
        await poller.stop()

        switch ending {
        case .completed: #expect(summary.exitCode == .success)
        case .failed: #expect(summary.exitCode == .stepFailed)
        case .cancelled: #expect(summary.status == .cancelled)
        }
        let seen = poller.observations
        #expect(try await !Self.exists(s3, location))
        #expect(!seen.contains(.present(Data("stale".utf8))) || seen.firstIndex(of: .present(Data("stale".utf8)))! < seen.firstIndex(of: .absent)!)
        #expect(poller.distinctBodies >= 3)  // the stale one and at least two of ours: updated while running
        // Once absent after the run, never present again.
        try #require(closedAt < seen.count)
        #expect(seen[closedAt...].allSatisfy { $0 == .absent })
        let lastPresent = try #require(seen.lastIndex { $0 != .absent })
        #expect(seen[(lastPresent + 1)...].allSatisfy { $0 == .absent })
        #expect(lastPresent < closedAt)
        let final = try CodahaleDocument(parsing: try #require({ if case .present(let d) = seen[lastPresent] { d } else { nil } }()))
        #expect(final.gauge("pdm_run_id") == 1)
    }
}
