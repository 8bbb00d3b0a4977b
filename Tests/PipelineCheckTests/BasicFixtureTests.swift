import PipelineCheck
import PipelinePlan
import Testing

/// The `basic` fixture: a staging step, a two-wave model step and a report step, with one of each problem.
@Suite struct BasicFixtureTests {
    static let staging = [KeyValue("staging_database", "stg"), KeyValue("model_database", "mdl")]
    static let model = [KeyValue("staging_database", "stg"), KeyValue("model_database", "mdl")]

    static var plan: Plan {
        PlanBuilder.plan([
            PlanBuilder.step(0, "staging", [[
                PlanBuilder.task("sql/staging/customers.sql", hivevars: staging, line: 3),
                PlanBuilder.task("sql/staging/orders.sql", hivevars: staging, line: 3),
            ]], line: 2),
            PlanBuilder.step(1, "model", [
                [
                    PlanBuilder.task("sql/model/order_fact.1.sql", hivevars: model, line: 7),
                    PlanBuilder.task("sql/model/missing.1.sql", hivevars: model, line: 7),
                ],
                [
                    PlanBuilder.task("sql/model/site_dim.2.sql", hivevars: model, line: 8),
                    PlanBuilder.task("sql/model/site_dim_copy.2.sql", hivevars: model, line: 8),
                ],
            ], line: 6),
            PlanBuilder.step(2, "report", [[
                PlanBuilder.statement("SELECT count(*) FROM ${hivevar:model_database}.order_fact", hivevars: model, line: 11),
                PlanBuilder.statement("DROP TABLE ${hivevar:report_db}.old", hivevars: model, line: 12),
            ]], line: 10),
            PlanBuilder.step(3, "cluster-only", [[PlanBuilder.task("sql/never.sql", line: 14)]],
                             disposition: .skippedCondition("on_emr = false"), line: 13),
        ])
    }

    static var report: CheckReport {
        PipelineChecker(readFile: PlanBuilder.reader(root: PlanBuilder.fixtures.appendingPathComponent("basic"))).check(plan)
    }

    @Test func exactFindingsInPlanOrder() {
        #expect(Self.report.text().dropLast() == """
            sql/model/order_fact.1.sql:1:27: warning: unbound hivevar 'snapshot_date' in a comment (step model binds: model_database, staging_database) [check.unbound-hivevar]
            /* Order facts. Snapshot: ${hivevar:snapshot_date} */
                                      ^~~~~~~~~~~~~~~~~~~~~~~~
            sql/model/order_fact.1.sql:3:28: warning: hiveconf 'hive.exec.dynamic.partition.mode' is not set by the plan (step model sets none) [check.unset-hiveconf]
            SET hivevar:partition_mode=${hiveconf:hive.exec.dynamic.partition.mode};
                                       ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            sql/model/order_fact.1.sql:6:32: info: ${env:USER} reads environment variable 'USER' on the cluster at run time [check.env-reference]
            SELECT o.id, d.site, o.total, '${env:USER}' AS loaded_by
                                           ^~~~~~~~~~~
            check.pipe:7:5: error: HQL file 'sql/model/missing.1.sql' not found [check.missing-file]
            sql/model/site_dim_copy.2.sql:1:20: error: unbound hivevar 'model_databse' (step model binds: model_database, staging_database); did you mean 'model_database'? [check.unbound-hivevar]
            INSERT INTO TABLE `${model_databse}`.site_dim SELECT * FROM ${model_database}.site_dim_seed;
                               ^~~~~~~~~~~~~~~~
            check.pipe:12:5: error: unbound hivevar 'report_db' (step report binds: model_database, staging_database) [check.unbound-hivevar]
            check.pipe:13:1: info: step 'cluster-only' is skipped, so its SQL is not checked: on_emr = false [check.step-not-checked]
            sql/staging/orders.sql:4:6: warning: race: reads table 'stg.customers', which another task of the same parallel wave (step 'staging') writes at sql/staging/customers.sql:2:28 [check.race]
            JOIN ${staging_database}.customers c ON o.customer_id = c.id
                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            sql/staging/orders.sql:5:11: warning: read before write: table 'mdl.order_fact' is written later, by step 'model' wave '1' at sql/model/order_fact.1.sql:5:24 [check.read-before-write]
            LEFT JOIN ${hivevar:model_database}.order_fact f ON f.id = o.id;
                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            sql/model/order_fact.1.sql:8:6: warning: read before write: table 'mdl.site_dim' is written later, by step 'model' wave '2' at sql/model/site_dim.2.sql:2:24 [check.read-before-write]
            JOIN ${model_database}.site_dim d ON d.id = o.site_id
                 ^~~~~~~~~~~~~~~~~~~~~~~~~~
            sql/model/site_dim_copy.2.sql:2:13: error: two writers of table 'mdl.site_dim' in one parallel wave (step 'model' wave '2'): also written at sql/model/site_dim.2.sql:2:24 [check.conflicting-writers]
            INSERT INTO ${model_database}.SITE_DIM SELECT * FROM ${model_database}.site_dim_seed;
                        ^~~~~~~~~~~~~~~~~~~~~~~~~~
            4 errors, 5 warnings, 2 info (7 HQL tasks, 6 files)
            """)
        #expect(Self.report.text().last == "\n")
        #expect(Self.report.exitCode == 1)
    }

    @Test func strictTurnsWarningsIntoErrors() {
        let strict = Self.report.strict()
        #expect(strict.count(.error) == 9)
        #expect(strict.count(.warning) == 0)
        #expect(strict.count(.info) == 2)
        #expect(strict.summary == "9 errors, 0 warnings, 2 info (7 HQL tasks, 6 files)")
    }

    @Test func relatedLocationsAreStructured() throws {
        let race = try #require(Self.report.diagnostics.first { $0.id.description == "check.race" })
        #expect(race.location.description == "sql/staging/orders.sql:4:6")
        #expect(race.related?.description == "sql/staging/customers.sql:2:28")
        let writers = try #require(Self.report.diagnostics.first { $0.id.description == "check.conflicting-writers" })
        #expect(writers.related?.description == "sql/model/site_dim.2.sql:2:24")
    }
}
