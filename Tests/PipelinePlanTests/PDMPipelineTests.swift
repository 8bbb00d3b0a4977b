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
            Self.root + "/pipelines/../sql/pdm_tables/pdm_table_names.txt",
        ])])
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

    /// The unlock pass is a wave of its own, before the CTAS wave, and nothing in the CTAS script unlocks.
    @Test func createViewsTablesMaterialisesAfterTheUnlockPass() throws {
        let step = try #require(try plan("production").step(named: "create-views-tables"))
        #expect(step.waves.map(\.name) == ["unlock", "materialise"])
        #expect(step.onFailure == .stop)
        let statements = step.waves[1].tasks.compactMap { if case .hqlStatement(let sql) = $0.work { sql } else { nil } }
        #expect(statements.count == 9)
        #expect(statements.allSatisfy { !$0.contains("UNLOCK") && $0.contains("CREATE TABLE uc.") && $0.contains("FROM uc_views_tables.") })
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
        #expect(p.step(named: "create-views-tables")!.waves.map(\.name) == ["materialise"])
        #expect(p.steps.filter { $0.disposition == .run }.allSatisfy { $0.parallelism == ($0.name == "initial_transactional_load" ? 1 : 4) })
        #expect(try hivevars(p, "source")["dictionary_path"] == "file://" + Self.root + "/pipelines/../data/dictionary")
    }
}
