import Foundation
import Testing

@testable import PipelinePlan

/// `engine hiveserver2` and its `hiveserver2 { }` block: falls back to `beeline { }` entry by entry, the command
/// line's `--jdbc-url` wins, plans show the session (secrets masked) instead of an argv.
@Suite struct HiveServer2BlockTests {
    static let source = """
        pipeline "h"
        engine hiveserver2
        secret token = env("PDM_TEST_TOKEN", "x")
        beeline {
          url "jdbc:hive2://master:10000/default"
          user "hadoop"
          password_file "/etc/pdm/beeline-pw"
        }
        hiveserver2 { allow_plaintext_password true }
        profile tls {
          hiveserver2 {
            url "jdbc:hive2://master:10000/uc;ssl=true"
            user "pdm"
            ca "/etc/pki/rds.pem"
          }
        }
        step a {
          hivevar db = "uc"
          hivevar key = "${token}"
          statement "select 1"
        }
        step b {
          engine beeline
          statement "select 2"
        }
        """

    func plan(profile: String? = nil, jdbcURL: String? = nil) throws -> Plan {
        var request = PlanRequest(PlanArguments(file: "/p/h.pipe", profile: profile, correlationID: "c", s3Prefix: "p"), environment: ["PDM_TEST_TOKEN": "hunter2"], today: "2026-11-21")
        request.jdbcURL = jdbcURL
        return try Planner.plan(request, source: Self.source).plan
    }

    @Test func fallsBackToTheBeelineBlockEntryByEntry() throws {
        let connection = try plan().engines.hiveServer2
        #expect(connection == HiveServer2Endpoint(url: "jdbc:hive2://master:10000/default", user: "hadoop", passwordFile: "/etc/pdm/beeline-pw", caFile: nil, allowPlaintextPassword: true))
        let tls = try plan(profile: "tls").engines.hiveServer2
        #expect(tls == HiveServer2Endpoint(url: "jdbc:hive2://master:10000/uc;ssl=true", user: "pdm", passwordFile: "/etc/pdm/beeline-pw", caFile: "/etc/pki/rds.pem", allowPlaintextPassword: true))
        #expect(try plan(profile: "tls", jdbcURL: "jdbc:hive2://127.0.0.1:1/x").engines.hiveServer2.url == "jdbc:hive2://127.0.0.1:1/x")
    }

    @Test func planShowsTheSessionWithSecretsMaskedAndNoArgv() throws {
        let plan = try plan()
        let task = try #require(plan.steps.first?.tasks.first)
        #expect(task.engine == .hiveserver2)
        #expect(EngineCommand.argv(for: task, engines: plan.engines).isEmpty)
        let line = PlanDisplay(plan).commandLine(task)
        #expect(line == "hiveserver2 jdbc:hive2://master:10000/default user=hadoop password_file=/etc/pdm/beeline-pw set:hivevar:db=uc 'set:hivevar:key=****' statement 'select 1'")
        #expect(!PlanTextRenderer().render(plan).contains("hunter2"))
        let json = try PlanJSONRenderer.render(plan)
        #expect(!json.contains("hunter2"))
        #expect(json.contains("\"set:hivevar:db\" : \"uc\""))
        // A step may still choose another engine.
        #expect(plan.steps[1].tasks[0].engine == .beeline)
    }

    @Test func unknownEntriesAreErrors() {
        let text = "pipeline \"h\"\nhiveserver2 { port 10000 }\nstep a { statement \"select 1\" }\n"
        do throws(PlanFailure) {
            _ = try Planner.plan(PlanRequest(PlanArguments(file: "/p/h.pipe", correlationID: "c", s3Prefix: "p"), today: "2026-11-21"), source: text)
            Issue.record("planned")
        } catch {
            guard case .invalid(let diagnostics, _) = error else { Issue.record("\(error)"); return }
            #expect(diagnostics.contains { $0.message.contains("port") && $0.message.contains("in a hiveserver2 block") })
        }
    }
}
