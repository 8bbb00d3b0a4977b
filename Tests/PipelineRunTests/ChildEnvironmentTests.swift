import PipelineDSL
import PipelinePlan
import Testing

@testable import PipelineRun

@Suite struct ChildEnvironmentTests {
    @Test func secretsAndCredentialsAreWithheldUnlessTheTaskAsks() {
        let runner = [
            "PATH": "/usr/bin", "HOME": "/home/pdm", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "aws-secret",
            "AWS_SESSION_TOKEN": "token", "PDM_METASTORE_PASSWORD": "metastore-pw", "DB_PW": "hunter2-secret",
            "COPY_OF_PW": "hunter2-secret", "DSN": "user:hunter2-secret@db", "MS_PW": "other", "FLAG_PW": "flag",
        ]
        let plan = Plan(
            pipeline: "t", product: "PDM", file: "t.pipe", profile: nil, sqlRoot: ".",
            run: RunParameters(correlationID: "c", s3Prefix: "", snapshotType: "", exportDate: "2026-01-01"),
            variables: [ResolvedVariable(name: "pw", value: "hunter2-secret", source: .environment("DB_PW"), isSecret: true)],
            engines: EngineSettings(), metastore: MetastoreSettings(passwordEnvironment: "MS_PW"), steps: [])
        let environment = ChildEnvironment(runner: runner, plan: plan, withholding: ["FLAG_PW"])
        #expect(environment.base == ["PATH": "/usr/bin", "HOME": "/home/pdm", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE"])
        #expect(environment.withheldValues == ["aws-secret", "flag", "hunter2-secret", "metastore-pw", "other", "token"])

        var task = PlanTask(key: "k", work: .command(["tool"]), engine: .hive, hivevars: [], hiveconf: [], location: SourceLocation(file: "t", line: 1, column: 1))
        task.environment = [KeyValue("PW", "hunter2-secret", isSecret: true)]
        task.passedEnvironment = ["AWS_SECRET_ACCESS_KEY"]
        #expect(environment.environment(for: task, adding: ["PDM_TASK": "k"]) == [
            "PATH": "/usr/bin", "HOME": "/home/pdm", "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "aws-secret",
            "PW": "hunter2-secret", "PDM_TASK": "k",
        ])
    }
}
