import Diagnostics
import PipelineCheck
import PipelinePlan
import Testing

/// Planner warnings join the check's diagnostics; the deferred input errors are errors again; missing HQL files
/// are left to the checker, which reports them as errors.
@Suite struct PlannerWarningTests {
    let at = SourceRange(start: SourceLocation(file: "p.pipe", line: 3, column: 8), length: 4)

    func reported(_ message: PlanMessage, _ severity: DiagnosticSeverity = .warning) -> String? {
        PipelineChecker.plannerDiagnostics([Diagnostic(message, at: at, severity: severity)]).first?.description
    }

    @Test func mapping() {
        #expect(reported(.emptyGlob("model/*.3.sql", "sql")) == "p.pipe:3:8: error: glob 'model/*.3.sql' matches no file under sql [plan.empty-glob]")
        #expect(reported(.listFileNotFound("sql/names.txt")) == "p.pipe:3:8: error: list file not found: sql/names.txt [plan.list-file-not-found]")
        #expect(reported(.emptyListFile("sql/names.txt")) == "p.pipe:3:8: error: list file sql/names.txt has no values (only blank lines and # comments) [plan.empty-list-file]")
        #expect(reported(.listFileNotUTF8("sql/n.txt", "FF", 3, 1)) == "p.pipe:3:8: error: list file sql/n.txt is not UTF-8 text: invalid byte 0xFF at byte offset 3 (line 1) [plan.list-file-not-utf8]")
        #expect(reported(.invalidListValue("a;b", "x")) == "p.pipe:3:8: error: list value 'a;b' does not match x [plan.invalid-list-value]")
        // Any other planner warning stays a warning.
        #expect(reported(.unknownAction("x")) == "p.pipe:3:8: warning: unknown action 'x' [plan.unknown-action]")
        #expect(reported(.missingFile("sql/x.sql")) == nil)
        #expect(reported(.folderNotFile("sql/x")) == nil)
        #expect(reported(.unknownAction("x"), .note) == nil)
    }
}
