import Foundation
import PipelinePlan
import Testing
@testable import PipelineRun

/// The flat per-step logs (`<log base>/<step>.log`) that deploy/emr/cloudwatch-agent.json ships: every attempt of
/// every task of the step, one whole block each (parallel tasks never interleave), masked like the task logs.
@Suite struct StepLogTests {
    /// The blocks of a step log: header line → the lines under it.
    static func blocks(_ text: String) -> [(header: String, body: [String])] {
        var out: [(String, [String])] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) where !line.isEmpty {
            if line.hasPrefix("=== "), line.contains(" step ") { out.append((line, [])) } else if !out.isEmpty { out[out.count - 1].1.append(line) }
        }
        return out
    }

    @Test func everyAttemptOfEveryTaskLandsInTheStepLogAsOneBlock() async throws {
        let sandbox = try Sandbox()
        let tasks = (1...4).map { task("t\($0)", "select 's3cr3t'\n-- stub: sleep 0.\($0)\n-- stub: print") } + [task("flaky", "-- stub: fail 1\n-- stub: print")]
        let p = plan([step(0, "source", waves: [tasks], parallelism: 5, attempts: 2), step(1, "model", waves: [[task("m")]])], secrets: ["s3cr3t"])
        let summary = await runner(sandbox, reporter: Recorder(), clock: FakeSleeps().clock()).run(p, options: sandbox.options())
        #expect(summary.exitCode == .success)

        let text = try String(contentsOf: sandbox.logs.appendingPathComponent("source.log"), encoding: .utf8)
        let blocks = Self.blocks(text)
        #expect(blocks.count == 6, "\(text)")  // four tasks once, flaky twice
        for key in ["t1", "t2", "t3", "t4"] {
            let block = try #require(blocks.first { $0.header.contains(" task \(key) ") })
            #expect(block.header.contains("corr-1 run 1 step source task \(key) attempt 1/2 succeeded (task log \(sandbox.logs.path)/corr-1-run1/01-source/"))
            // The block is that attempt's part of the task log and nothing else: its header line, its output.
            #expect(block.body.first?.hasPrefix("=== attempt 1/2 at ") == true)
            #expect(block.body.contains("stub-engine: running statement (attempt 1)"))
            #expect(block.body.allSatisfy { !$0.contains("-- t") || $0.contains("-- \(key)") })
        }
        let flaky = blocks.filter { $0.header.contains(" task flaky ") }
        #expect(flaky.map { $0.header.contains("attempt 1/2 failed: exit code 1") } == [true, false])
        #expect(flaky.map { $0.header.contains("attempt 2/2 succeeded") } == [false, true])
        #expect(flaky[1].body.contains("stub-engine: running statement (attempt 2)"))
        #expect(!flaky[1].body.contains("stub-engine: running statement (attempt 1)"))
        #expect(!text.contains("s3cr3t"))
        #expect(text.contains("****"))

        let model = try String(contentsOf: sandbox.logs.appendingPathComponent("model.log"), encoding: .utf8)
        #expect(Self.blocks(model).map(\.header).count == 1)
        let mode = try FileManager.default.attributesOfItem(atPath: sandbox.logs.appendingPathComponent("source.log").path)[.posixPermissions] as? Int
        #expect(mode == 0o640)
    }

    @Test func aSecondRunAppendsItsOwnBlocks() async throws {
        let sandbox = try Sandbox()
        let p = plan([step(0, "views", waves: [[task("v")]])])
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options())
        _ = await runner(sandbox, reporter: Recorder()).run(p, options: sandbox.options(force: true))
        let headers = Self.blocks(try String(contentsOf: sandbox.logs.appendingPathComponent("views.log"), encoding: .utf8)).map(\.header)
        #expect(headers.count == 2)
        #expect(headers[0].contains("corr-1 run 1 step views task v "))
        #expect(headers[1].contains("corr-1 run 2 step views task v "))
    }
}
