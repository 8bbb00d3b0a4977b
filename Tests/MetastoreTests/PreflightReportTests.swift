import Metastore
import Testing

struct PreflightReportTests {
    static let report = PreflightReport(
        target: "db.example:3306/hive_metastore_v2 as pdm-writer", passwordSource: "password file /run/pw",
        serverVersion: "8.0.32", tlsCipher: "TLS_AES_256_GCM_SHA384",
        checks: [
            PreflightResult(.connection, .pass, "connected"),
            PreflightResult(.version, .fail, "schema version 3.0.0: halfway", remedy: "finish it"),
            PreflightResult(.privileges, .warn, "lacks INSERT", remedy: "grant it"),
            PreflightResult(.catalog, .skipped, "no CTLGS table"),
        ],
        existingDatabases: [ExistingDatabase(name: "pdm_raw", location: "s3://w/pdm_raw.db")], outcome: .failed)

    @Test func text() {
        #expect(Self.report.renderText() == """
            Metastore preflight: db.example:3306/hive_metastore_v2 as pdm-writer, server 8.0.32, TLS TLS_AES_256_GCM_SHA384
            Password from password file /run/pw

            #   CHECK       RESULT  REASON
            1   connection  pass    connected
            3   version     fail    schema version 3.0.0: halfway
                                    → finish it
            5   privileges  warn    lacks INSERT
                                    → grant it
            6a  catalog     skip    no CTLGS table

            Result: FAILED (1 check failed, 1 warning)

            """)
    }

    @Test func json() throws {
        #expect(try Self.report.renderJSON() == """
            {
              "checks" : [
                {
                  "id" : "connection",
                  "reason" : "connected",
                  "status" : "pass"
                },
                {
                  "id" : "version",
                  "reason" : "schema version 3.0.0: halfway",
                  "remedy" : "finish it",
                  "status" : "fail"
                },
                {
                  "id" : "privileges",
                  "reason" : "lacks INSERT",
                  "remedy" : "grant it",
                  "status" : "warn"
                },
                {
                  "id" : "catalog",
                  "reason" : "no CTLGS table",
                  "status" : "skip"
                }
              ],
              "existingDatabases" : [
                {
                  "location" : "s3://w/pdm_raw.db",
                  "name" : "pdm_raw"
                }
              ],
              "outcome" : "failed",
              "passwordSource" : "password file /run/pw",
              "serverVersion" : "8.0.32",
              "target" : "db.example:3306/hive_metastore_v2 as pdm-writer",
              "tlsCipher" : "TLS_AES_256_GCM_SHA384"
            }

            """)
    }

    @Test func exitCodes() {
        #expect([PreflightReport.Outcome.passed, .failed, .unusableInput, .cannotConnect].map(\.exitCode) == [0, 1, 2, 4])
        #expect(Self.report.failureSummary == "metastore preflight: version: schema version 3.0.0: halfway")
    }
}
