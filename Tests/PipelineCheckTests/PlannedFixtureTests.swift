import Foundation
import PipelineCheck
import PipelinePlan
import Testing

/// From a `.pipe` fixture through the real planner to diagnostics, as `pdm-pipeline check` does it.
@Suite struct PlannedFixtureTests {
    func check(_ fixture: String) throws -> String {
        let root = PlanBuilder.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path + "/"
        let file = PlanBuilder.fixtures.appendingPathComponent(fixture).path
        var request = PlanRequest(PlanArguments(file: file), today: "2026-11-21")
        request.deferInputErrors = true
        let result = try Planner.plan(request)
        let report = PipelineChecker(readFile: PipelineChecker.disk)
            .check(result.plan, plannerWarnings: result.warnings, sources: result.sources)
        return report.text().replacingOccurrences(of: root, with: "")
    }

    @Test func basicFixture() throws {
        #expect(try check("basic/check.pipe") == """
            Tests/Fixtures/check/basic/check.pipe:24:15: error: glob 'model/*.3.sql' matches no file under Tests/Fixtures/check/basic/sql [plan.empty-glob]
              wave { glob "model/*.3.sql" }
                          ^~~~~~~~~~~~~~~
            note: if the step may legitimately match nothing, say so: glob "model/*.3.sql" allow_empty=true
            Tests/Fixtures/check/basic/sql/model/order_fact.1.sql:1:27: warning: unbound hivevar 'snapshot_date' in a comment (step model binds: model_database, staging_database) [check.unbound-hivevar]
            /* Order facts. Snapshot: ${hivevar:snapshot_date} */
                                      ^~~~~~~~~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/sql/model/order_fact.1.sql:3:28: warning: hiveconf 'hive.exec.dynamic.partition.mode' is not set by the plan (step model sets none) [check.unset-hiveconf]
            SET hivevar:partition_mode=${hiveconf:hive.exec.dynamic.partition.mode};
                                       ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/sql/model/order_fact.1.sql:6:32: info: ${env:USER} reads environment variable 'USER' on the cluster at run time [check.env-reference]
            SELECT o.id, d.site, o.total, '${env:USER}' AS loaded_by
                                           ^~~~~~~~~~~
            Tests/Fixtures/check/basic/check.pipe:21:5: error: HQL file 'Tests/Fixtures/check/basic/sql/model/missing.1.sql' not found [check.missing-file]
                file "model/missing.1.sql"
                ^
            Tests/Fixtures/check/basic/sql/model/site_dim_copy.2.sql:1:20: error: unbound hivevar 'model_databse' (step model binds: model_database, staging_database); did you mean 'model_database'? [check.unbound-hivevar]
            INSERT INTO TABLE `${model_databse}`.site_dim SELECT * FROM ${model_database}.site_dim_seed;
                               ^~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/check.pipe:29:3: error: unbound hivevar 'report_db' (step report binds: model_database, staging_database) [check.unbound-hivevar]
              statement "DROP TABLE ${hivevar:report_db}.old"
              ^
            Tests/Fixtures/check/basic/check.pipe:32:6: info: step 'cluster-only' is skipped, so its SQL is not checked: on_emr is false (on_emr = false) [check.step-not-checked]
            step cluster-only when on_emr {
                 ^
            Tests/Fixtures/check/basic/sql/staging/orders.sql:4:6: warning: race: reads table 'stg.customers', which another task of the same parallel wave (step 'staging') writes at Tests/Fixtures/check/basic/sql/staging/customers.sql:2:28 [check.race]
            JOIN ${staging_database}.customers c ON o.customer_id = c.id
                 ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/sql/staging/orders.sql:5:11: warning: read before write: table 'mdl.order_fact' is written later, by step 'model' wave '1' at Tests/Fixtures/check/basic/sql/model/order_fact.1.sql:5:24 [check.read-before-write]
            LEFT JOIN ${hivevar:model_database}.order_fact f ON f.id = o.id;
                      ^~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/sql/model/order_fact.1.sql:8:6: warning: read before write: table 'mdl.site_dim' is written later, by step 'model' wave '2' at Tests/Fixtures/check/basic/sql/model/site_dim.2.sql:2:24 [check.read-before-write]
            JOIN ${model_database}.site_dim d ON d.id = o.site_id
                 ^~~~~~~~~~~~~~~~~~~~~~~~~~
            Tests/Fixtures/check/basic/sql/model/site_dim_copy.2.sql:2:13: error: two writers of table 'mdl.site_dim' in one parallel wave (step 'model' wave '2'): also written at Tests/Fixtures/check/basic/sql/model/site_dim.2.sql:2:24 [check.conflicting-writers]
            INSERT INTO ${model_database}.SITE_DIM SELECT * FROM ${model_database}.site_dim_seed;
                        ^~~~~~~~~~~~~~~~~~~~~~~~~~
            5 errors, 5 warnings, 2 info (7 HQL tasks, 6 files)

            """)
    }

    /// The original's hand-numbered waves of the model step, with waves 3 and 4 swapped.
    static let swappedWaves = """
        wave site_dim { file "model/site_dim.1.sql" }
          wave 1 { glob "model/*.1.sql" exclude=["model/site_dim.1.sql"] }
          wave 2 { glob "model/*.2.sql" }
          wave 3 { glob "model/*.4.sql" }
          wave 4 { glob "model/*.3.sql" }
          wave sanction_fact { file "model/sanction_fact.5.sql" }
          wave 5 { glob "model/*.5.sql" exclude=["model/sanction_fact.5.sql"] }
          wave 6 { glob "model/*.6.sql" }
          wave 7 { glob "model/*.7.sql" }
          wave 8 { glob "model/*.8.sql" }
          wave 9 { glob "model/*.9.sql" }
        """

    /// pdm.pipe with the model step in the original's waves, swapped, in `order`; what `check` reports.
    func swapped(order: String) throws -> [String] {
        let root = PlanBuilder.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("pipelines/pdm.pipe").path
        let original = try String(contentsOfFile: file, encoding: .utf8)
        let edited = original
            .replacingOccurrences(of: "  order tables\n", with: "  order \(order)\n")
            .replacingOccurrences(of: #"  glob "model/*.sql""#, with: "  " + Self.swappedWaves)
        #expect(edited.contains("order \(order)") && edited.contains("wave 4 { glob"))
        let result = try Planner.plan(PlanRequest(PlanArguments(file: file, profile: "production"), today: "2026-11-21"), source: edited)
        let report = PipelineChecker(readFile: PipelineChecker.disk).check(result.plan)
        let sql = root.appendingPathComponent("sql").path
        return report.diagnostics.filter { $0.id.description != "check.step-not-checked" }.map { $0.description.replacingOccurrences(of: sql, with: "sql") }
    }

    @Test func swappingTwoModelWavesOfTheRealPipelineIsCaught() throws {
        #expect(try swapped(order: "waves") == [
            "sql/model/appointment_outcome_fact.4.sql:9:6: warning: read before write: table 'uc_pdm_model.appointment_fact' is written later, by step 'model' wave '4' at sql/model/appointment_fact.3.sql:2:28 [check.read-before-write]",
        ])
        // In table order the same waves only group the tasks: the tables still run appointment_fact first, and
        // check says the declared waves contradict them.
        #expect(try swapped(order: "tables") == [
            "sql/model/appointment_outcome_fact.4.sql:9:6: warning: wave '3' comes before wave '4', but table 'uc_pdm_model.appointment_fact' is written by model/appointment_fact.3.sql at sql/model/appointment_fact.3.sql:2:28: table order runs that task first [check.wave-order-contradicts-tables]",
        ])
    }

    @Test func theRealPipelineHasNoFindingsInProduction() throws {
        let root = PlanBuilder.fixtures.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let request = PlanRequest(PlanArguments(file: root.appendingPathComponent("pipelines/pdm.pipe").path, profile: "production"), today: "2026-11-21")
        let result = try Planner.plan(request)
        let report = PipelineChecker(readFile: PipelineChecker.disk).check(result.plan)
        #expect(report.diagnostics.map(\.id.description) == ["check.step-not-checked"])
        #expect(report.tasksChecked == 70)  // 61, and create-views-tables's 9 DROP VIEW tasks (a wave of their own)
    }
}
