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
