import PipelineDSL
import Testing

@testable import PipelinePlan

/// `command ... env=[...]`: the only way a secret reaches a command, never its argv.
@Suite struct CommandEnvironmentTests {
    func plan(_ source: String, environment: [String: String] = [:]) throws(PlanFailure) -> Plan {
        let text = "pipeline \"t\"\nparam correlation_id\nsecret pw = \"hunter2-secret\"\n" + source
        return try Planner.plan(PlanRequest(PlanArguments(file: "t.pipe", correlationID: "c"), environment: environment, today: "2026-01-02"), source: text).plan
    }

    @Test func environmentEntriesCarryTheSecretAndPlansMaskIt() throws {
        let plan = try plan("step s {\n  command [\"tool\", \"--password-env\", \"PW\"] env=[\"PW=${pw}\", \"MODE=fast=yes\", \"AWS_SECRET_ACCESS_KEY\"]\n}\n")
        let task = try #require(plan.steps.first?.tasks.first)
        #expect(task.work == .command(["tool", "--password-env", "PW"]))
        #expect(task.environment == [KeyValue("PW", "hunter2-secret", isSecret: true), KeyValue("MODE", "fast=yes")])
        #expect(task.passedEnvironment == ["AWS_SECRET_ACCESS_KEY"])
        let line = PlanDisplay(plan).commandLine(task)
        #expect(line == "'PW=****' MODE=fast=yes 'AWS_SECRET_ACCESS_KEY=<inherited>' tool --password-env PW")
        #expect(!PlanTextRenderer().render(plan).contains("hunter2"))
        #expect(try !PlanJSONRenderer.render(plan).contains("hunter2"))
        #expect(try PlanJSONRenderer.render(plan).contains("\"PW\" : \"****\""))
    }

    @Test func aSecretOnTheArgvIsAnErrorThatSaysWhatToDoInstead() throws {
        #expect {
            try plan("step s {\n  command [\"mysqldump\", \"--password=${pw}\"]\n}\n")
        } throws: { error in
            guard case PlanFailure.invalid(let diagnostics, _) = error else { return false }
            return diagnostics.map(\.description) == [
                "t.pipe:5:25: error: secret 'pw' cannot be passed on a command line: every user of the machine can read a process's arguments [plan.secret-on-command-line]",
            ] && diagnostics[0].notes == [
                "pass it in the task's environment and let the program read it there: command [\"tool\", ...] env=[\"PASSWORD=${pw}\"]",
            ]
        }
    }

    @Test func aSecretReachedThroughAnotherVariableIsRefusedToo() throws {
        #expect(throws: PlanFailure.self) {
            try plan("var dsn = \"user:${pw}@db\"\nstep s {\n  command [\"tool\", \"${dsn}\"]\n}\n")
        }
    }

    @Test func environmentNamesAreLiteralIdentifiers() throws {
        #expect {
            try plan("step s {\n  command [\"tool\"] env=[\"1BAD=x\", \"${pw}=x\"]\n}\n")
        } throws: { error in
            guard case PlanFailure.invalid(let diagnostics, _) = error else { return false }
            return diagnostics.count == 2 && diagnostics.allSatisfy { $0.message.hasPrefix("an env entry is \"NAME=VALUE\" or \"NAME\"") }
        }
    }
}
