import Foundation
import Testing
import TestSupport

/// `pdm-pipeline check` as a user runs it: findings on stdout, exit 0 / 1 / 2.
@Suite struct CheckCommandTests {
    let binary = Command.product("pdm-pipeline")

    func run(_ arguments: [String]) async throws -> CommandResult {
        try await Command.run(binary, ["check"] + arguments, environment: ["PATH": "/usr/bin:/bin"])
    }

    @Test func theRealPipelineIsCleanInEveryProfile() async throws {
        for profile in ["local", "development", "qa", "integration", "preprod", "production"] {
            let r = try await run(["pipelines/pdm.pipe", "--profile", profile, "--strict"])
            #expect(r.status == 0, "profile \(profile): \(r.stdout)\(r.stderr)")
            let lines = r.stdout.split(separator: "\n")
            #expect(lines.last?.hasPrefix("0 errors, 0 warnings, ") == true)
            // Only infos: steps the profile skips, whose SQL is not checked (each followed by its quoted line
            // and marker).
            let headers = lines.dropLast().filter { $0.hasPrefix("pipelines/") || $0.hasPrefix("sql/") }
            #expect(headers.allSatisfy { $0.contains(": info: step '") && $0.hasSuffix(" [check.step-not-checked]") })
            #expect(lines.count == 1 + 3 * headers.count)
            #expect(r.stderr == "")
        }
    }

    @Test func warningsExitZeroAndOneUnderStrict() async throws {
        let r = try await run(["Tests/Fixtures/check/race/race.pipe"])
        #expect(r.status == 0)
        #expect(r.stdout == """
            Tests/Fixtures/check/race/sql/b_read.sql:1:29: warning: hiveconf 'queue' is not set by the plan (step load sets none) [check.unset-hiveconf]
            SET mapreduce.job.queuename=${hiveconf:queue};
                                        ^~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/race/sql/b_read.sql:2:15: warning: race: reads table 'uc.totals', which another task of the same parallel wave (step 'load') writes at Tests/Fixtures/check/race/sql/a_write.sql:1:24 [check.race]
            SELECT * FROM uc.TOTALS;
                          ^~~~~~~~~
            0 errors, 2 warnings, 0 info (2 HQL tasks, 2 files)

            """)
        let strict = try await run(["Tests/Fixtures/check/race/race.pipe", "--strict"])
        #expect(strict.status == 1)
        #expect(strict.stdout.hasSuffix("2 errors, 0 warnings, 0 info (2 HQL tasks, 2 files)\n"))
    }

    @Test func errorsExitOneAndJSONIsValid() async throws {
        let r = try await run(["Tests/Fixtures/check/basic/check.pipe", "--format", "json"])
        #expect(r.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let summary = try #require(object["summary"] as? [String: Int])
        #expect(summary == ["errors": 5, "warnings": 5, "info": 2, "tasks": 7, "files": 6])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.compactMap { $0["id"] as? String } == [
            "plan.empty-glob", "check.unbound-hivevar", "check.unset-hiveconf", "check.env-reference", "check.missing-file",
            "check.unbound-hivevar", "check.unbound-hivevar", "check.step-not-checked", "check.race", "check.read-before-write",
            "check.read-before-write", "check.conflicting-writers",
        ])
        #expect(r.stderr == "")
    }

    @Test func unusableInputExitsTwo() async throws {
        let missing = try await run(["pipelines/nope.pipe"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "error: cannot read pipeline file pipelines/nope.pipe: no such file\n")
        #expect(missing.stdout == "")
        let badFormat = try await run(["pipelines/pdm.pipe", "--format", "xml"])
        #expect(badFormat.status == 64)
    }
}
