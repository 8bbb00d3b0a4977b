import Diagnostics
import Foundation
import PipelineCheck
import Testing

@Suite struct ReportFormatTests {
    static let b = SourceLocation(file: "sql/b.sql", line: 4, column: 5)
    static let report = CheckReport(
        diagnostics: [
            Diagnostic(
                CheckMessage.race(table: "t", place: "step 's'", at: b),
                at: SourceRange(start: SourceLocation(file: "sql/a.sql", line: 2, column: 3), length: 1), related: b),
            Diagnostic(
                CheckMessage.environmentReference(reference: "${env:USER}", name: "USER", inComment: false),
                at: SourceRange(start: SourceLocation(file: "p.pipe", line: 1, column: 1), length: 11)),
        ],
        tasksChecked: 2, filesChecked: 2,
        sources: ["sql/a.sql": "SELECT 1;\nFROM t\n"])

    @Test func text() {
        #expect(Self.report.text() == """
            sql/a.sql:2:3: warning: race: reads table 't', which another task of the same parallel wave (step 's') writes at sql/b.sql:4:5 [check.race]
            FROM t
              ^
            p.pipe:1:1: info: ${env:USER} reads environment variable 'USER' on the cluster at run time [check.env-reference]
            0 errors, 1 warning, 1 info (2 HQL tasks, 2 files)

            """)
        #expect(Self.report.exitCode == 0)
        #expect(Self.report.strict().exitCode == 1)
    }

    @Test func json() throws {
        #expect(try Self.report.json() == """
            {
              "findings" : [
                {
                  "id" : "check.race",
                  "length" : 1,
                  "location" : {
                    "column" : 3,
                    "file" : "sql/a.sql",
                    "line" : 2
                  },
                  "message" : "race: reads table 't', which another task of the same parallel wave (step 's') writes at sql/b.sql:4:5",
                  "related" : {
                    "column" : 5,
                    "file" : "sql/b.sql",
                    "line" : 4
                  },
                  "severity" : "warning"
                },
                {
                  "id" : "check.env-reference",
                  "length" : 11,
                  "location" : {
                    "column" : 1,
                    "file" : "p.pipe",
                    "line" : 1
                  },
                  "message" : "${env:USER} reads environment variable 'USER' on the cluster at run time",
                  "severity" : "info"
                }
              ],
              "summary" : {
                "errors" : 0,
                "files" : 2,
                "info" : 1,
                "tasks" : 2,
                "warnings" : 1
              }
            }

            """)
    }

    @Test func jsonIsValidAndCarriesStrictSeverities() throws {
        let data = Data(try Self.report.strict().json().utf8)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let findings = try #require(object["findings"] as? [[String: Any]])
        #expect(findings.map { $0["severity"] as? String } == ["error", "info"])
    }
}
