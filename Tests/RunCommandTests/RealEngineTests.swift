import Foundation
import Testing
import TestSupport

/// The fixture pipeline `Tests/Fixtures/engine` (see its README for the expected rows) through real HiveQL
/// engines: beeline against the Spark Thrift server, and `scripts/hive-spark` (spark-sql) as `hive`.
@Suite struct RealEngineTests {
    static let pipeline = LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/engine/engine.pipe").path

    static func database() -> String { "fx_" + UUID().uuidString.prefix(8).lowercased() }

    /// Table contents as `table<TAB>tag<TAB>count` lines, sorted.
    static func contentsQuery(_ db: String, summary: Bool, extras: Bool) -> String {
        var parts = [
            "SELECT 'colours', run_tag, count(*) FROM \(db).colours GROUP BY run_tag",
            "SELECT 'numbers', run_tag, count(*) FROM \(db).numbers GROUP BY run_tag",
            "SELECT 'shapes', run_tag, count(*) FROM \(db).shapes GROUP BY run_tag",
            "SELECT 'copy_colours', copied_by, count(*) FROM \(db).copy_colours GROUP BY copied_by",
            "SELECT 'copy_numbers', copied_by, count(*) FROM \(db).copy_numbers GROUP BY copied_by",
            "SELECT 'copy_shapes', copied_by, count(*) FROM \(db).copy_shapes GROUP BY copied_by",
            "SELECT 'flaky_attempts', run_tag, count(*) FROM \(db).flaky_attempts GROUP BY run_tag",
            "SELECT concat('flaky_result ', status), run_tag, count(*) FROM \(db).flaky_result GROUP BY status, run_tag",
            "SELECT 'gate_passes', run_tag, count(*) FROM \(db).gate_passes GROUP BY run_tag",
            "SELECT 'always_runs', run_tag, count(*) FROM \(db).always_runs GROUP BY run_tag",
        ]
        if summary { parts.append("SELECT concat('summary ', item), '-', value FROM \(db).summary") }
        if extras { parts.append("SELECT concat('extras ', note), run_tag, count(*) FROM \(db).extras GROUP BY note, run_tag") }
        return parts.joined(separator: " UNION ALL ") + " ORDER BY 1, 2"
    }

    static let completedRows = [
        "always_runs\tr1\t1", "colours\tr1\t3", "copy_colours\tr1\t3", "copy_numbers\tr1\t5", "copy_shapes\tr1\t3",
        "flaky_attempts\tr1\t2", "flaky_result passed\tr1\t1", "numbers\tr1\t5", "shapes\tr1\t3",
    ]
    static let summaryRows = [
        "summary copy_colours\t-\t3", "summary copy_numbers\t-\t5", "summary copy_shapes\t-\t3", "summary sum_of_squares\t-\t55",
    ]

