import Foundation
import PipelineApp
import PipelinePlan
import PipelineRun
import PipelineState
import TestSupport
import Testing

/// The use cases in-process: a captured console, a scratch folder with a local store, the stub engine.
@Suite struct UseCaseTests {
    static let root = LiveServer.repositoryRoot
    static let pipeline = root.appendingPathComponent("Tests/Fixtures/faults/faults.pipe").path
    static let stub = root.appendingPathComponent("Tests/Fixtures/bin/stub-engine").path

    struct Scratch {
        let folder: URL
        let capture = Console.Capture()
        var state: StateSettings { StateSettings(kind: .local, directory: folder.appendingPathComponent("state").path) }

        init() throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("app-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        }

        func context(_ extra: [String: String] = [:], now: Date = Date()) -> AppContext {
            let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
            // No EMR marker here: the file's default profile applies.
            var environment = ["PATH": path, "HOME": folder.path, "PDM_JOB_FLOW_INFO": folder.appendingPathComponent("none").path]
            environment.merge(extra) { $1 }
            return AppContext(
                console: capture.console(), environment: environment, workingDirectory: folder.path, now: { now },
                hostName: "test-host", processID: getpid())
        }

        func run(_ correlationID: String, _ extra: [String: String] = [:], force: Bool = false) async -> PipelineRun.ExitStatus {
            await RunUseCase(
                inputs: PlanArguments(file: UseCaseTests.pipeline, correlationID: correlationID, hiveCommand: [UseCaseTests.stub]),
                state: state, logs: LogSettings(requested: .text), policy: RunPolicy(force: force),
                logDir: folder.appendingPathComponent("logs").path, gracePeriod: 1
            ).run(context(extra))
        }
    }

    @Test func aMalformedPipelineIsExitTwoWithItsDiagnosticAndNothingOnStdout() async throws {
        let scratch = try Scratch()
        let file = scratch.folder.appendingPathComponent("bad.pipe")
        try "pipeline \"x\"\nstep a {\n  glob\n".write(to: file, atomically: true, encoding: .utf8)
        let status = await PlanUseCase(inputs: PlanArguments(file: file.path)).run(scratch.context())
        #expect(status == .unusableInput)
        #expect(scratch.capture.err.contains("bad.pipe:"))
        #expect(scratch.capture.out.isEmpty)
    }

    @Test func statusWithoutARecordIsExitOneWithOneErrorLine() async throws {
        let scratch = try Scratch()
        let status = await StatusUseCase(key: RunKey(correlationID: "none", product: "PDM"), state: scratch.state).run(scratch.context())
        #expect(status == .failed)
        #expect(scratch.capture.err == "error: no run recorded for none/PDM in the local store \(scratch.state.directory)\n")
    }

    @Test func aRunThenAnotherIsRefusedAsCompletedAndStatusShowsIt() async throws {
        let scratch = try Scratch()
        #expect(await scratch.run("c1") == .success)
        #expect(await scratch.run("c1") == .stateConflict)
        #expect(scratch.capture.err.contains("COMPLETED"))
        let status = await StatusUseCase(key: RunKey(correlationID: "c1", product: "PDM"), format: .json, state: scratch.state)
            .run(scratch.context())
        #expect(status == .success)
        #expect(scratch.capture.out.contains("\"Status\" : \"COMPLETED\"") || scratch.capture.out.contains("\"Status\":\"COMPLETED\""))
    }

    /// `plan --resume` takes the flags `run` would get (one `RunPolicy`): a COMPLETED run is refused without
    /// `--force`, and with it the preview is the forced run, every step from the beginning.
    @Test func planResumePreviewsTheBeginOfTheSamePolicy() async throws {
        let scratch = try Scratch()
        #expect(await scratch.run("c3") == .success)
        let refused = PlanUseCase(
            inputs: PlanArguments(file: Self.pipeline, correlationID: "c3"), format: .json, resume: true, state: scratch.state)
        #expect(await refused.run(scratch.context()) == .success)
        #expect(scratch.capture.err.contains("is COMPLETED; `run` refuses it unless --force"))
        let before = scratch.capture.out.count
        let forced = PlanUseCase(
            inputs: PlanArguments(file: Self.pipeline, correlationID: "c3"), format: .json, resume: true, state: scratch.state,
            policy: RunPolicy(force: true))
        let errors = scratch.capture.err.count
        #expect(await forced.run(scratch.context()) == .success)
        #expect(scratch.capture.err.count == errors)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.capture.out.utf8.dropFirst(before))) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        #expect(!steps.isEmpty)
        #expect(steps.allSatisfy { $0["status"] as? String == "run" })
    }

