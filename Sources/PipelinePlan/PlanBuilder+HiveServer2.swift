import Basics
import PipelineDSL

extension PlanBuilder {
    /// The native engine's connection, checked at plan time when a task uses it, so `plan`, `check` and `run`
    /// refuse it before anything runs (`file:line:col`, exit 2): a URL the client cannot use, a password in the
    /// URL (plans and logs show the URL), and a password that would go out without TLS unless the pipeline says
    /// `allow_plaintext_password true` (then a warning).
    mutating func checkHiveServer2(_ settings: EffectiveSettings, engines: EngineSettings, steps: [PlanStep]) {
        guard steps.contains(where: \.usesNativeEngine) else { return }
        let connection = engines.hiveServer2
        // Where the URL came from: the command line (`--jdbc-url`), the hiveserver2 block, the beeline block.
        let urlRange = request.jdbcURL != nil ? fileStart : (settings.hiveServer2.url ?? settings.beeline.url)?.range ?? fileStart
        let url: HiveJDBCURL
        do throws(HiveJDBCURL.ParseError) {
            url = try HiveJDBCURL(parsing: connection.url)
        } catch {
            refuseURL(.invalidHiveServer2URL(error.description), at: urlRange)
            return
        }
        // A URL from the beeline block was already refused for a password there (`engineSettings`).
        let fromBeeline = request.jdbcURL == nil && settings.hiveServer2.url == nil
        if let key = url.passwordVariable, !fromBeeline {
            refuseURL(.passwordInJDBCURL(setting: "the hiveserver2 JDBC URL", key: key), at: urlRange)
        }
        guard let file = connection.passwordFile, !url.usesTLS else { return }
        let fileRange = (settings.hiveServer2.passwordFile ?? settings.beeline.passwordFile)?.range ?? fileStart
        if connection.allowPlaintextPassword {
            let at = settings.hiveServer2.allowPlaintextPassword?.range ?? fileRange
            diagnostics.append(Diagnostic(PlanMessage.plaintextPasswordAllowed(file), at: at))
        } else {
            self.error(.plaintextPassword(file), at: fileRange, notes: [
                "use ssl=true in the URL (and ca if the server's certificate needs it), or write allow_plaintext_password true in the hiveserver2 block to accept it"
            ])
        }
    }

    /// An error about the URL, without quoting its line: the line may hold the password being refused.
    private mutating func refuseURL(_ message: PlanMessage, at range: SourceRange) {
        var refusal = Diagnostic(message, at: range)
        refusal.quotesSource = false
        diagnostics.append(refusal)
    }
}
