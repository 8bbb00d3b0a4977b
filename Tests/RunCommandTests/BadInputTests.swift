import Foundation
import Testing
import TestSupport

/// Suite 5 of issue 8, bad input: every input a run cannot honour makes the built binary's `run` exit 2 with a
/// `file:line:col: error:` diagnostic before anything is begun: no record file in the local store, no task
/// started (the stub engine records every start), and no call to DynamoDB (an unreachable endpoint would be
/// exit 5). `plan` refuses the same way; `check` reports it as an error finding (exit 1).
@Suite struct BadInputTests {
    struct Case: Sendable, CustomStringConvertible {
        var name: String
        /// The bad step's body.
        var step: String
        /// Files under `sql/` besides `create.sql`.
        var files: [String: [UInt8]] = [:]
        /// The diagnostic `run` must print, first line.
        var error: String
        /// What `check` says, where it words it differently (it reads HQL files itself).
        var checkError: String?
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "missing list file", step: #"each_line "none.txt" as t { statement "SELECT '${t}'" }"#,
             error: "p.pipe:6:13: error: list file not found: sql/none.txt [plan.list-file-not-found]"),
        Case(name: "list file not UTF-8", step: #"each_line "t.txt" as t { statement "SELECT '${t}'" }"#,
             files: ["t.txt": Array("agent_dim\n".utf8) + [0x73, 0x69, 0x74, 0xE9, 0x0A]],
             error: "p.pipe:6:13: error: list file sql/t.txt is not UTF-8 text: invalid byte 0xE9 at byte offset 13 (line 2) [plan.list-file-not-utf8]"),
        Case(name: "empty list file", step: #"each_line "t.txt" as t { statement "SELECT '${t}'" }"#,
             files: ["t.txt": Array("# none today\n\n".utf8)],
             error: "p.pipe:6:13: error: list file sql/t.txt has no values (only blank lines and # comments) [plan.empty-list-file]"),
        Case(name: "empty glob", step: #"glob "views/*.sql""#,
             error: "p.pipe:6:8: error: glob 'views/*.sql' matches no file under sql [plan.empty-glob]"),
        Case(name: "missing file", step: #"file "views/v.sql""#,
             error: "p.pipe:6:8: error: file not found: sql/views/v.sql [plan.missing-file]", checkError: "p.pipe:6:3: error: HQL file 'sql/views/v.sql' not found [check.missing-file]"),
        Case(name: "second statement in a line", step: #"each_line "t.txt" as t { statement "DROP TABLE uc.${t}" }"#,
             files: ["t.txt": Array("agent_dim\nx; DROP DATABASE uc CASCADE\n".utf8)],
             error: "sql/t.txt:2:1: error: list value 'x; DROP DATABASE uc CASCADE' does not match [A-Za-z0-9_]+ [plan.invalid-list-value]"),
        Case(name: "Hive expands a secret", step: #"each_line "t.txt" as t { statement "DROP TABLE uc.${t}" }"#,
             files: ["t.txt": Array("  ${env:AWS_SECRET_ACCESS_KEY}\n".utf8)],
             error: "sql/t.txt:1:3: error: list value '${env:AWS_SECRET_ACCESS_KEY}' does not match [A-Za-z0-9_]+ [plan.invalid-list-value]"),
        Case(name: "quote outside the declared pattern",
             step: #"each_line "t.txt" as t matching="[a-z_]+\\.[a-z_]+" { statement "DROP TABLE ${t}" }"#,
             files: ["t.txt": Array("uc.a\nuc.b' OR '1'='1\n".utf8)],
             error: "sql/t.txt:2:1: error: list value 'uc.b' OR '1'='1' does not match [a-z_]+\\.[a-z_]+ [plan.invalid-list-value]"),
    ]

    /// `p.pipe` with a good first step (so an accepted plan would start a task) and the bad step second.
    func write(_ c: Case, into cli: CLI) throws {
        let sql = cli.folder.appendingPathComponent("sql")
        try FileManager.default.createDirectory(at: sql, withIntermediateDirectories: true)
        try Data("SELECT 1;\n".utf8).write(to: sql.appendingPathComponent("create.sql"))
        for (name, bytes) in c.files { try Data(bytes).write(to: sql.appendingPathComponent(name)) }
        let pipe = "pipeline \"bad\"\nsql \"sql\"\nengine hive\nstep create { file \"create.sql\" }\nstep bad {\n  \(c.step)\n}\n"
        try Data(pipe.utf8).write(to: cli.folder.appendingPathComponent("p.pipe"))
    }

    func stateFiles(_ cli: CLI) -> [String] {
        (try? FileManager.default.subpathsOfDirectory(atPath: cli.folder.appendingPathComponent(".pdm-state").path)) ?? []
    }

    @Test(arguments: cases) func runRefusesBeforeAnyStateWrite(_ c: Case) async throws {
        let cli = try CLI()
        try write(c, into: cli)
        let run = try await cli.run(cli.runArguments(pipeline: "p.pipe"))
        #expect(run.status == 2, "\(run.stderr)")
        #expect(run.stderr.hasPrefix(c.error + "\n"), "\(run.stderr)")
        #expect(run.stdout == "")
        #expect(stateFiles(cli) == [])
        #expect(try cli.started() == [])

        // DynamoDB: nothing listens on port 1, so any state call would end in exit 5, not 2.
        let dynamo = try await cli.run(cli.runArguments(["--state", "dynamodb", "--aws-endpoint", "http://127.0.0.1:1", "--aws-region", "eu-west-2"], pipeline: "p.pipe"),
                                 environment: ["AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"])
        #expect(dynamo.status == 2, "\(dynamo.stderr)")
        #expect(dynamo.stderr.hasPrefix(c.error + "\n"))

        let plan = try await cli.run(["plan", "p.pipe"])
        #expect(plan.status == 2)
        #expect(plan.stderr.hasPrefix(c.error + "\n"))

        let check = try await cli.run(["check", "p.pipe"])
        #expect(check.status == 1, "\(check.stdout)\(check.stderr)")
        #expect(check.stdout.contains((c.checkError ?? c.error) + "\n"), "\(check.stdout)")
        #expect(stateFiles(cli) == [])
    }

    /// The same step declared as possibly empty runs: the run completes, and the empty step has no tasks.
    @Test func allowEmptyRunsTheRest() async throws {
        let cli = try CLI()
        try write(Case(name: "allowed", step: #"glob "views/*.sql" allow_empty=true"#, error: ""), into: cli)
        let run = try await cli.run(cli.runArguments(pipeline: "p.pipe"))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try cli.started() == ["create/create.sql"])
        #expect(!stateFiles(cli).isEmpty)
    }
}
