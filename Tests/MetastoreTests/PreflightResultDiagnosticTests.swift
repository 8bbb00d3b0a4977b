import Diagnostics
import Metastore
import Testing

/// Each preflight check result carries a stable `preflight.<check>` id and a severity from its status.
@Suite struct PreflightResultDiagnosticTests {
    @Test func idAndSeverityFollowTheCheckAndItsStatus() {
        let failed = PreflightResult(.version, .fail, "schema version 2.3.0, expected 3.1.0", remedy: "upgrade")
        #expect(failed.diagnosticID.description == "preflight.version")
        #expect(failed.severity == .error)
        #expect(failed.message == "schema version 2.3.0, expected 3.1.0")
        #expect(PreflightResult(.privileges, .warn, "w").severity == .warning)
        #expect(PreflightResult(.connection, .pass, "ok").severity == .info)
        #expect(PreflightResult(.catalog, .skipped, "s").severity == .info)
    }

    @Test func everyCheckHasItsOwnId() {
        let ids = PreflightCheckID.allCases.map(\.diagnosticID.description)
        #expect(ids == ["preflight.settings", "preflight.connection", "preflight.initialised", "preflight.version",
                        "preflight.structure", "preflight.privileges", "preflight.catalog", "preflight.databases"])
    }
}
