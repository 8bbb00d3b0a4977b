import Testing

@testable import PipelinePlan

/// `PlanRequest.implementedActions`: a built-in action the running binary does not implement is refused when
/// planning (so `plan` and `check` catch it), not when `run` reaches the task.
@Suite struct ImplementedActionsTests {
    static let source = """
        pipeline "a"
        step wait {
          action sleep duration=1s
          action pushgateway.wipe
        }
        """

    func diagnostics(_ implemented: Set<String>?) -> [String] {
        var request = PlanRequest(PlanArguments(file: "/p/a.pipe", correlationID: "c"), today: "2026-11-21")
        request.implementedActions = implemented
        do throws(PlanFailure) {
            _ = try Planner.plan(request, source: Self.source)
            return []
        } catch {
            guard case .invalid(let diagnostics, _) = error else { return ["\(error)"] }
            return diagnostics.map { $0.description + $0.notes.map { " | " + $0 }.joined() }
        }
    }

    @Test func anActionTheBinaryLacksIsAPlanErrorListingTheOnesItHas() {
        #expect(diagnostics(["sleep", "metrics.export-start"]) == [
            "/p/a.pipe:4:3: error: action 'pushgateway.wipe' is not implemented by this binary [plan.action-not-implemented]"
                + " | this binary implements: metrics.export-start, sleep",
        ])
    }

    @Test func everyImplementedOrUnsaidIsFine() {
        #expect(diagnostics(["sleep", "pushgateway.wipe"]) == [])
        #expect(diagnostics(nil) == [])
    }
}