    /// The same fixture through beeline and through the native client: the same summaries, statuses and tables
    /// (issue 10's parity), with only `--engine` changed.
    @Test(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"),
          .timeLimit(.minutes(20)), arguments: ["beeline", "hiveserver2"])
    func failureThenResume(engineName: String) async throws {
        let url = try #require(LiveServer.value("PDM_TEST_THRIFT_JDBC_URL"))
        let beeline = try #require(LiveServer.value("PDM_TEST_BEELINE"))
        let cli = try CLI()
        let db = Self.database()
        let connection = engineName == "beeline" ? ["--beeline-command", beeline, "--jdbc-url", url] : ["--jdbc-url", url]
        let engine = ["--engine", engineName] + connection + ["--var", "db=\(db)"]
        func query(_ sql: String) async throws -> [String] {
            let result = try await cli.exec(beeline, ["-u", url, "-n", "pdm", "--silent=true", "--outputformat=tsv2", "--showHeader=false", "-e", sql])
            #expect(result.status == 0, "\(result.stderr)")
            // beeline prints its prompt before the first row with -e.
            return result.stdout.split(separator: "\n").map { line in
                line.range(of: "> ").map { String(line[$0.upperBound...]) } ?? String(line)
            }.filter { !$0.isEmpty }
        }

        // Run 1: gate closed. flaky fails once and is retried; broken fails and the pipeline goes on; gate fails
        // and stops it; summary is skipped; cleanup (always) still runs.
        let first = try await cli.run(cli.runArguments(engine + ["--var", "run_tag=r1", "--var", "gate_open=false"], pipeline: Self.pipeline, correlationID: "e1"))
        #expect(first.status == 1, "\(first.stderr)")
        #expect(first.stdout.contains("flaky    completed             1        1"))
        #expect(first.stdout.contains("broken   failed (ignored)      1        0"))
        #expect(first.stdout.contains("summary  skipped           after failure of step 'gate'\n"))
        #expect(first.stdout.contains("run e1/FIXTURE Run_Id 1: FAILED at step 'gate'"))
        let status = try await cli.run(["status", "--correlation-id", "e1", "--product", "FIXTURE"])
        #expect(status.stdout.contains("Run_Id                        1\nStatus                        FAILED\nCurrentStep                   gate\n"))
        #expect(try await query("SHOW TABLES IN \(db)").contains("summary") == false)
        #expect(try await query(Self.contentsQuery(db, summary: false, extras: false)) == Self.completedRows)

        // Run 2: resumes at gate (Run_Id 2); earlier steps do not run again (their tables keep only r1 rows).
        // A new run_tag changes every task's hivevars, so the steps before the resume point differ from what run 1
        // ran: the resume must be accepted explicitly (without it: exit 3, see DriftCommandTests).
        let second = try await cli.run(cli.runArguments(engine + ["--var", "run_tag=r2", "--accept-changes"], pipeline: Self.pipeline, correlationID: "e1"))
        #expect(second.status == 0, "\(second.stderr)")
        #expect(second.stderr.contains("resuming run 1 at step 'gate'\n"))
        #expect(second.stdout.contains("run e1/FIXTURE Run_Id 2: COMPLETED"))
        var expected = Self.completedRows + Self.summaryRows + ["always_runs\tr2\t1", "gate_passes\tr2\t1"]
        expected.sort()
        #expect(try await query(Self.contentsQuery(db, summary: true, extras: false)) == expected)
    }

    /// Each spark-sql start takes 15-60 s and Derby admits one JVM at a time, so this run is kept to the steps
    /// that exercise the hive engine's paths: a parallel wave (queued on the metastore lock), a retried task and
    /// an `always` step; the beeline test covers the whole pipeline.
    @Test(.enabled(if: LiveServer.available("PDM_TEST_HIVE_SPARK"), "hive-spark not configured: run scripts/test"),
          .timeLimit(.minutes(30)))
    func hiveSparkRun() async throws {
        let hive = try #require(LiveServer.value("PDM_TEST_HIVE_SPARK"))
        let cli = try CLI()
        let db = Self.database()
        // A metastore and warehouse of its own, so this test never waits for another hive-spark user.
        let environment = ["PDM_HIVE_SPARK_STATE": cli.folder.appendingPathComponent("spark").path]
        let steps = ["setup", "load", "flaky", "cleanup"].flatMap { ["--only", $0] }
        let arguments = ["--hive-command", hive, "--var", "db=\(db)", "--var", "run_tag=r1"] + steps
        let run = try await cli.run(cli.runArguments(arguments, pipeline: Self.pipeline, correlationID: "h1"), environment: environment)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("load     completed       3        0"))
        #expect(run.stdout.contains("flaky    completed       1        1"))
        #expect(run.stdout.contains("copies   skipped     not selected by --only\n"))
        #expect(run.stdout.contains("run h1/FIXTURE Run_Id 1: COMPLETED"))
        let sql = """
            SELECT 'colours', run_tag, count(*) FROM \(db).colours GROUP BY run_tag
            UNION ALL SELECT 'numbers', run_tag, sum(square) FROM \(db).numbers GROUP BY run_tag
            UNION ALL SELECT 'shapes', run_tag, count(*) FROM \(db).shapes GROUP BY run_tag
            UNION ALL SELECT 'flaky_attempts', run_tag, count(*) FROM \(db).flaky_attempts GROUP BY run_tag
            UNION ALL SELECT concat('flaky_result ', status), run_tag, count(*) FROM \(db).flaky_result GROUP BY status, run_tag
            UNION ALL SELECT 'always_runs', run_tag, count(*) FROM \(db).always_runs GROUP BY run_tag
            ORDER BY 1, 2
            """
        let query = try await cli.exec(hive, ["-S", "-e", sql], environment: environment)
        #expect(query.status == 0, "\(query.stderr)")
        #expect(query.stdout.split(separator: "\n").map(String.init) == [
            "always_runs\tr1\t1", "colours\tr1\t3", "flaky_attempts\tr1\t2", "flaky_result passed\tr1\t1",
            "numbers\tr1\t55", "shapes\tr1\t3",
        ])
    }
}
