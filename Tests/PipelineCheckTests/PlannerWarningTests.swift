import PipelineCheck
import PipelineDSL
import Testing

/// Planner warnings become findings; missing HQL files are left to the checker, which reports them as errors.
@Suite struct PlannerWarningTests {
    let at = SourceRange(start: SourceLocation(file: "p.pipe", line: 3, column: 8), length: 4)

    func finding(_ message: String, _ code: Diagnostic.Code, _ severity: Diagnostic.Severity = .warning) -> String? {
        Finding(plannerWarning: Diagnostic(severity, message, at: at, code: code)).map { "\($0.code.rawValue) \($0)" }
    }

    @Test func mapping() {
        #expect(finding("glob 'model/*.3.sql' matches no file under sql", .emptyGlob) == "empty-glob p.pipe:3:8: warning: glob 'model/*.3.sql' matches no file under sql")
        #expect(finding("list file not found: sql/names.txt", .missingListFile) == "missing-file p.pipe:3:8: error: list file not found: sql/names.txt")
        #expect(finding("list file sql/names.txt has no lines", .emptyListFile) == "plan-warning p.pipe:3:8: warning: list file sql/names.txt has no lines")
        #expect(finding("file not found: sql/x.sql", .missingFile) == nil)
        #expect(finding("see here", .general, .note) == nil)
    }
}
