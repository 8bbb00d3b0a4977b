import Foundation
import PipelineDSL
import Testing

@testable import PipelinePlan

/// `order tables|waves`, `reads=`/`writes=`/`alone=` and the tables the planner reads from each task's SQL, on an
/// in-memory SQL tree.
@Suite struct TableOrderPlanTests {
    static let files: [String: String] = [
        "/p/sql/model/fact.sql": "INSERT OVERWRITE TABLE ${hivevar:db}.fact SELECT * FROM ${hivevar:db}.dim JOIN src.f ON 1=1",
        "/p/sql/model/dim.sql": "DROP TABLE IF EXISTS ${hivevar:db}.dim;\nCREATE TABLE ${hivevar:db}.dim AS SELECT * FROM src.d",
        "/p/sql/model/odd.sql": "dfs -rm -r /tmp/x;\nINSERT INTO ${hivevar:db}.odd SELECT 1",
        "/p/sql/list.txt": "a\nb\n",
    ]

    func plan(_ body: String, inferTables: PlanRequest.TableInferenceScope = .everyStep) throws(PlanFailure) -> Plan {
        let source = """
            pipeline "t"
            sql "sql"
            \(body)
            """
        var request = PlanRequest(PlanArguments(file: "/p/t.pipe"), today: "2026-01-02")
        request.fileSystem = .memory(Self.files.mapValues { Array($0.utf8) })
        request.inferTables = inferTables
        return try Planner.plan(request, source: source).plan
    }

    /// `run` reads the SQL of table-ordered steps only (a wave step's tables decide nothing); `plan` and
    /// `check` read every step's, to show them.
    @Test func runInfersTablesOnlyWhereTheyOrderTasks() throws {
        let body = """
            step a { order tables
              glob "model/*.sql" }
            step b { order waves
              glob "model/*.sql" }
            """
        let forRun = try plan(body, inferTables: .tableOrderedSteps)
        #expect(forRun.steps[0].tasks.allSatisfy { $0.tables != nil })
        #expect(forRun.steps[1].tasks.allSatisfy { $0.tables == nil })
        let forPlan = try plan(body)
        #expect(forPlan.steps.allSatisfy { $0.tasks.allSatisfy { $0.tables != nil } })
        #expect(forRun.steps[0].tasks.map(\.tables) == forPlan.steps[0].tasks.map(\.tables))
    }

    func errors(_ body: String) -> [String] {
        do {
            _ = try plan(body)
            return []
        } catch {
            guard case .invalid(let diagnostics, _) = error else { return ["\(error)"] }
            return diagnostics.map { "\($0.id) \($0.message)" }
        }
    }

    @Test func orderIsSetAtTopLevelInAProfileOrAStep() throws {
        let p = try plan("""
            order tables
            profile w { order waves }
            step a { glob "model/*.sql" }
            step b { order waves
              glob "model/*.sql" }
            """)
        #expect(p.steps.map(\.order) == [.tables, .waves])
        #expect(try plan("step a { glob \"model/*.sql\" }").steps[0].order == .waves)
    }

    @Test func theTablesOfEachTaskAfterSubstitution() throws {
        let p = try plan("""
            hivevar db = "Model"
            step m { order tables
              glob "model/*.sql" }
            """)
        let tables = p.steps[0].tasks.map(\.tables)
        #expect(p.steps[0].tasks.map(\.key) == ["m/model/dim.sql", "m/model/fact.sql", "m/model/odd.sql"])
        #expect(tables[0] == TaskTables(reads: ["src.d"], writes: ["model.dim"]))
        #expect(tables[1] == TaskTables(reads: ["model.dim", "src.f"], writes: ["model.fact"]))
        #expect(tables[2]?.writes == ["model.odd"])
        #expect(tables[2]?.unknown == ["model/odd.sql:1:1: dfs acts outside the tables"])
        let graph = TaskGraph(p.steps[0])
        #expect(graph.after.map { $0.map(\.task) } == [[], [0], [1]])
    }

    @Test func declaringTablesLiftsABarrierAndAddsEdges() throws {
        let p = try plan("""
            hivevar db = "model"
            step m { order tables
              file "model/odd.sql" writes=["${hivevar:db}.odd"]
              command "python3" "x.py" reads=["`Model`.ODD"] writes=["default.report"]
              action sleep duration=1ms
              file "model/dim.sql" alone=true
            }
            """)
        let tasks = p.steps[0].tasks
        #expect(tasks[0].tables == TaskTables(writes: ["model.odd"]))
        #expect(tasks[0].declared == DeclaredTables(writes: ["model.odd"]))
        #expect(tasks[1].tables == TaskTables(reads: ["model.odd"], writes: ["report"]))
        #expect(tasks[2].tables?.unknown == ["action sleep: what it reads and writes is not known"])
        #expect(tasks[3].alone)
        let graph = TaskGraph(p.steps[0])
        #expect(graph.after.map { $0.map(\.task) } == [[], [0], [1], [2]])
    }

