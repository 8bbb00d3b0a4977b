import Basics
import Foundation
import TestSupport
import Testing

@testable import PipelinePlan

@Suite struct RendererTests {
    func demo() throws -> Plan {
        try Planner.plan(PlanRequest(PlanArguments(file: PlannerTests.demo, correlationID: "c1"), today: "2026-11-21")).plan
    }

    @Test func jsonIsValidAndCarriesArgvAndDispositions() throws {
        let json = try PlanJSONRenderer.render(try Planner.plan(PlanRequest(PlanArguments(file: PlannerTests.demo, profile: "prod", correlationID: "c1"), today: "2026-11-21")).plan)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["pipeline"] as? String == "demo")
        let steps = try #require(object["steps"] as? [[String: Any]])
        #expect(steps.map { $0["name"] as? String } == ["create", "load", "model", "materialise", "flush"])
        #expect(steps[1]["status"] as? String == "skipped")
        #expect(steps[1]["reason"] as? String == "condition load is false (load = false)")
        let waves = try #require(steps[0]["waves"] as? [[String: Any]])
        let tasks = try #require(waves[0]["tasks"] as? [[String: Any]])
        let argv = try #require(tasks[0]["argv"] as? [String])
        #expect(argv.first == "hive")
        #expect(argv.suffix(2) == ["-f", PlannerTests.root + "/Tests/Fixtures/plan/sql/db/create.sql"])
        #expect((tasks[0]["hivevars"] as? [String: String]) == ["db": "uc_prod"])
        let flush = try #require((steps[4]["waves"] as? [[String: Any]])?.first?["tasks"] as? [[String: Any]])
        #expect(flush[1]["action"] as? String == "sleep duration=1s")
        #expect((flush[1]["argv"] as? [String]) == [])
    }

    @Test func secretsAreMaskedInEveryFormat() throws {
        let p = try demo()
        for output in [PlanTextRenderer().render(p), try PlanJSONRenderer.render(p)] {
            #expect(!output.contains("s3cr3t-value"))
            #expect(output.contains("****"))
        }
    }

    @Test func dotDrawsOneClusterPerStepAndChainsWaves() throws {
        let dot = PlanGraphRenderer.dot(try demo())
        #expect(dot.hasPrefix("digraph \"demo\" {\n"))
        #expect(dot.hasSuffix("}\n"))
        #expect(dot.components(separatedBy: "subgraph cluster_").count - 1 == 5)
        #expect(dot.contains("  s3w1 -> s3w2;\n"))
        #expect(dot.contains("  s2w1 -> s3w1;\n"))
        #expect(dot.filter { $0 == "{" }.count == dot.filter { $0 == "}" }.count)
        #expect(dot.contains("s3w2 [label=\"wave rest: 3 tasks\"];"))
    }

    @Test func mermaidMarksSkippedSteps() throws {
        let p = try Planner.plan(PlanRequest(PlanArguments(file: PlannerTests.demo, profile: "prod"), today: "2026-11-21")).plan
        let m = PlanGraphRenderer.mermaid(p)
        #expect(m.hasPrefix("flowchart TD\n"))
        #expect(m.contains("  subgraph s2[\"2 load (skipped)\"]\n"))
        #expect(m.contains("  class s2 skipped\n"))
        #expect(m.components(separatedBy: "\n  end\n").count - 1 == 5)
    }

    @Test func textShowsSkipReasonsArgvAndActions() throws {
        let text = PlanTextRenderer().render(try Planner.plan(PlanRequest(PlanArguments(file: PlannerTests.demo, profile: "prod", correlationID: "c1"), today: "2026-11-21")).plan)
        #expect(text.contains("  2 load         skipped: condition load is false (load = false)\n"))
        #expect(text.contains("        action sleep duration=1s\n"))
        #expect(text.contains("  bucket          bucket-default"))
    }

    @Test func shellQuotingIsExact() {
        #expect(ShellWords.quote("plain-word_1.sql") == "plain-word_1.sql")
        #expect(ShellWords.quote("a b") == "'a b'")
        #expect(ShellWords.quote("it's") == "'it'\\''s'")
        #expect(ShellWords.quote("a\n'b'") == "$'a\\n\\'b\\''")
        #expect(ShellWords.quote("") == "''")
    }
}
