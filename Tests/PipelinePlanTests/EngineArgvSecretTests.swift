import PipelineDSL
import Testing

@testable import PipelinePlan

/// The engine settings that reach a child's argv (`hive { command }`, `beeline { command url user }`) never carry a
/// secret: plan refuses them with the setting's position, and a `;password=` in the beeline URL the same way.
@Suite struct EngineArgvSecretTests {
    func diagnostics(_ source: String) -> [Diagnostic] {
        let text = "pipeline \"t\"\nparam correlation_id\nsecret pw = \"hunter2-secret\"\nvar dsn = \"u:${pw}\"\n" + source + "step s {\n  statement \"SELECT 1\"\n}\n"
        do {
            _ = try Planner.plan(PlanRequest(PlanArguments(file: "t.pipe", correlationID: "c"), environment: [:], today: "2026-01-02"), source: text)
            return []
        } catch {
            guard case PlanFailure.invalid(let diagnostics, _) = error else { return [] }
            return diagnostics
        }
    }

    @Test(arguments: [
        ("hive { command \"hive\" \"--pw=${pw}\" }\n", "t.pipe:5:23", "hive command"),
        ("beeline { command \"beeline\" \"${dsn}\" }\n", "t.pipe:5:29", "beeline command"),
        ("beeline {\n  url \"jdbc:hive2://h:10000/default;user=u;auth=${pw}\"\n}\n", "t.pipe:6:7", "beeline url"),
        ("beeline {\n  user \"${pw}\"\n}\n", "t.pipe:6:8", "beeline user"),
    ])
    func aSecretInAnEngineSettingIsRefusedWhereItIsWritten(_ source: String, _ location: String, _ setting: String) throws {
        let found = diagnostics(source)
        #expect(found.count == 1)
        let diagnostic = try #require(found.first)
        #expect(diagnostic.description == "\(location): error: secret 'pw' cannot be passed on a command line: every user of the machine can read a process's arguments [plan.secret-on-command-line]")
        #expect(diagnostic.notes.first?.hasPrefix("\(setting) is passed on the engine's command line: use ") == true)
        #expect(!found.map(\.description).joined().contains("hunter2"))
    }

    @Test func aPasswordInTheBeelineURLIsRefused() throws {
        let found = diagnostics("beeline {\n  url \"jdbc:hive2://h:10000/default;user=u;Password=plain-text\"\n}\n")
        #expect(found.map(\.description) == [
            "t.pipe:6:7: error: the beeline URL holds a password (;Password=...), which plans, logs and command lines would show: put it in a password_file [plan.password-in-jdbc-url]",
        ])
        #expect(found.first?.notes == ["give beeline the password with beeline { password_file \"PATH\" } (passed as -w PATH)"])
    }

    @Test func urlsWithoutAPasswordPlan() {
        #expect(diagnostics("beeline {\n  url \"jdbc:hive2://h:10000/default;user=u;ssl=true\"\n}\n").isEmpty)
    }
}
