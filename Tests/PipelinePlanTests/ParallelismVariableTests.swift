import PipelineDSL
import Testing

@testable import PipelinePlan

/// `parallelism "${name}"`: a step's (or the pipeline's) parallelism taken from a variable, so a profile can give
/// one step a figure of its own (pdm.pipe's `transactional`: 20 in production where the others take 30).
@Suite struct ParallelismVariableTests {
    static let text = """
        parallelism "${processes}"
        var processes = 20
        var narrow = "${processes}"
        profile wide {
          var processes = 30
          var narrow = 20
        }
        profile pinned {
          parallelism 7
        }
        step a { action sleep duration=0s }
        step b {
          parallelism "${narrow}"
          action sleep duration=0s
        }
        step c {
          parallelism 3
          action sleep duration=0s
        }
        """

    func result(_ text: String = text, profile: String? = nil, vars: [String: String] = [:]) -> Result<PlanResult, PlanFailure> {
        var request = PlanRequest(PlanArguments(file: "/nonexistent/p.pipe", profile: profile), today: "2026-11-21")
        request.variables = vars.map { KeyValue($0.key, $0.value) }
        return Result { () throws(PlanFailure) in try Planner.plan(request, source: text) }
    }

    func parallelism(profile: String? = nil, vars: [String: String] = [:]) throws -> [Int] {
        try result(profile: profile, vars: vars).get().plan.steps.map(\.parallelism)
    }

    @Test func resolvedPerProfileAndOverriddenByLiterals() throws {
        #expect(try parallelism() == [20, 20, 3])
        #expect(try parallelism(profile: "wide") == [30, 20, 3])
        // A literal in a later layer replaces the variable of an earlier one, and a step's variable the literal.
        #expect(try parallelism(profile: "pinned") == [7, 20, 3])
        #expect(try parallelism(vars: ["processes": "5"]) == [5, 5, 3])
    }

    @Test(arguments: ["0", "-1", "ten", "2.5", ""])
    func aValueThatIsNotAPositiveWholeNumberIsAnError(value: String) throws {
        guard case .failure(.invalid(let diagnostics, _)) = result(vars: ["processes": value]) else {
            Issue.record("planned with processes = '\(value)'")
            return
        }
        #expect(diagnostics.map(\.message).contains("parallelism must be a whole number of at least 1, not '\(value)'"))
        #expect(diagnostics.allSatisfy { $0.range.start.line == 1 || $0.range.start.line == 13 })
    }

    @Test func setTwiceIsStillAnError() {
        guard case .failure(.invalid(let diagnostics, _)) = result("parallelism 2\nparallelism \"${x}\"\nvar x = 1\nstep a { action sleep duration=0s }\n") else {
            Issue.record("planned")
            return
        }
        #expect(diagnostics.map(\.message).contains("'parallelism' is set twice"))
    }
}
