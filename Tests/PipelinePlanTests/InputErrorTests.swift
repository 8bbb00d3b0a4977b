import Foundation
import PipelineDSL
import Testing

@testable import PipelinePlan

/// A plan whose inputs are missing, empty or hostile is unusable input (issue 8, defects 2 and 11): the planner
/// reports each with its true reason and location; `allow_empty=true` and `matching=` say what is expected.
@Suite struct InputErrorTests {
    /// A scratch SQL root: `sql/` with the given files (bytes), and the pipeline text beside it.
    final class Scratch: Sendable {
        let folder: URL
        init(_ files: [String: [UInt8]]) throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-input-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder.appendingPathComponent("sql/db"), withIntermediateDirectories: true)
            for (path, bytes) in files {
                let url = folder.appendingPathComponent("sql/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try Data(bytes).write(to: url)
            }
        }
        deinit { try? FileManager.default.removeItem(at: folder) }

        var pipe: String { folder.appendingPathComponent("p.pipe").path }

        func plan(_ body: String, defer deferred: Bool = false, only: [String] = []) -> Result<PlanResult, PlanFailure> {
            var request = PlanRequest(PlanArguments(file: pipe, only: only), today: "2026-11-21")
            request.deferInputErrors = deferred
            return Result { () throws(PlanFailure) in try Planner.plan(request, source: "sql \"sql\"\n" + body) }
        }

