import Foundation
import Testing
import TestSupport

@testable import PipelinePlan

/// `pipelines/pdm.pipe`: the 14 steps of the original (aws-pdm-dataset-generation's steps.yaml.tpl and steps/*.sh,
/// summarised in ORIGINAL-SYSTEM.md), per environment profile: names, order, hivevars, parallelism, retries.
@Suite struct PDMPipelineTests {
    static let root = LiveServer.repositoryRoot.path
    static let file = root + "/pipelines/pdm.pipe"
    /// The original's CurrentStep values (script names without .sh), in run order.
    static let steps = [
        "courtesy-flush", "create-hive-dynamo-table", "metrics-setup", "clean_dictionary_data", "create_databases",
        "transactional", "initial_transactional_load", "source", "transform", "model", "views", "create-views-tables",
        "flush-gateway", "flush-s3",
    ]
    static let cluster = ["courtesy-flush", "create-hive-dynamo-table", "metrics-setup", "clean_dictionary_data", "flush-gateway", "flush-s3"]
    static let environments = ["development", "qa", "integration", "preprod", "production"]

    func plan(_ profile: String) throws -> Plan {
        try Planner.plan(PlanRequest(PlanArguments(file: Self.file, profile: profile, correlationID: "c", s3Prefix: "p"), today: "2026-11-21")).plan
    }

    /// Every task of the step binds exactly these hivevars (name → value).
    func hivevars(_ p: Plan, _ step: String) throws -> [String: String] {
        let tasks = try #require(p.step(named: step)).tasks.filter { if case .command = $0.work { false } else { true } }
        let sets = Set(tasks.map { task in Dictionary(uniqueKeysWithValues: task.hivevars.map { ($0.key, $0.value) }) })
        #expect(sets.count == 1, "tasks of \(step) bind different hivevars")
        return sets.first ?? [:]
    }

    @Test(arguments: environments + ["local"])
    func allFourteenStepsInOrder(profile: String) throws {
        #expect(try plan(profile).steps.map(\.name) == Self.steps)
    }

