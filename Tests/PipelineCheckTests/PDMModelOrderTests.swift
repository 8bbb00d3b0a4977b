import Foundation
import PipelineCheck
import PipelinePlan
import Testing

/// pdm.pipe's model step runs in table order. `check` proves the order: every model table a file reads is
/// written before it starts, nothing is left to a barrier or a cycle, and the graph agrees with the original's
/// hand-numbered waves (so the new order only starts earlier what the old one ran later).
@Suite struct PDMModelOrderTests {
    static let file = PDMPipelineBindingTests.file

    func plan(_ profile: String) throws -> Plan {
        try Planner.plan(PlanRequest(PlanArguments(file: Self.file, profile: profile, correlationID: "c"), today: "2026-11-21")).plan
    }

    /// The original's position of a file: site_dim ran alone before wave 1, sanction_fact alone before wave 5.
    static func originalWave(_ key: String) -> Double {
        if key.hasSuffix("site_dim.1.sql") { return 0.5 }
        if key.hasSuffix("sanction_fact.5.sql") { return 4.5 }
        let number = key.split(separator: ".").dropLast().last.flatMap { Double(String($0)) }
        return number ?? .infinity
    }

    @Test(arguments: ["production", "local"]) func theTablesOrderTheModelStepAndAgreeWithTheOriginalWaves(profile: String) throws {
        let plan = try plan(profile)
        let step = try #require(plan.step(named: "model"))
        #expect(step.order == .tables)
        let graph = TaskGraph(step)
        let names = step.tasks.map { $0.displayName(in: step).replacingOccurrences(of: "model/", with: "") }
        #expect(step.tasks.allSatisfy { $0.tables?.isBarrier == false })
        #expect(graph.kept.isEmpty)
        let waits = Dictionary(uniqueKeysWithValues: graph.after.enumerated().map { j, edges in (names[j], edges.map { names[$0.task] }) })
        #expect(waits == [
            "agent_dim.2.sql": ["team_dim.1.sql"],
            "appointment_fact.3.sql": ["agent_dim.2.sql", "claimant_dim.1.sql"],
            "appointment_outcome_fact.4.sql": ["appointment_fact.3.sql"],
            "claimant_activity_fact.7.sql": ["appointment_outcome_fact.4.sql", "claimant_sanction_summary.5.sql", "to_do_fact.4.sql"],
            "claimant_dim.1.sql": ["site_dim.1.sql"],
            "claimant_journey_fact.8.sql": ["claimant_activity_fact.7.sql", "contract_dim.2.sql"],
            "claimant_sanction_summary.5.sql": ["sanction_fact.5.sql"],
            "contract_dim.2.sql": ["claimant_dim.1.sql"],
            "model_row_counts.9.sql": ["claimant_journey_fact.8.sql", "youth_obligation_details_fact.3.sql"],
            "sanction_fact.5.sql": ["claimant_dim.1.sql"],
            "sanction_severity_summary.5.sql": ["sanction_fact.5.sql"],
            "site_activity_fact.6.sql": ["appointment_fact.3.sql", "sanction_fact.5.sql", "to_do_fact.4.sql"],
            "site_dim.1.sql": [],
            "team_dim.1.sql": ["site_dim.1.sql"],
            "team_performance_fact.7.sql": ["appointment_fact.3.sql"],
            "to_do_fact.4.sql": ["agent_dim.2.sql", "claimant_dim.1.sql"],
            "youth_obligation_details_fact.3.sql": ["claimant_dim.1.sql"],
        ])
        for (j, edges) in graph.after.enumerated() {
            for edge in edges {
                #expect(Self.originalWave(step.tasks[edge.task].key) < Self.originalWave(step.tasks[j].key), "\(names[edge.task]) → \(names[j])")
            }
        }
        // Every model table a file reads and another file writes is among what it waits for, directly or not.
        let writers = Dictionary(step.tasks.indices.flatMap { i in (step.tasks[i].tables?.writes ?? []).map { ($0, i) } }) { first, _ in first }
        for (j, task) in step.tasks.enumerated() {
            for table in task.tables?.reads ?? [] {
                guard let w = writers[table] else { continue }
                #expect(Self.waitsFor(graph, j, w), "\(names[j]) reads \(table) of \(names[w])")
            }
        }
    }

    @Test(arguments: ["production", "local"]) func checkFindsNothingToWarnAbout(profile: String) throws {
        let report = PipelineChecker(readFile: PipelineChecker.disk).check(try plan(profile))
        #expect(report.count(.error) == 0)
        #expect(report.count(.warning) == 0, "\(report.diagnostics.map(\.description))")
        #expect(!report.diagnostics.contains { $0.id.description.hasPrefix("check.barrier") })
    }

    static func waitsFor(_ graph: TaskGraph, _ task: Int, _ other: Int) -> Bool {
        var stack = graph.after[task].map(\.task)
        var seen = Set(stack)
        while let i = stack.popLast() {
            if i == other { return true }
            for edge in graph.after[i] where seen.insert(edge.task).inserted { stack.append(edge.task) }
        }
        return false
    }
}
