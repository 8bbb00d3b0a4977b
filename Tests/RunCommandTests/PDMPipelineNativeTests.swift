import Foundation
import Testing
import TestSupport

/// Issue 10's parity on the real pipeline: `pipelines/pdm.pipe --profile local` through the native engine ends
/// COMPLETED, and the published `uc` tables equal `data/pdm-sample-expected/*.tsv` row by row (the beeline run's
/// result, checked against the same files by the demo and the proof in docs/benchmarks.md).
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"))
struct PDMPipelineNativeTests {
    static let root = LiveServer.repositoryRoot
    static let published = ["site_dim_v", "sanction_fact_v", "youth_obligation_details_fact_v"]

    @Test(.timeLimit(.minutes(30))) func theWholePipelineThroughHiveServer2() async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let beeline = try #require(LiveServer.value("PDM_TEST_BEELINE"))
        let cli = try CLI()
        let run = try await cli.run([
            "run", Self.root.appendingPathComponent("pipelines/pdm.pipe").path, "--profile", "local",
            "--correlation-id", "native-pdm", "--jdbc-url", url,  // the local profile's engine is hiveserver2
            "--log-dir", cli.folder.appendingPathComponent("logs").path,
        ], environment: ["PDM_LOCAL_SERDE": "pdmpipeline.serde.JsonSerDe"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("run native-pdm/PDM Run_Id 1: COMPLETED"))
        for table in Self.published {
            let query = try await cli.exec(beeline, ["-u", url, "-n", "pdm", "--silent=true", "--outputformat=tsv2", "-e", "SELECT * FROM uc.\(table)"])
            #expect(query.status == 0, "\(query.stderr)")
            // beeline prints its prompt before the header with -e.
            let lines = query.stdout.split(separator: "\n").map { line in
                line.range(of: "> ").map { String(line[$0.upperBound...]) } ?? String(line)
            }
            let got = ([lines.first ?? ""] + lines.dropFirst().sorted()).joined(separator: "\n") + "\n"
            let expected = try String(contentsOf: Self.root.appendingPathComponent("data/pdm-sample-expected/\(table).tsv"), encoding: .utf8)
            #expect(got == expected, "uc.\(table)")
        }
    }
}