    /// The original's terraform: processes 20/20/10/20/30 for source, transform, model, views and the views tables;
    /// transactional 20/20/10/20/20; retry attempts 10/10/10/12/12, delay 5 s.
    @Test(arguments: [
        ("development", 20, 20, 10), ("qa", 20, 20, 10), ("integration", 10, 10, 10), ("preprod", 20, 20, 12), ("production", 30, 20, 12),
    ])
    func environmentProfiles(profile: String, processes: Int, transactional: Int, attempts: Int) throws {
        let p = try plan(profile)
        for name in ["create_databases", "source", "transform", "model", "views", "create-views-tables"] {
            let step = try #require(p.step(named: name))
            #expect(step.parallelism == processes, "\(name)")
            #expect(step.retry.attempts == attempts, "\(name)")
            #expect(step.retry.delaySeconds == 5, "\(name)")
        }
        #expect(p.step(named: "transactional")!.parallelism == transactional)
        #expect(p.step(named: "initial_transactional_load")!.parallelism == 1)
        #expect(p.step(named: "initial_transactional_load")!.disposition.willRun == (profile != "production"))
        #expect(Self.cluster.allSatisfy { p.step(named: $0)!.disposition == .run })
        #expect(p.metastore?.database == "hive_metastore_v2")
        #expect(p.steps.filter { $0.always }.map(\.name) == ["flush-gateway", "flush-s3"])
        #expect(p.step(named: "source")!.onFailure == (profile == "development" ? .continue : .stop))
        // Metrics steps and the initial load (errors ignored in the original) are not critical, in every profile
        // (development's `on_failure continue` does not override a step's own `ignore`).
        #expect(["courtesy-flush", "metrics-setup", "initial_transactional_load", "flush-gateway", "flush-s3"]
            .allSatisfy { p.step(named: $0)!.onFailure == .ignore })
        #expect(p.steps.filter { $0.onFailure == .ignore }.count == 5)
        #expect(p.step(named: "source")!.tasks.allSatisfy { $0.engine == .hive })
        // The unlock pass runs on every cluster, with the environment's processes.
        let unlock = try #require(p.step(named: "create-views-tables")?.waves.first)
        #expect(unlock.name == "unlock")
        #expect(unlock.tasks.map(\.work) == [.command([
            "python3", Self.root + "/pipelines/scripts/unlock_tables.py", "--parallelism", String(processes), "--hive", "hive", "uc",
            Self.root + "/sql/pdm_tables/pdm_table_names.txt",
        ])])
        // The original ran each initial-load file once (no retry wrapper there).
        #expect(p.step(named: "initial_transactional_load")!.retry.attempts == 1)
        // A new trigger for a completed correlation id runs it again, as the original did.
        #expect(p.onCompleted == .rerun)
    }

    /// The hivevars each step of the original passed (`--hivevar` in steps/*.sh), with the production values.
    @Test(arguments: environments)
    func everyStepBindsTheOriginalsHivevars(profile: String) throws {
        let p = try plan(profile)
        let dictionary = "s3://pdm-published/common-model-inputs"
        #expect(try hivevars(p, "transactional") == ["transactional_database": "uc_pdm_transactional"])
        if profile != "production" {
            #expect(try hivevars(p, "initial_transactional_load") == ["transactional_database": "uc_pdm_transactional", "dictionary_path": dictionary])
        }
        #expect(try hivevars(p, "source") == [
            "source_database": "uc_pdm_source", "data_path": "s3://pdm-published/p", "serde": "org.openx.data.jsonserde.JsonSerDe",
            "dictionary_path": dictionary,
        ])
        #expect(try hivevars(p, "transform") == ["source_database": "uc_pdm_source", "transform_database": "uc_pdm_transform", "dictionary_path": dictionary])
        #expect(p.step(named: "transform")!.tasks.allSatisfy { $0.hiveconf == [KeyValue("hive.root.logger", "DEBUG,console")] })
        #expect(try hivevars(p, "model") == ["model_database": "uc_pdm_model", "transform_database": "uc_pdm_transform", "transactional_database": "uc_pdm_transactional"])
        #expect(try hivevars(p, "views") == [
            "views_database": "uc_views_tables", "model_database": "uc_pdm_model", "transactional_database": "uc_pdm_transactional",
            "transform_database": "uc_pdm_transform",
        ])
        // Not in the original (it ran create_db.sql with no hivevars): the same names, from one place.
        #expect(try hivevars(p, "create_databases") == [
            "source_database": "uc_pdm_source", "transform_database": "uc_pdm_transform", "model_database": "uc_pdm_model",
            "transactional_database": "uc_pdm_transactional", "views_database": "uc_views_tables", "views_tables_database": "uc",
        ])
        #expect(p.step(named: "create-views-tables")!.tasks.filter { if case .hqlStatement = $0.work { true } else { false } }
            .allSatisfy { $0.hiveconf == [KeyValue("hive.txn.manager", "org.apache.hadoop.hive.ql.lockmgr.DummyTxnManager")] })
    }

    @Test func cleanDictionaryDataRunsTheShippedScriptOnTheDictionaryPath() throws {
        let step = try #require(try plan("production").step(named: "clean_dictionary_data"))
        #expect(step.tasks.map(\.work) == [.command(["python3", Self.root + "/pipelines/scripts/clean_dictionary_data.py", "s3://pdm-published/common-model-inputs"])])
    }

    /// The unlock pass is a wave of its own, before the CTAS wave, and nothing in the CTAS script unlocks. Every
    /// table is materialised before any view is dropped (a wave of its own, after), and the step resumes per task,
    /// so a failure at any point leaves every view that a relaunch still needs. A table is rebuilt only while its
    /// view exists: DESCRIBE of the view comes before DROP TABLE.
    @Test func createViewsTablesMaterialisesEverythingBeforeDroppingAnyView() throws {
        let step = try #require(try plan("production").step(named: "create-views-tables"))
        #expect(step.waves.map(\.name) == ["unlock", "materialise", "drop_views"])
        #expect(step.onFailure == .stop)
        #expect(step.resume == .task)
        let tables = try String(contentsOfFile: Self.root + "/sql/pdm_tables/pdm_table_names.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init)
        func statements(_ wave: Int) -> [String] {
            step.waves[wave].tasks.compactMap { if case .hqlStatement(let sql) = $0.work { sql } else { nil } }
        }
        #expect(statements(1) == tables.map { t in
            """
            DESCRIBE uc_views_tables.\(t);
            DROP TABLE IF EXISTS uc.\(t);
            CREATE TABLE uc.\(t) STORED AS ORC AS SELECT * FROM uc_views_tables.\(t);
            SELECT '\(t)' AS table_name, COUNT(*) AS row_count FROM uc.\(t);
            """
        })
        #expect(statements(2) == tables.map { "DROP VIEW IF EXISTS uc_views_tables.\($0);" })
        #expect(Set(step.tasks.map(\.key)).count == step.tasks.count)
    }

    /// The original's AUDIT table (create-hive-dynamo-table.sh): dropped first; its columns in its order, with
    /// S3_Prefix_Snapshots; its column mapping; NULLs serialised.
    @Test func theAuditTableIsTheOriginals() throws {
        let step = try #require(try plan("production").step(named: "create-hive-dynamo-table"))
        guard case .hqlStatement(let sql) = try #require(step.tasks.first).work else { Issue.record("not a statement"); return }
        let flat = sql.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(flat == """
            CREATE DATABASE IF NOT EXISTS AUDIT; DROP TABLE IF EXISTS AUDIT.data_pipeline_metadata_hive; \
            CREATE EXTERNAL TABLE IF NOT EXISTS AUDIT.data_pipeline_metadata_hive ( Correlation_Id STRING, Run_Id BIGINT, \
            DataProduct STRING, DateProductRun STRING, Status STRING, CurrentStep STRING, Cluster_Id STRING, \
            S3_Prefix_Snapshots STRING, S3_Prefix_Analytical_DataSet STRING, Snapshot_Type STRING, Created_Date STRING) \
            STORED BY 'org.apache.hadoop.hive.dynamodb.DynamoDBStorageHandler' TBLPROPERTIES ( \
            'dynamodb.table.name' = 'data_pipeline_metadata', \
            'dynamodb.column.mapping' = 'Correlation_Id:Correlation_Id,Run_Id:Run_Id,DataProduct:DataProduct,DateProductRun:Date,\
            Status:Status,CurrentStep:CurrentStep,Cluster_Id:Cluster_Id,S3_Prefix_Snapshots:S3_Prefix_Snapshots,\
            S3_Prefix_Analytical_DataSet:S3_Prefix_Analytical_DataSet,Snapshot_Type:Snapshot_Type,Created_Date:Date', \
            'dynamodb.null.serialization' = 'true')
            """)
    }

    @Test func productionSkipsInitialTransactionalLoad() throws {
        #expect(try plan("production").step(named: "initial_transactional_load")!.disposition
            == .skippedCondition("initial_transactional_load is false (initial_transactional_load = false)"))
    }

    @Test func localSkipsClusterStepsVisiblyAndUsesHiveServer2() throws {
        let p = try plan("local")
        for name in Self.cluster {
            #expect(p.step(named: name)!.disposition == .skippedCondition("on_emr is false (on_emr = false)"))
        }
        #expect(p.metastore == nil)
        #expect(p.step(named: "create_databases")!.tasks[0].engine == .hiveserver2)
        // `hiveconf ... when on_emr`: HiveServer2 refuses hive.root.logger, so the laptop run does not set it.
        #expect(p.step(named: "transform")!.tasks.allSatisfy { $0.hiveconf.isEmpty })
        #expect(p.step(named: "model")!.order == .tables)
        #expect(p.step(named: "model")!.tasks.count == 17)
        // Spark has no UNLOCK TABLE: the laptop materialises without the unlock pass.
        #expect(p.step(named: "create-views-tables")!.waves.map(\.name) == ["materialise", "drop_views"])
        #expect(p.steps.filter { $0.disposition == .run }.allSatisfy { $0.parallelism == ($0.name == "initial_transactional_load" ? 1 : 4) })
        #expect(try hivevars(p, "source")["dictionary_path"] == "file://" + Self.root + "/pipelines/../data/dictionary")
    }
}