    /// The drift the issue names: an IN_PROGRESS record whose lease ran out resumes in `run`; `plan --resume`
    /// must show the same resume, because both decide with `BeginDecision` on `BeginRequest(plan:)`.
    @Test func planResumeOfAnExpiredInProgressRecordShowsWhereRunResumes() async throws {
        let scratch = try Scratch()
        let context = scratch.context()
        let plan = try PlanLoading.load(
            PlanArguments(file: Self.pipeline, correlationID: "c2"), context: context, requireRunParameters: true).plan
        let store = try scratch.state.makeStore(environment: context.environment)
        let long = Date().addingTimeInterval(-3600)
        let begun = try await store.begin(
            BeginRequest(plan: plan, clusterID: "j-1", owner: RunOwner(host: "dead", pid: 1), now: long, leaseDuration: 60))
        // The dead runner did load and transform (each recorded done as it completed), then began model.
        let fingerprints = plan.fingerprints()
        for step in ["load", "transform"] {
            try await store.stepStarted(begun.handle, step: step, carriedTasks: [], at: long)
            try await store.stepCompleted(begun.handle, step: step, fingerprints: fingerprints[step] ?? [:], at: long)
        }
        try await store.stepStarted(begun.handle, step: "model", carriedTasks: [], at: long)

        let preview = PlanUseCase(
            inputs: PlanArguments(file: Self.pipeline, correlationID: "c2"), format: .json, resume: true, state: scratch.state)
        #expect(await preview.run(context) == .success)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(scratch.capture.out.utf8)) as? [String: Any])
        let steps = try #require(json["steps"] as? [[String: Any]])
        let status = steps.map { ($0["name"] as? String ?? "", $0["status"] as? String ?? "", $0["reason"] as? String ?? "") }
        #expect(status.prefix(2).map(\.2) == ["completed by run 1, resuming later", "completed by run 1, resuming later"])
        #expect(status.first { $0.0 == "model" }?.1 == "run")
        // And `run` agrees: it resumes at model, and the load/transform stubs never start.
        let record = scratch.folder.appendingPathComponent("stub.record").path
        #expect(await scratch.run("c2", ["STUB_RECORD": record]) == .success)
        let started = try String(contentsOfFile: record, encoding: .utf8).split(separator: "\n").filter { $0.contains(" start ") }
        #expect(!started.isEmpty)
        #expect(started.allSatisfy { !$0.contains("load/") && !$0.contains("transform/") })
    }

    /// The launcher's `NOT_SET` is "not given" once, where the app layer makes the planner's request.
    @Test func theLaunchersNotSetIsReadAsAbsent() throws {
        let scratch = try Scratch()
        let now = Date(timeIntervalSince1970: 1_790_000_000)
        let notSet = RunParameterValue.notSet
        // The local profile of pdm.pipe sets correlation_id and s3_prefix: NOT_SET must not override them.
        let arguments = PlanArguments(
            file: Self.root.appendingPathComponent("pipelines/pdm.pipe").path, profile: "local", correlationID: notSet, s3Prefix: notSet, snapshotType: notSet, exportDate: notSet)
        #expect(arguments.givenCorrelationID == nil)
        let plan = try PlanLoading.load(arguments, context: scratch.context(now: now), requireRunParameters: false).plan
        #expect(plan.run.exportDate == Planner.today(now))
        #expect(plan.run.s3Prefix == "pdm-sample")
        #expect(plan.run.correlationID == "local-demo")
        #expect(plan.run.snapshotType == notSet)  // the file's own default, not the flag
    }

    @Test func planResumeWithoutACorrelationIDIsUnusableInput() async throws {
        let scratch = try Scratch()
        let status = await PlanUseCase(inputs: PlanArguments(file: Self.pipeline), resume: true, state: scratch.state).run(scratch.context())
        #expect(status == .unusableInput)
        #expect(scratch.capture.err == "error: --resume needs --correlation-id\n")
    }
}
