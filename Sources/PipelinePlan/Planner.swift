import Basics
import Foundation
import PipelineDSL

/// Turns a pipeline file plus the caller's choices into an immutable `Plan`. Reads the pipeline file, the
/// SQL folder listing (for globs) and list files; contacts nothing else and executes nothing.
public enum Planner {
    public static func plan(_ request: PlanRequest) throws(PlanFailure) -> PlanResult {
        let text: String
        do {
            text = try String(contentsOfFile: request.file, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: request.file) ? "not readable as UTF-8 text" : "no such file"
            throw .unreadableFile(path: request.file, reason: reason)
        }
        return try plan(request, source: text)
    }

    /// Plans from source text already in memory (tests, benchmarks); `request.file` names it in diagnostics.
    public static func plan(_ request: PlanRequest, source text: String) throws(PlanFailure) -> PlanResult {
        var sources = [request.file: text]
        let (file, parseDiagnostics) = PipelineParser.parse(path: request.file, text: text)
        if parseDiagnostics.hasErrors {
            throw .invalid(diagnostics: parseDiagnostics, sources: sources)
        }
        var builder = PlanBuilder(file: file, request: request)
        let plan = builder.build()
        sources.merge(builder.sources) { pipeline, _ in pipeline }
        // A value that failed is evaluated again wherever it is used; report each problem once.
        var seen = Set<Diagnostic>()
        let diagnostics = (parseDiagnostics + builder.diagnostics).filter { seen.insert($0).inserted }
        if diagnostics.hasErrors || plan == nil {
            throw .invalid(diagnostics: diagnostics.sorted(by: PlanBuilder.byPosition), sources: sources)
        }
        // What each task reads and writes, for table order and for `plan` to show.
        let inferred = plan!.inferringTables(read: request.fileSystem.hqlText) { step in
            request.inferTables == .everyStep || step.order == .tables
        }
        return PlanResult(plan: inferred, warnings: diagnostics.sorted(by: PlanBuilder.byPosition), sources: sources)
    }

    /// Today's date in UTC as `YYYY-MM-DD`, for `PlanRequest.today`.
    public static func today(_ now: Date = Date()) -> String { UTCDate.day(now) }
}
