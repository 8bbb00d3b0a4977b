import Diagnostics
import Testing

@testable import PipelinePlan

/// The native engine's password at plan time (issue 18, item 7): never sent without TLS unless the pipeline
/// opts in (`allow_plaintext_password true`, then a warning), never taken from the JDBC URL, and never printed
/// by the refusal. `plan`, `check` and `run` all plan first, so each refuses before anything runs.
@Suite struct HiveServer2PasswordTests {
    static func source(url: String, extra: String = "", engine: String = "hiveserver2") -> String {
        """
        pipeline "h"
        engine \(engine)
        hiveserver2 {
          url "\(url)"
          password_file "/etc/pdm/hs2-password"
        \(extra)
        }
        step a { statement "select 1" }
        """
    }

    static func plan(_ source: String, jdbcURL: String? = nil) -> Result<PlanResult, PlanFailure> {
        var request = PlanRequest(PlanArguments(file: "/p/h.pipe", correlationID: "c", s3Prefix: "p"), today: "2026-11-21")
        request.jdbcURL = jdbcURL
        do throws(PlanFailure) { return .success(try Planner.plan(request, source: source)) } catch { return .failure(error) }
    }

    static func diagnostics(_ result: Result<PlanResult, PlanFailure>) -> [Diagnostic] {
        switch result {
        case .success(let planned): return planned.warnings
        case .failure(.invalid(let diagnostics, _)): return diagnostics
        case .failure(let other): Issue.record("\(other)"); return []
        }
    }

    @Test func aPasswordWithoutTLSIsRefusedWhereThePasswordFileIsSet() throws {
        let result = Self.plan(Self.source(url: "jdbc:hive2://master:10000/default"))
        let refusal = try #require(Self.diagnostics(result).first { $0.id.description == "plan.plaintext-password" })
        #expect(refusal.severity == .error)
        #expect(refusal.range.start.line == 5)
        #expect(refusal.message.contains("would be sent in clear text"))
        guard case .failure(let failure) = result else { Issue.record("planned"); return }
        let text = failure.rendered()
        #expect(text.contains("/p/h.pipe:5:17: error: the hiveserver2 password (password_file /etc/pdm/hs2-password) would be sent in clear text"))
        #expect(text.contains("note: use ssl=true in the URL"))
    }

    @Test func tlsOrAnExplicitOptInIsAccepted() throws {
        let tls = try Self.plan(Self.source(url: "jdbc:hive2://master:10000/default;ssl=true")).get()
        #expect(tls.warnings.isEmpty)
        let optIn = try Self.plan(Self.source(url: "jdbc:hive2://master:10000/default", extra: "  allow_plaintext_password true")).get()
        #expect(optIn.plan.engines.hiveServer2.allowPlaintextPassword)
        let warning = try #require(optIn.warnings.first)
        #expect(warning.id.description == "plan.plaintext-password-allowed")
        #expect(warning.severity == .warning)
        #expect(warning.range.start.line == 6)
        // No password file: `anonymous` goes out, which is no secret.
        let anonymous = "pipeline \"h\"\nengine hiveserver2\nhiveserver2 { url \"jdbc:hive2://m:1/d\" }\nstep a { statement \"select 1\" }\n"
        #expect(try Self.plan(anonymous).get().warnings.isEmpty)
    }

    @Test func onlyAPlanThatUsesTheNativeEngineIsChecked() throws {
        #expect(try Self.plan(Self.source(url: "jdbc:hive2://master:10000/default", engine: "beeline")).get().warnings.isEmpty)
    }

    @Test func allowPlaintextPasswordIsABoolean() {
        let result = Self.plan(Self.source(url: "jdbc:hive2://m:1/d", extra: "  allow_plaintext_password \"maybe\""))
        #expect(Self.diagnostics(result).contains { $0.id.description == "plan.invalid-boolean" && $0.range.start.line == 6 })
    }

    /// The URL is shown by `plan` and in task logs: a password there is refused, and the refusal neither repeats
    /// it nor quotes the line that holds it.
    @Test(arguments: [
        "jdbc:hive2://master:10000/default;user=pdm;password=hunter2",
        "jdbc:hive2://master:10000/default;ssl=true;sslTrustStorePassword=hunter2",
        "jdbc:hive2://pdm:hunter2@master:10000/default",
    ])
    func aPasswordInTheURLIsRefusedWithoutPrintingIt(_ url: String) throws {
        let result = Self.plan(Self.source(url: url, extra: "  allow_plaintext_password true"))
        guard case .failure(let failure) = result else { Issue.record("planned"); return }
        let refusal = try #require(Self.diagnostics(result).first { $0.id.description.hasPrefix("plan.password-in-jdbc-url") || $0.id.description == "plan.invalid-hiveserver2-url" })
        #expect(refusal.range.start.line == 4)
        #expect(!failure.rendered().contains("hunter2"), "\(failure.rendered())")
    }

    @Test func aPasswordInTheCommandLineURLIsRefusedAtTheFileStart() throws {
        let source = "pipeline \"h\"\nengine hiveserver2\nstep a { statement \"select 1\" }\n"
        let result = Self.plan(source, jdbcURL: "jdbc:hive2://127.0.0.1:1/default;password=hunter2")
        guard case .failure(let failure) = result else { Issue.record("planned"); return }
        #expect(failure.rendered().hasPrefix("/p/h.pipe:1:1: error: the hiveserver2 JDBC URL holds a password (;password=...)"))
        #expect(!failure.rendered().contains("hunter2"))
    }

    @Test func aURLTheClientCannotUseIsAPlanError() throws {
        let result = Self.plan(Self.source(url: "jdbc:hive2://a:1,b:2/default;ssl=true"))
        let refusal = try #require(Self.diagnostics(result).first)
        #expect(refusal.id.description == "plan.invalid-hiveserver2-url")
        #expect(refusal.message.contains("ZooKeeper"))
    }
}
