import PipelineCheck
import PipelineDSL
import Testing

/// Planner warnings become findings; the deferred input errors are errors again; missing HQL files are left to
/// the checker, which reports them as errors.
@Suite struct PlannerWarningTests {
    let at = SourceRange(start: SourceLocation(file: "p.pipe", line: 3, column: 8), length: 4)

    func finding(_ message: String, _ code: Diagnostic.Code, _ severity: Diagnostic.Severity = .warning) -> String? {
        Finding(plannerWarning: Diagnostic(severity, message, at: at, code: code)).map { "\($0.code.rawValue) \($0)" }
    }

    @Test func mapping() {
        #expect(finding("glob 'model/*.3.sql' matches no file under sql", .emptyGlob) == "empty-glob p.pipe:3:8: error: glob 'model/*.3.sql' matches no file under sql")
        #expect(finding("list file not found: sql/names.txt", .missingListFile) == "missing-file p.pipe:3:8: error: list file not found: sql/names.txt")
        #expect(finding("list file sql/names.txt has no values", .emptyListFile) == "empty-list-file p.pipe:3:8: error: list file sql/names.txt has no values")
        #expect(finding("list file sql/n.txt is not UTF-8 text", .unreadableListFile) == "missing-file p.pipe:3:8: error: list file sql/n.txt is not UTF-8 text")
        #expect(finding("list value 'a;b' does not match x", .invalidListValue) == "list-value p.pipe:3:8: error: list value 'a;b' does not match x")
        #expect(finding("glob 'x' matches no file | not an error here", .general) == "plan-warning p.pipe:3:8: warning: glob 'x' matches no file | not an error here")
        #expect(finding("file not found: sql/x.sql", .missingFile) == nil)
        #expect(finding("see here", .general, .note) == nil)
    }
}
