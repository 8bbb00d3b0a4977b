import Foundation
import Testing
import TestSupport

/// `pdm-pipeline plan` as a user runs it: exit codes, stdout, stderr.
@Suite struct PlanCommandTests {
    let binary = Command.product("pdm-pipeline")

    func run(_ arguments: [String]) async throws -> CommandResult {
        try await Command.run(binary, arguments, environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test func planPrintsEveryStepAndExitsZero() async throws {
        let r = try await run(["plan", "pipelines/pdm.pipe", "--profile", "production", "--correlation-id", "c-1", "--s3-prefix", "p"])
        #expect(r.status == 0)
        #expect(r.stdout.hasPrefix("pipeline pdm-dataset-generation · product PDM · profile production\n"))
        #expect(r.stdout.contains("  7 initial_transactional_load  skipped: condition initial_transactional_load is false (initial_transactional_load = false)\n"))
        #expect(r.stdout.contains("preflight: metastore hive_metastore_v2 on localhost:3306 is checked before the first step\n"))
    }

    @Test func malformedFileExitsTwoWithEveryDiagnosticAndNoPlan() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-cli-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("bad.pipe").path
        try "step a {\n  fiel \"x.sql\"\n}\nengine hvie\n".write(toFile: file, atomically: true, encoding: .utf8)
        let r = try await run(["plan", file])
        #expect(r.status == 2)
        #expect(r.stdout == "")
        #expect(r.stderr == """
            \(file):2:3: error: unknown directive 'fiel' in a step [build.unknown-directive]
              fiel "x.sql"
              ^~~~
            note: did you mean 'file'?
            \(file):4:8: error: 'engine' must be one of hive, beeline, hiveserver2, not 'hvie' [build.not-one-of]
            engine hvie
                   ^~~~
            note: did you mean 'hive'?

            """)
    }

    @Test func missingFileIsOneClearLine() async throws {
        let r = try await run(["plan", "pipelines/nope.pipe"])
        #expect(r.status == 2)
        #expect(r.stderr == "error: cannot read pipeline file pipelines/nope.pipe: no such file\n")
    }

    @Test func jsonDotAndMermaidFormats() async throws {
        let json = try await run(["plan", "pipelines/pdm.pipe", "--format", "json"])
        #expect(json.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect((object?["steps"] as? [Any])?.count == 14)
        let dot = try await run(["plan", "pipelines/pdm.pipe", "--format", "dot"])
        #expect(dot.stdout.hasPrefix("digraph \"pdm-dataset-generation\" {"))
        let mermaid = try await run(["plan", "pipelines/pdm.pipe", "--format", "mermaid"])
        #expect(mermaid.stdout.hasPrefix("flowchart TD\n"))
    }

    @Test func unknownStepForFromGetsASuggestion() async throws {
        let r = try await run(["plan", "pipelines/pdm.pipe", "--from", "modle"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("error: no step named 'modle' in this pipeline"))
        #expect(r.stderr.contains("note: did you mean 'model'?"))
    }
}
