import Foundation
import Logging
import PipelineLog
import PipelinePlan
import PipelineRun

/// Where a run's events go: a live display on a terminal, plain lines otherwise (EMR step logs, pipes), or log
/// records in JSON mode.
struct RunOutput {
    var reporter: any RunReporter
    /// The live display, ticked every second; nil without a terminal.
    var live: TerminalProgress?

    static func make(mask: SecretMask, format: LogSettings.Format, logger: Logger, console: Console) -> RunOutput {
        let plain = PlainReporter(
            mask: mask, log: { console.log($0 + "\n") }, output: { console.print($0 + "\n") })
        if format == .json { return RunOutput(reporter: LogReporter(logger: logger, plain: plain), live: nil) }
        guard console.stderrIsTTY else { return RunOutput(reporter: plain, live: nil) }
        let live = TerminalProgress(plain: plain, now: { Date() }, write: { console.log($0) })
        return RunOutput(reporter: live, live: live)
    }

    /// Where the preflight's report lines go: stderr as they are, or one log record per line in JSON mode (a log
    /// shipper would drop a bare text line between JSON records).
    static func lines(format: LogSettings.Format, logger: Logger, console: Console) -> @Sendable (String) -> Void {
        guard format == .json else { return { console.log($0) } }
        return { text in
            for line in text.split(separator: "\n", omittingEmptySubsequences: true) { logger.info("\(line)") }
        }
    }
}