        /// Every diagnostic as `file:line:col: severity: message | notes`, the scratch folder shortened to `<tmp>`.
        func diagnostics(_ body: String, defer deferred: Bool = false, only: [String] = []) -> [String] {
            let list: [Diagnostic]
            switch plan(body, defer: deferred, only: only) {
            case .success(let result): list = result.warnings
            case .failure(.invalid(let d, _)): list = d
            case .failure(let other): return ["\(other)"]
            }
            return list.map { d in
                ("\(d.range.start): \(d.severity.rawValue): \(d.message)" + d.notes.map { " | " + $0 }.joined())
                    .replacingOccurrences(of: folder.path, with: "<tmp>")
            }
        }
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    @Test func missingNonUTF8AndEmptyListFilesAreErrorsWithTheirReason() throws {
        let s = try Scratch(["bad.txt": Self.bytes("ok\n") + [0x66, 0xFF, 0x0A], "empty.txt": Self.bytes("# only a comment\n\n  \n"), "dir/x.txt": []])
        #expect(s.diagnostics("step a { each_line \"nope.txt\" as t { statement \"SELECT '${t}'\" } }") == [
            "<tmp>/p.pipe:2:20: error: list file not found: <tmp>/sql/nope.txt"
        ])
        #expect(s.diagnostics("step a { each_line \"bad.txt\" as t { statement \"SELECT '${t}'\" } }") == [
            "<tmp>/p.pipe:2:20: error: list file <tmp>/sql/bad.txt is not UTF-8 text: invalid byte 0xFF at byte offset 4 (line 2)"
        ])
        #expect(s.diagnostics("step a { each_line \"empty.txt\" as t { statement \"SELECT '${t}'\" } }") == [
            "<tmp>/p.pipe:2:20: error: list file <tmp>/sql/empty.txt has no values (only blank lines and # comments) | if the step may legitimately have nothing to do, say so: each_line \"empty.txt\" as t allow_empty=true"
        ])
        #expect(s.diagnostics("step a { each_line \"dir\" as t { statement \"SELECT '${t}'\" } }") == [
            "<tmp>/p.pipe:2:20: error: list file <tmp>/sql/dir is a folder, not a file"
        ])
        // allow_empty covers an empty list, never a missing one (that is a typo, not an empty day).
        guard case .success(let allowed) = s.plan("step a { each_line \"empty.txt\" as t allow_empty=true { statement \"SELECT '${t}'\" } }") else {
            Issue.record("allow_empty=true should plan")
            return
        }
        #expect(allowed.warnings.isEmpty)
        #expect(allowed.plan.steps[0].tasks.isEmpty)
        #expect(s.diagnostics("step a { each_line \"nope.txt\" as t allow_empty=true { statement \"SELECT '${t}'\" } }").count == 1)
    }

    @Test func emptyGlobsAndMissingFilesAreErrorsUnlessAllowed() throws {
        let s = try Scratch(["db/create.sql": Self.bytes("CREATE DATABASE x;\n")])
        #expect(s.diagnostics("step a {\n  glob \"views/*.sql\"\n  file \"db/missing.sql\" \"db\"\n}") == [
            "<tmp>/p.pipe:3:8: error: glob 'views/*.sql' matches no file under <tmp>/sql | if the step may legitimately match nothing, say so: glob \"views/*.sql\" allow_empty=true",
            "<tmp>/p.pipe:4:8: error: file not found: <tmp>/sql/db/missing.sql",
            "<tmp>/p.pipe:4:25: error: <tmp>/sql/db is a folder, not an HQL file | to run every file in it, write glob \"db/*.sql\"",
        ])
        guard case .success(let allowed) = s.plan("step a {\n  glob \"views/*.sql\" allow_empty=true\n  file \"db/create.sql\"\n}") else {
            Issue.record("allow_empty=true should plan")
            return
        }
        #expect(allowed.warnings.isEmpty)
        #expect(allowed.plan.steps[0].tasks.map(\.key) == ["a/db/create.sql"])
        #expect(s.diagnostics("step a { glob \"x\" allow_empty=maybe }") == ["<tmp>/p.pipe:2:31: error: allow_empty must be true or false, not maybe"])
    }

    @Test func aStepThatDoesNotRunOnlyWarns() throws {
        let s = try Scratch(["db/create.sql": Self.bytes("SELECT 1;\n")])
        let lines = s.diagnostics("step a { file \"db/create.sql\" }\nstep b { glob \"none/*.sql\" }", only: ["a"])
        #expect(lines == ["<tmp>/p.pipe:3:15: warning: glob 'none/*.sql' matches no file under <tmp>/sql | if the step may legitimately match nothing, say so: glob \"none/*.sql\" allow_empty=true | not an error here: this step does not run in this plan"])
    }

    /// `check` asks for coded warnings so it can report them as findings and go on checking the SQL.
    @Test func checkGetsThemAsCodedWarnings() throws {
        let s = try Scratch(["t.txt": Self.bytes("x; DROP DATABASE uc CASCADE\n")])
        guard case .success(let result) = s.plan("step a {\n  glob \"v/*.sql\"\n  each_line \"t.txt\" as t { statement \"SELECT '${t}'\" }\n}", defer: true) else {
            Issue.record("deferred input errors should still plan")
            return
        }
        #expect(result.warnings.map(\.id.description) == ["plan.empty-glob", "plan.invalid-list-value"])
        #expect(result.warnings.allSatisfy { $0.severity == .warning })
    }

    @Test func hostileLinesAreRejectedAtTheirLine() throws {
        let list = "agent_dim_v\n  x; DROP DATABASE uc CASCADE\n${env:AWS_SECRET_ACCESS_KEY}\n# a comment\nsite_dim_v\r\nuc.t\n"
        let s = try Scratch(["tables.txt": Self.bytes(list)])
        let body = "step m {\n  each_line \"tables.txt\" as table {\n    statement \"DROP TABLE uc.${table}\"\n  }\n}"
        let note = " | values of each_line 'table' (<tmp>/p.pipe:3:3) must match [A-Za-z0-9_]+ (a Hive identifier, the default): they go into SQL as they are | to allow other values, declare them: each_line \"...\" as table matching=\"[a-z_]+\\\\.[a-z_]+\""
        #expect(s.diagnostics(body) == [
            "<tmp>/sql/tables.txt:2:3: error: list value 'x; DROP DATABASE uc CASCADE' does not match [A-Za-z0-9_]+" + note,
            "<tmp>/sql/tables.txt:3:1: error: list value '${env:AWS_SECRET_ACCESS_KEY}' does not match [A-Za-z0-9_]+" + note,
            "<tmp>/sql/tables.txt:6:1: error: list value 'uc.t' does not match [A-Za-z0-9_]+" + note,
        ])
        // The rendered error quotes the list file's line with a marker under the value.
        guard case .failure(let failure) = s.plan(body) else {
            Issue.record("hostile lines must not plan")
            return
        }
        #expect(failure.rendered().contains("tables.txt:2:3: error: list value 'x; DROP DATABASE uc CASCADE' does not match [A-Za-z0-9_]+ [plan.invalid-list-value]\n  x; DROP DATABASE uc CASCADE\n  ^~~~~~~~~~~~~~~~~~~~~~~~~~~\n"))
    }

    @Test func aDeclaredPatternWidensOrNarrowsWhatIsAccepted() throws {
        let s = try Scratch(["tables.txt": Self.bytes("uc.agent_dim\nuc.site_dim\nsite_dim\n")])
        let body = "step m {\n  each_line \"tables.txt\" as table matching=\"[a-z_]+\\\\.[a-z_]+\" {\n    statement \"DROP TABLE ${table}\"\n  }\n}"
        #expect(s.diagnostics(body) == [
            "<tmp>/sql/tables.txt:3:1: error: list value 'site_dim' does not match [a-z_]+\\.[a-z_]+ | values of each_line 'table' (<tmp>/p.pipe:3:3) must match [a-z_]+\\.[a-z_]+ (the pattern declared at <tmp>/p.pipe:3:44): they go into SQL as they are"
        ])
        let ok = try Scratch(["tables.txt": Self.bytes("uc.agent_dim\nuc.site_dim\n")])
        guard case .success(let result) = ok.plan(body) else {
            Issue.record("matching values should plan")
            return
        }
        #expect(result.plan.steps[0].tasks.map(\.key) == ["m/table=uc.agent_dim", "m/table=uc.site_dim"])
        #expect(s.diagnostics("step m { each_line \"tables.txt\" as t matching=\"^[a-z]+\" { statement \"x\" } }") == [
            "<tmp>/p.pipe:2:47: error: invalid pattern \"^[a-z]+\": '^' is not needed: a pattern always matches the whole line (at character 1) | \(ValuePattern.syntaxNote)"
        ])
        #expect(s.diagnostics("step m { each_line \"tables.txt\" as t matchng=\"x\" { statement \"x\" } }") == [
            "<tmp>/p.pipe:2:38: error: unknown option 'matchng' for each_line | did you mean 'matching'?"
        ])
    }

    @Test func listFileDecodingReportsTheFirstBadByte() {
        #expect(ListFile.decode(Self.bytes("ab\ncé\n")) == .success("ab\ncé\n"))
        #expect(ListFile.decode([0x61, 0x0A, 0x0A, 0xC3, 0x28]) == .failure(.notUTF8(offset: 3, byte: 0xC3, line: 3)))
        #expect(ListFile.decode([0xED, 0xA0, 0x80]) == .failure(.notUTF8(offset: 0, byte: 0xED, line: 1)))
        #expect(ListFile(text: " a \n\n#b\n\tc").values == [.init(text: "a", line: 1, column: 2), .init(text: "c", line: 4, column: 2)])
    }
}