    @Test func eachLineDeclaresWithItsBinding() throws {
        let p = try plan("""
            step v { order tables
              each_line "list.txt" as t writes=["uc.${t}"] {
                statement "CREATE TABLE uc.${t} AS SELECT * FROM views.${t}" reads=["extra.${t}"]
              }
            }
            """)
        #expect(p.steps[0].tasks.map(\.tables) == [
            TaskTables(reads: ["extra.a", "views.a"], writes: ["uc.a"]), TaskTables(reads: ["extra.b", "views.b"], writes: ["uc.b"]),
        ])
    }

    @Test func badDeclarationsAreErrorsAtTheirPlace() {
        #expect(errors("step m { file \"model/dim.sql\" reads=[\"a b\"] }") == [
            "plan.invalid-table-name reads takes table names, TABLE or DATABASE.TABLE, not 'a b'",
        ])
        #expect(errors("step m { file \"model/dim.sql\" alone=yes }") == ["build.invalid-boolean alone must be true or false, not yes"])
        #expect(errors("order tabels\nstep m { file \"model/dim.sql\" }") == [
            "build.not-one-of 'order' must be one of waves, tables, not 'tabels'",
        ])
        #expect(errors("step m { wave { order tables\nfile \"model/dim.sql\" } }") == [
            "build.misplaced-directive 'order' is not allowed in a wave",
        ])
    }
}

/// What `plan` shows of table order in each format.
@Suite struct TableOrderRenderingTests {
    func modelPlan() throws -> Plan {
        try TableOrderPlanTests().plan("""
            hivevar db = "model"
            step m { order tables
              glob "model/*.sql"
              action sleep duration=1ms alone=true
            }
            """)
    }

    @Test func textShowsTablesWaitsBarriersAndTheCriticalPath() throws {
        let text = PlanTextRenderer(showVariables: false).render(try modelPlan())
        #expect(text.contains("run · 4 tasks in 1 wave · order tables · parallelism 4"))
        #expect(text.contains("      critical path 4 tasks (no run recorded yet): model/dim.sql → model/fact.sql → model/odd.sql → action:sleep\n"))
        #expect(text.contains("          reads src.d · writes model.dim\n"))
        #expect(text.contains("          reads model.dim, src.f · writes model.fact\n          after model/dim.sql (reads model.dim)\n"))
        #expect(text.contains("          barrier: model/odd.sql:1:1: dfs acts outside the tables\n          after model/fact.sql (barrier)\n"))
        #expect(text.contains("          alone\n          barrier: action sleep: what it reads and writes is not known\n          after model/odd.sql (barrier)\n"))
        // With the last run's times, the critical path is in seconds.
        var timed = try modelPlan()
        for i in timed.steps[0].waves[0].tasks.indices { timed.steps[0].waves[0].tasks[i].expectedSeconds = Double(i + 1) }
        #expect(PlanTextRenderer().render(timed).contains("critical path 10.0 s (times of the last run): model/dim.sql → "))
    }

    @Test func jsonCarriesReadsWritesAndAfterForEveryTask() throws {
        let json = try PlanJSONRenderer.render(try modelPlan())
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let step = try #require((object["steps"] as? [[String: Any]])?.first)
        #expect(step["order"] as? String == "tables")
        let tasks = try #require(((step["waves"] as? [[String: Any]])?.first?["tasks"]) as? [[String: Any]])
        #expect(tasks[1]["reads"] as? [String] == ["model.dim", "src.f"])
        #expect(tasks[1]["writes"] as? [String] == ["model.fact"])
        #expect(tasks[1]["after"] as? [String] == ["m/model/dim.sql"])
        #expect(tasks[0]["after"] as? [String] == [])
        #expect(tasks[2]["barrier"] as? [String] == ["model/odd.sql:1:1: dfs acts outside the tables"])
        #expect(tasks[3]["alone"] as? Bool == true)
    }

    @Test func aSecretInTheSQLNeverReachesThePlan() throws {
        let p = try TableOrderPlanTests().plan("""
            secret pw = "hunter2"
            step m { order tables
              statement "INSERT INTO s.${pw} SELECT 1"
              statement "INSERT INTO m.x SELECT * FROM s.${pw}"
              statement "OPTIMIZE ${pw}"
            }
            """)
        #expect(p.steps[0].tasks[1].tables?.reads == ["s.hunter2"])
        #expect(TaskGraph(p.steps[0]).after[1].map(\.reason) == [.reads("s.hunter2")])
        for output in [PlanTextRenderer().render(p), try PlanJSONRenderer.render(p), PlanGraphRenderer.dot(p), PlanGraphRenderer.mermaid(p)] {
            #expect(!output.contains("hunter2"))
        }
        #expect(PlanTextRenderer().render(p).contains("barrier: statement 'OPTIMIZE ****' is not understood"))
    }

    @Test func dotAndMermaidDrawTheTaskGraphWithItsTables() throws {
        let dot = PlanGraphRenderer.dot(try modelPlan())
        #expect(dot.contains("    s1t1 [label=\"model/fact.sql\"];\n"))
        #expect(dot.contains("    s1t2 [label=\"model/odd.sql (barrier)\"];\n"))
        #expect(dot.contains("  s1t0 -> s1t1 [label=\"model.dim\"];\n"))
        #expect(dot.contains("  s1t1 -> s1t2;\n"))
        let mermaid = PlanGraphRenderer.mermaid(try modelPlan())
        #expect(mermaid.contains("  s1t0 -->|\"model.dim\"| s1t1\n"))
        #expect(mermaid.contains("    s1t3[\"action:sleep (alone) (barrier)\"]\n"))
    }
}
