import PipelineRun
import PipelineState

/// `status`: the run record of a correlation id. 0 printed, 1 no record, 5 store unavailable or record corrupt.
public struct StatusUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var key: RunKey
    public var format: Format
    public var state: StateSettings

    public init(key: RunKey, format: Format = .text, state: StateSettings = StateSettings()) {
        self.key = key
        self.format = format
        self.state = state
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            guard let record = try await state.readRecord(key, environment: context.environment) else {
                throw CommandFailure(.failed, "no run recorded for \(key) in the \(state.location)")
            }
            context.console.print((format == .json ? try JSONDocument.encode { try record.json() } : record.text) + "\n")
            return .success
        }
    }
}
