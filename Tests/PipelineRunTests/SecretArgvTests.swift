import Foundation
import PipelinePlan
import Testing

@testable import PipelineRun

/// Secrets never reach a process's arguments: secret-bearing hivevars go to a private `-i` file and a secret
/// statement runs from a private `-f` file, removed when the attempt ends.
@Suite struct SecretArgvTests {
    @Test func secretsTravelInAPrivateFileNeverInArgv() async throws {
        let sandbox = try Sandbox()
        let marker = sandbox.root.appendingPathComponent("read-from-private-file").path
        var secretStatement = PlanTask(
            key: "s1", work: .hqlStatement("-- stub: touch \(marker)\nSELECT 's3cr3t-value'"), engine: .hive,
            hivevars: [KeyValue("pw", "s3cr3t-value", isSecret: true)], hiveconf: [], location: here)
        secretStatement.statementIsSecret = true
        let secretVariable = PlanTask(
            key: "s2", work: .hqlStatement("select 1"), engine: .hive,
            hivevars: [KeyValue("pw", "s3cr3t-value", isSecret: true), KeyValue("db", "uc")], hiveconf: [], location: here)

        let summary = await runner(sandbox, reporter: Recorder()).run(
            plan([step(0, "s", waves: [[secretStatement, secretVariable]])], secrets: ["s3cr3t-value"]), options: sandbox.options())

        #expect(summary.exitCode == .success)
        let record = try String(contentsOf: sandbox.record, encoding: .utf8)
        let argv = record.split(separator: "\n").filter { $0.hasPrefix("argv ") }
        #expect(argv.count == 2)
        #expect(!record.contains("s3cr3t-value"))
        #expect(argv.contains { $0.hasPrefix("argv -f /") && $0.hasSuffix(".init.hql") })
        #expect(argv.contains { $0.contains("--hivevar db=uc -i /") && $0.hasSuffix(" -e select 1") })
        // The stub ran the secret statement, so it read it from the private file.
        #expect(FileManager.default.fileExists(atPath: marker))
        let files = FileManager.default.enumerator(atPath: sandbox.logs.path)?.compactMap { $0 as? String } ?? []
        #expect(!files.isEmpty)
        #expect(files.filter { $0.hasSuffix(".init.hql") }.isEmpty)
    }
}
