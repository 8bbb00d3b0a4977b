import Diagnostics
import Metastore
import Testing

/// Each preflight check result carries a stable `preflight.<check>` id and a severity from its status.
@Suite struct CheckResultDiagnosticTests {
    @Test func idAndSeverityFollowTheCheckAndItsStatus() {
        let failed = CheckResult(.version, .fail, "schema version 2.3.0, expected 3.1.0", remedy: "upgrade")
        #expect(failed.diagnosticID.description == "preflight.version")
        #expect(failed.severity == .error)
        #expect(failed.message == "schema version 2.3.0, expected 3.1.0")
        #expect(CheckResult(.privileges, .warn, "w").severity == .warning)
        #expect(CheckResult(.connection, .pass, "ok").severity == .info)
        #expect(CheckResult(.catalog, .skipped, "s").severity == .info)
    }

    @Test func everyCheckHasItsOwnId() {
        let ids = CheckID.allCases.map(\.diagnosticID.description)
        #expect(ids == ["preflight.settings", "preflight.connection", "preflight.initialised", "preflight.version",
                        "preflight.structure", "preflight.privileges", "preflight.catalog", "preflight.databases"])
    }
}
