import Metastore
import PipelineDSL
import PipelinePlan
import TestSupport
import Testing

struct PlannedDatabasesTests {
    static let here = SourceLocation(file: "p.pipe", line: 1, column: 1)

    static func task(_ work: TaskWork, hivevars: [KeyValue] = []) -> PlanTask {
        PlanTask(key: "k", work: work, engine: .hive, hivevars: hivevars, hiveconf: [KeyValue("env", "prod")], location: here)
    }

    static func plan(_ steps: [(StepDisposition, [PlanTask])]) -> Plan {
        Plans.plan(
            steps.enumerated().map { index, step in
                Plans.step(index: index, name: "s\(index)", waves: [step.1], parallelism: 1, disposition: step.0, firstWave: 0, location: here)
            },
            pipeline: "p", product: "P", correlationID: "c", s3Prefix: "s")
    }

    @Test func findsCreateDatabaseAfterSubstitution() {
        let files = [
            "/sql/db/create_db.sql": """
                -- CREATE DATABASE commented_out;
                CREATE DATABASE IF NOT EXISTS ${hivevar:source_database} LOCATION 's3://b/src';
                create schema `${model_database}`;
                CREATE DATABASE IF NOT EXISTS uc_${hiveconf:env};
                CREATE TABLE not_a_database (a INT);
                """,
            "/sql/skipped.sql": "CREATE DATABASE never_runs;",
        ]
        let hivevars = [KeyValue("source_database", "UC_PDM_SOURCE"), KeyValue("model_database", "uc_pdm_model")]
        let plan = Self.plan([
            (.run, [Self.task(.hqlFile(path: "/sql/db/create_db.sql", relative: "db/create_db.sql"), hivevars: hivevars)]),
            (.skippedCondition("on_emr"), [Self.task(.hqlFile(path: "/sql/skipped.sql", relative: "skipped.sql"))]),
            (.run, [Self.task(.hqlStatement("CREATE DATABASE IF NOT EXISTS uc_pdm_source")), Self.task(.command(["true"]))]),
        ])
        let found = PlannedDatabases.find(in: plan) { path in
            guard let text = files[path] else { throw MetastoreError.unusableInput("no \(path)") }
            return text
        }
        #expect(found == ["uc_pdm_source", "uc_pdm_model", "uc_prod"])
    }
}
