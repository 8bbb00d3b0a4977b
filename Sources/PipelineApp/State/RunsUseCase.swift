import PipelineRun
import PipelineState

/// `runs`: the recorded runs of a product, newest first. 0 listed (also none), 5 store unavailable or a record
/// unreadable (the others still listed, one error line per unreadable record).
public struct RunsUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    public var product: String
    /// At most this many, newest first (0: all).
    public var limit: Int
    public var format: Format
    public var state: StateSettings

    public init(product: String = "PDM", limit: Int = 20, format: Format = .text, state: StateSettings = StateSettings()) {
        self.product = product
        self.limit = limit
        self.format = format
        self.state = state
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            let store = try state.makeStore(environment: context.environment)
            var listing: RunListing
            do {
                listing = try await store.list(product: product)
            } catch {
                throw CommandFailure(.stateUnavailable, "\(error)")
            }
            if limit > 0 { listing.records = Array(listing.records.prefix(limit)) }
            let console = context.console
            if listing.records.isEmpty && format == .text {
                console.log("no runs of \(product) recorded in the \(state.location)\n")
            } else {
                console.print((format == .json ? try JSONDocument.encode { try listing.json() } : listing.text(now: context.now())) + "\n")
            }
            for error in listing.unreadable { console.error("\(error)") }
            return listing.unreadable.isEmpty ? .success : .stateUnavailable
        }
    }
}
