import Foundation
import PipelineReport
import PipelineRun

/// `report`: the HTML timeline of a correlation id's runs. 0 written (its path printed), 2 no timeline for the
/// correlation id or the page could not be written.
public struct ReportUseCase: Sendable {
    public var correlationID: String
    /// The runs' log base as given to `run`; nil: /var/log/pdm, then ./logs.
    public var logDir: String?
    /// Default: report.html in the newest run's log folder.
    public var output: String?

    public init(correlationID: String, logDir: String? = nil, output: String? = nil) {
        self.correlationID = correlationID
        self.logDir = logDir
        self.output = output
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () throws(CommandFailure) -> ExitStatus in
            let bases = logDir.map { [URL(fileURLWithPath: $0)] }
                ?? [URL(fileURLWithPath: "/var/log/pdm"), URL(fileURLWithPath: context.workingDirectory).appendingPathComponent("logs")]
            do {
                let page = try RunReport.write(correlationID: correlationID, bases: bases, output: output.map { URL(fileURLWithPath: $0) })
                context.console.print(page.path + "\n")
                return .success
            } catch {
                throw CommandFailure(.unusableInput, "\(error)")
            }
        }
    }
}
