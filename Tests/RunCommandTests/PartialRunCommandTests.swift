import Foundation
import Testing
import TestSupport

/// Issue 18 through the built binary, as an operator would meet it: a partial run (`--only`, `--from`) never
/// leaves the record COMPLETED (item 2), a step skipped by its `when` runs once the condition holds (item 3),
/// the drift guard's `--from` advice works (item 4), the local state is private whatever the umask (items 6,
/// 12), and `status` prints stored text on one line (item 13).
@Suite struct PartialRunCommandTests {
    func status(_ cli: CLI, _ id: String = "c1") async throws -> [String: Any] {
        let result = try await cli.run(["status", "--correlation-id", id, "--format", "json"])
        return try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any], "\(result.stderr)")
    }

    @Test func onlyAnEarlierStepOfAFailedRunDoesNotCompleteIt() async throws {
        let cli = try CLI()
        let failed = try await cli.run(cli.runArguments(), environment: ["STUB_FAIL": "b.2"])
        #expect(failed.status == 1)
        try FileManager.default.removeItem(at: cli.record)

        let only = try await cli.run(cli.runArguments(["--only", "create"]))
        #expect(only.status == 0, "\(only.stderr)")
        #expect(try cli.started() == ["create/create.sql"])
        #expect(only.stdout.contains("recorded FAILED at step 'model', where the next run resumes"), "\(only.stdout)")
        var record = try await status(cli)
        #expect(record["Status"] as? String == "FAILED")
        #expect(record["CurrentStep"] as? String == "model")
        #expect(record["Failure_Reason"] as? String == "partial run (--only create): not run yet: model, hang, flush")

        try FileManager.default.removeItem(at: cli.record)
        let rest = try await cli.run(cli.runArguments())
        #expect(rest.status == 0, "\(rest.stderr)")
        #expect(rest.stderr.contains("resuming run 2 at step 'model'"), "\(rest.stderr)")
        #expect(!(try cli.started()).contains("create/create.sql"))
        record = try await status(cli)
        #expect(record["Status"] as? String == "COMPLETED")
    }

    @Test func aStepSkippedByItsConditionRunsWhenTheRerunSatisfiesIt() async throws {
        let cli = try CLI()
        let copy = cli.folder.appendingPathComponent("pipeline")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Tests/Fixtures/run"), to: copy)
        let pipeline = copy.appendingPathComponent("extra.pipe").path
        try """
            pipeline "extra"
            product "PDM"
            sql "sql"
            engine hive
            param correlation_id
            var with_extra = false

            step create { file "create.sql" }
            step extra when with_extra { statement "select 'extra'" }
            step model { glob "model/*.2.sql" }

            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let failed = try await cli.run(cli.runArguments(pipeline: pipeline), environment: ["STUB_FAIL": "b.2"])
        #expect(failed.status == 1)
        #expect(failed.stdout.contains("condition false"), "\(failed.stdout)")
        try FileManager.default.removeItem(at: cli.record)

        let rerun = try await cli.run(cli.runArguments(["--var", "with_extra=true"], pipeline: pipeline))
        #expect(rerun.status == 0, "\(rerun.stderr)")
        let started = try cli.started()
        #expect(started.contains("extra/statement"), "extra never ran: \(started)")
        #expect(rerun.stdout.split(separator: "\n").contains { $0.hasPrefix("extra ") && $0.contains("completed") }, "\(rerun.stdout)")
        #expect(try await status(cli)["Status"] as? String == "COMPLETED")
    }

    @Test func theDriftGuardsFromAdviceReruns() async throws {
        let cli = try CLI()
        let copy = cli.folder.appendingPathComponent("pipeline")
        try FileManager.default.copyItem(at: CLI.root.appendingPathComponent("Tests/Fixtures/run"), to: copy)
        let pipeline = copy.appendingPathComponent("stub.pipe").path
        #expect(try await cli.run(cli.runArguments(pipeline: pipeline), environment: ["STUB_FAIL": "b.2"]).status == 1)
        try "create table edited (x int);\n".write(to: copy.appendingPathComponent("sql/create.sql"), atomically: true, encoding: .utf8)
        let refused = try await cli.run(cli.runArguments(pipeline: pipeline))
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("rerun them with --from STEP"))
        try FileManager.default.removeItem(at: cli.record)

        let from = try await cli.run(cli.runArguments(["--from", "create"], pipeline: pipeline))
        #expect(from.status == 0, "\(from.stderr)")
        #expect(try cli.started().first == "create/create.sql")
        let record = try await status(cli)
        #expect(record["Status"] as? String == "COMPLETED")
        #expect(record["Run_Id"] as? Int == 2)
    }

    /// Item 12: the state folder took its mode from the umask (0777 under umask 000). Now 0700, files 0600.
    @Test func theStateIsPrivateWhateverTheUmask() async throws {
        let cli = try CLI()
        let state = cli.folder.appendingPathComponent("states")
        let arguments = cli.runArguments(["--state-dir", state.path])
        let result = try await cli.exec("/bin/sh", ["-c", "umask 000; exec \"$@\"", "sh", CLI.binary.path] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        func mode(_ path: String) -> mode_t {
            var info = stat()
            return lstat(path, &info) == 0 ? info.st_mode & 0o777 : 0
        }
        #expect(mode(state.path) == 0o700)
        let files = try FileManager.default.contentsOfDirectory(atPath: state.path).filter { !$0.hasPrefix(".") }
        #expect(files.sorted() == ["c1__PDM.json", "c1__PDM.json.lock"])
        for file in files { #expect(mode(state.appendingPathComponent(file).path) == 0o600, "\(file)") }
    }

    /// Item 13 (state side): a failure reason holding a server's multi-line error with escape sequences is
    /// printed by `status` on one line, escaped.
    @Test func statusPrintsStoredTextOnOneLine() async throws {
        let cli = try CLI()
        #expect(try await cli.run(cli.runArguments(), environment: ["STUB_FAIL": "b.2"]).status == 1)
        let file = cli.folder.appendingPathComponent(".pdm-state/c1__PDM.json")
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        object["Failure_Reason"] = "SASL error:\n\u{1B}[31mauthentication failed\u{1B}[0m\r\nbye"
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let shown = try await cli.run(["status", "--correlation-id", "c1"])
        #expect(shown.status == 0, "\(shown.stderr)")
        let line = try #require(shown.stdout.split(separator: "\n").first { $0.hasPrefix("Failure_Reason") })
        #expect(line.hasSuffix("SASL error:\\n\\u{1B}[31mauthentication failed\\u{1B}[0m\\r\\nbye"))
        #expect(!shown.stdout.contains("\u{1B}"))
    }
}
