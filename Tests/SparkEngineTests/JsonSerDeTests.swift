import Foundation
import Testing
import TestSupport

/// pdmpipeline.serde.JsonSerDe (java/json-serde) reading the sample input, through the Thrift server.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_THRIFT_JDBC_URL"), "Spark Thrift server not running: run scripts/test"))
struct JsonSerDeTests {
    @Test func readsJsonLinesWithNestedArraysAndNullsValuesThatDoNotFit() async throws {
        let engines = try Engines.live()
        let database = Fixture.databaseName("serde")
        let input = LiveServer.repositoryRoot.appendingPathComponent("data/pdm-sample/youth_obligation_details").path
        let sql = """
            CREATE DATABASE \(database);
            CREATE EXTERNAL TABLE \(database).yod (
              youthObligationDetailsId STRING, claimantId STRING, startDate DATE, status STRING,
              obligations ARRAY<STRUCT<obligationType:STRING, hoursPerWeek:INT>>)
            ROW FORMAT SERDE 'pdmpipeline.serde.JsonSerDe' STORED AS TEXTFILE LOCATION '\(input)';
            SELECT y.youthObligationDetailsId, y.claimantId, y.startDate, o.pos, o.ob.obligationType, o.ob.hoursPerWeek
            FROM \(database).yod y LATERAL VIEW OUTER posexplode(y.obligations) o AS pos, ob
            ORDER BY y.youthObligationDetailsId, o.pos;
            DROP DATABASE \(database) CASCADE;
            """
        let folder = try Fixture.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try await engines.beeline(["-f", try Fixture.write(sql, to: "serde.sql", in: folder)])
        #expect(result.status == 0, "\(result.stderr)")
        // Keys match camelCase columns case-insensitively; "sixteen" in an INT field is NULL; an empty array
        // keeps its row under LATERAL VIEW OUTER.
        #expect(Engines.rows(result.stdout) == [
            "Y1\tC1\t2024-01-08\t0\tWORK_SEARCH\t16",
            "Y1\tC1\t2024-01-08\t1\tTRAINING\t8",
            "Y2\tC2\t2024-01-12\t0\tWORK_SEARCH\t20",
            "Y2\tC2\t2024-01-12\t1\tWORK_EXPERIENCE\t10",
            "Y3\tC4\t2024-02-05\t0\tTRAINING\t12",
            "Y4\tC6\t2024-03-18\t0\tWORK_SEARCH\tNULL",
            "Y5\tC6\t2023-09-01\tNULL\tNULL\tNULL",
        ])
    }
}
