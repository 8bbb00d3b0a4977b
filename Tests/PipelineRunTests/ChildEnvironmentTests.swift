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

    /// A copy of a value withheld by name (the metastore password, an AWS key) under another name is withheld too:
    /// the environment is filtered by value, not only by name.
    @Test func aCopyOfAWithheldValueUnderAnotherNameIsWithheld() {
        let runner = [
            "PATH": "/usr/bin", "PDM_METASTORE_PASSWORD": "metastore-pw-1", "MYSQL_PWD": "metastore-pw-1",
            "JDBC": "jdbc:mysql://h/db?password=metastore-pw-1", "MS_PW": "ms-secret-2", "OLD_MS_PW": "ms-secret-2",
            "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI", "BACKUP_KEY": "wJalrXUtnFEMI", "SHORT": "pw", "OTHER": "pw",
        ]
        let plan = Plan(
            pipeline: "t", product: "PDM", file: "t.pipe", profile: nil, sqlRoot: ".",
            run: RunParameters(correlationID: "c", s3Prefix: "", snapshotType: "", exportDate: "2026-01-01"),
            variables: [], engines: EngineSettings(), metastore: MetastoreSettings(passwordEnvironment: "MS_PW"), steps: [])
        let environment = ChildEnvironment(runner: runner, plan: plan, withholding: ["SHORT"])
        // Values under 4 characters are too common to compare ("pw" in OTHER stays).
        #expect(environment.base == ["PATH": "/usr/bin", "OTHER": "pw"])
        // Asked for by name, a copy still passes: the pipeline author chose to.
        var task = PlanTask(key: "k", work: .command(["tool"]), engine: .hive, hivevars: [], hiveconf: [], location: SourceLocation(file: "t", line: 1, column: 1))
        task.passedEnvironment = ["MYSQL_PWD"]
        #expect(environment.environment(for: task, adding: [:])["MYSQL_PWD"] == "metastore-pw-1")
    }
}
