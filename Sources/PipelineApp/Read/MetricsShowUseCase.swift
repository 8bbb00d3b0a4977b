import Foundation
import PipelineMetrics
import PipelineRun

/// `metrics show [FILE]`: a metrics file's gauges and counters as tables, or the document as JSON. 0 printed;
/// 2 the file is missing, unreadable or not a codahale metrics document.
public struct MetricsShowUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    /// The merged file `run` writes beside Hive's.
    public static let defaultFile = MetricsFile.output(besides: URL(fileURLWithPath: "/var/log/hive/metrics.json")).path

    public var file: String
    public var format: Format

    public init(file: String = MetricsShowUseCase.defaultFile, format: Format = .text) {
        self.file = file
        self.format = format
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () throws(CommandFailure) -> ExitStatus in
            let document: CodahaleDocument
            do {
                document = try CodahaleDocument(parsing: try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch let error as MetricsFileError {
                throw CommandFailure(.unusableInput, "\(file): \(error)")
            } catch {
                let why = FileManager.default.fileExists(atPath: file) ? error.localizedDescription : "no such file"
                throw CommandFailure(.unusableInput, "\(file): cannot read: \(why)")
            }
            context.console.print((format == .json ? try JSONDocument.encode { try MetricsDisplay.json(document) } : MetricsDisplay.text(document)) + "\n")
            return .success
        }
    }
}
