import Testing
import TestSupport

@testable import PipelinePlan

/// `pipelines/pdm.pipe`: the 14 steps of the original, per environment profile.
@Suite struct PDMPipelineTests {
    static let file = LiveServer.repositoryRoot.path + "/pipelines/pdm.pipe"
    static let steps = [
        "courtesy-flush", "create-hive-dynamo-table", "metrics-setup", "clean-dictionary-data", "create_databases",
        "transactional", "initial_transactional_load", "source", "transform", "model", "views", "create-views-tables",
        "flush-gateway", "flush-s3",
    ]
    static let cluster = ["courtesy-flush", "create-hive-dynamo-table", "metrics-setup", "clean-dictionary-data", "flush-gateway", "flush-s3"]

    func plan(_ profile: String) throws -> Plan {
        try Planner.plan(PlanRequest(file: Self.file, profile: profile, correlationID: "c", s3Prefix: "p", environment: [:], today: "2026-11-21")).plan
    }

    @Test func allFourteenStepsInOrder() throws {
        #expect(try plan("production").steps.map(\.name) == Self.steps)
    }

    @Test(arguments: [("development", 20, 10), ("qa", 20, 10), ("integration", 10, 10), ("preprod", 20, 12), ("production", 30, 12)])
    func environmentProfiles(profile: String, parallelism: Int, attempts: Int) throws {
        let p = try plan(profile)
        let source = try #require(p.step(named: "source"))
        #expect(source.parallelism == parallelism)
        #expect(source.retry.attempts == attempts)
        #expect(source.retry.delaySeconds == 5)
        #expect(p.step(named: "transactional")!.parallelism == 20)
        #expect(p.step(named: "initial_transactional_load")!.disposition.willRun == (profile != "production"))
        #expect(Self.cluster.allSatisfy { p.step(named: $0)!.disposition == .run })
        #expect(p.metastore?.database == "hive_metastore_v2")
        #expect(p.steps.filter { $0.always }.map(\.name) == ["flush-gateway", "flush-s3"])
        #expect(p.step(named: "source")!.onFailure == (profile == "development" ? .continue : .stop))
        // Metrics steps never stop the dataset generation.
        #expect(["courtesy-flush", "metrics-setup", "flush-gateway", "flush-s3"].allSatisfy { p.step(named: $0)!.onFailure == .continue })
        #expect(p.step(named: "source")!.tasks.allSatisfy { $0.engine == .hive })
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
        #expect(p.step(named: "model")!.waves.map(\.name) == ["site_dim", "1", "2", "3", "4", "sanction_fact", "5", "6", "7", "8", "9"])
    }

    @Test func sourceBindsItsHivevarsFromTheRunsPrefix() throws {
        let p = try plan("production")
        let task = try #require(p.step(named: "source")?.tasks.first)
        let vars = Dictionary(uniqueKeysWithValues: task.hivevars.map { ($0.key, $0.value) })
        #expect(vars["data_path"] == "s3://pdm-published/p")
        #expect(vars["serde"] == "org.openx.data.jsonserde.JsonSerDe")
        #expect(vars["dictionary_path"] == "s3://pdm-published/common-model-inputs")
        #expect(vars["source_database"] == "uc_pdm_source")
        #expect(p.step(named: "transform")!.tasks.first?.hiveconf == [KeyValue("hive.root.logger", "DEBUG,console")])
    }
}
