import Foundation
import PipelineCheck
import PipelineDSL
import Testing

@Suite struct ReportFormatTests {
    static let report = CheckReport(
        findings: [
            Finding(severity: .warning, code: .race, message: "race: x", location: SourceLocation(file: "sql/a.sql", line: 2, column: 3),
                    related: SourceLocation(file: "sql/b.sql", line: 4, column: 5)),
            Finding(severity: .info, code: .environmentReference, message: "env", location: SourceLocation(file: "p.pipe", line: 1, column: 1)),
        ],
        tasksChecked: 2, filesChecked: 2)

    @Test func text() {
        #expect(Self.report.text == """
            sql/a.sql:2:3: warning: race: x
            p.pipe:1:1: info: env
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
                  "code" : "race",
                  "location" : {
                    "column" : 3,
                    "file" : "sql/a.sql",
                    "line" : 2
                  },
                  "message" : "race: x",
                  "related" : {
                    "column" : 5,
                    "file" : "sql/b.sql",
                    "line" : 4
                  },
                  "severity" : "warning"
                },
                {
                  "code" : "env-reference",
                  "location" : {
                    "column" : 1,
                    "file" : "p.pipe",
                    "line" : 1
                  },
                  "message" : "env",
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
