import PipelineCheck
import PipelinePlan
import Testing

@Suite struct VariableCheckTests {
    func check(_ sql: String, hivevars: [KeyValue] = [], hiveconf: [KeyValue] = []) -> [String] {
        let plan = PlanBuilder.plan([
            PlanBuilder.step(0, "model", [[PlanBuilder.task("sql/x.sql", hivevars: hivevars, hiveconf: hiveconf, line: 1)]], line: 1),
        ])
        return PipelineChecker(readFile: PlanBuilder.reader(["sql/x.sql": sql])).check(plan).diagnostics.map(\.description)
    }

    @Test func boundHivevarsInEitherSpellingAreFine() {
        #expect(check("SELECT ${a}, ${hivevar:a} FROM t", hivevars: [KeyValue("a", "1")]) == [])
    }

    @Test func unboundInCodeStringAndComment() {
        #expect(check("SELECT '${model_database}'\n-- ${hivevar:b}\n, ${c}", hivevars: [KeyValue("z", "1"), KeyValue("a", "2")]) == [
            "sql/x.sql:1:9: error: unbound hivevar 'model_database' (step model binds: a, z) [check.unbound-hivevar]",
            "sql/x.sql:2:4: warning: unbound hivevar 'b' in a comment (step model binds: a, z) [check.unbound-hivevar]",
            "sql/x.sql:3:3: error: unbound hivevar 'c' (step model binds: a, z) [check.unbound-hivevar]",
        ])
    }

    @Test func noBindingsAtAll() {
        #expect(check("${x}") == ["sql/x.sql:1:1: error: unbound hivevar 'x' (step model binds none) [check.unbound-hivevar]"])
    }

    @Test func setBindsOnlyLaterStatements() {
        #expect(check("SELECT ${hivevar:d};\nSET hivevar:d=1;\nSELECT ${d}, ${hiveconf:e};\nSET e=2;\nSELECT ${hiveconf:e}") == [
            "sql/x.sql:1:8: error: unbound hivevar 'd' (step model binds none) [check.unbound-hivevar]",
            "sql/x.sql:3:14: warning: hiveconf 'e' is not set by the plan (step model sets none) [check.unset-hiveconf]",
        ])
    }

    @Test func hiveconfFromThePlanEnvAndSystem() {
        #expect(check("SELECT ${hiveconf:a}, ${hiveconf:b}, ${env:HOME}, ${system:user.name} -- ${hiveconf:c}",
                      hiveconf: [KeyValue("a", "1")]) == [
            "sql/x.sql:1:23: warning: hiveconf 'b' is not set by the plan (step model sets: a) [check.unset-hiveconf]",
            "sql/x.sql:1:38: info: ${env:HOME} reads environment variable 'HOME' on the cluster at run time [check.env-reference]",
            "sql/x.sql:1:51: info: ${system:user.name} reads Java system property 'user.name' at run time [check.system-reference]",
            "sql/x.sql:1:74: info: hiveconf 'c' in a comment is not set by the plan (step model sets: a) [check.unset-hiveconf]",
        ])
    }

    @Test func aFileSharedByTasksWithTheSameBindingsIsReportedOnce() {
        let task = PlanBuilder.task("sql/x.sql", line: 1)
        let plan = PlanBuilder.plan([PlanBuilder.step(0, "s", [[task], [task]], line: 1)])
        let report = PipelineChecker(readFile: PlanBuilder.reader(["sql/x.sql": "SELECT ${x}"])).check(plan)
        #expect(report.diagnostics.map(\.description) == ["sql/x.sql:1:8: error: unbound hivevar 'x' (step s binds none) [check.unbound-hivevar]"])
        #expect(report.summary == "1 error, 0 warnings, 0 info (2 HQL tasks, 1 file)")
    }
}
