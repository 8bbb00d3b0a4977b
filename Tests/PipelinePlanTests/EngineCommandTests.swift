import PipelineDSL
import Testing

@testable import PipelinePlan

@Suite struct EngineCommandTests {
    let here = SourceLocation(file: "p.pipe", line: 1, column: 1)

    @Test func hiveFileArgv() {
        let task = PlanTask(
            key: "k", work: .hqlFile(path: "/sql/a.sql", relative: "a.sql"), engine: .hive,
            hivevars: [KeyValue("db", "uc")], hiveconf: [KeyValue("hive.root.logger", "DEBUG,console")], location: here)
        #expect(EngineCommand.argv(for: task, engines: EngineSettings()) == [
            "hive", "--hiveconf", "hive.root.logger=DEBUG,console", "--hivevar", "db=uc", "-f", "/sql/a.sql",
        ])
    }

    @Test func beelineStatementArgvReadsPasswordFromFile() {
        let task = PlanTask(key: "k", work: .hqlStatement("SELECT 1"), engine: .beeline, hivevars: [], hiveconf: [], location: here)
        let engines = EngineSettings(jdbcURL: "jdbc:hive2://127.0.0.1:10000/default", beelineUser: "pdm", beelinePasswordFile: "/etc/pdm/pw")
        #expect(EngineCommand.argv(for: task, engines: engines) == [
            "beeline", "-u", "jdbc:hive2://127.0.0.1:10000/default", "-n", "pdm", "-w", "/etc/pdm/pw", "-e", "SELECT 1",
        ])
    }
}

@Suite struct SecretEngineCommandTests {
    let here = SourceLocation(file: "p.pipe", line: 1, column: 1)

    @Test func secretVariablesMoveToAnInitScript() {
        let task = PlanTask(
            key: "k", work: .hqlFile(path: "a.sql", relative: "a.sql"), engine: .hive,
            hivevars: [KeyValue("db", "uc"), KeyValue("pw", "hunter2", isSecret: true)],
            hiveconf: [KeyValue("x.key", "hunter2", isSecret: true)], location: here)
        #expect(EngineCommand.argv(for: task, engines: EngineSettings(), initFile: "/tmp/i.hql") == [
            "hive", "--hivevar", "db=uc", "-i", "/tmp/i.hql", "-f", "a.sql",
        ])
        #expect(EngineCommand.initScript(for: task) == "SET x.key=hunter2;\nSET hivevar:pw=hunter2;\n")
    }

    @Test func aSecretStatementRunsFromTheFile() {
        var task = PlanTask(key: "k", work: .hqlStatement("SELECT 'hunter2';"), engine: .hive, hivevars: [KeyValue("db", "uc")], hiveconf: [], location: here)
        #expect(EngineCommand.initScript(for: task) == nil)
        task.statementIsSecret = true
        #expect(EngineCommand.argv(for: task, engines: EngineSettings()) == ["hive", "--hivevar", "db=uc", "-f", "<private-script-file>"])
        #expect(EngineCommand.initScript(for: task) == "SELECT 'hunter2';\n")
    }
}
