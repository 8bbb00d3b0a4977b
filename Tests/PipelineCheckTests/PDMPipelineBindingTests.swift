import Foundation
import PipelineCheck
import PipelinePlan
import Testing

/// The SQL tree names no database: each name is a `${hivevar:...}` that pdm.pipe binds per step, so `check`
/// proves the bindings. Dropping any one of them from the pipeline is an `unbound-hivevar` error in that step's SQL.
@Suite struct PDMPipelineBindingTests {
    static let root = PlanBuilder.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let file = root.appendingPathComponent("pipelines/pdm.pipe").path

    func unbound(_ source: String, profile: String) throws -> Set<String> {
        let result = try Planner.plan(PlanRequest(PlanArguments(file: Self.file, profile: profile, correlationID: "c"), today: "2026-11-21"), source: source)
        let report = PipelineChecker(readFile: PipelineChecker.disk).check(result.plan)
        return Set(report.diagnostics.filter { $0.id.description == "check.unbound-hivevar" && $0.severity == .error }.map(\.message))
    }

    @Test(arguments: ["development", "qa", "integration", "preprod", "production", "local"])
    func everyReferenceIsBoundInEveryProfile(profile: String) throws {
        let source = try String(contentsOfFile: Self.file, encoding: .utf8)
        #expect(try unbound(source, profile: profile) == [])
    }

    /// (step, hivevar): the binding removed, then the step's SQL must be reported for it.
    @Test(arguments: [
        ("create_databases", "views_tables_database"), ("transactional", "transactional_database"), ("source", "source_database"),
        ("transform", "source_database"), ("transform", "transform_database"), ("model", "model_database"),
        ("model", "transform_database"), ("views", "model_database"),
    ])
    func droppingABindingIsAnError(step: String, hivevar: String) throws {
        let source = try String(contentsOfFile: Self.file, encoding: .utf8)
        let start = try #require(source.range(of: "step \(step) {"))
        let line = try #require(source.range(of: "  hivevar \(hivevar) = \"${\(hivevar)}\"\n", range: start.upperBound..<source.endIndex))
        let edited = source.replacingCharacters(in: line, with: "")
        let messages = try unbound(edited, profile: "production")
        #expect(!messages.isEmpty)
        #expect(messages.allSatisfy { $0.hasPrefix("unbound hivevar '\(hivevar)' (step \(step) binds") }, "\(messages)")
    }
}
