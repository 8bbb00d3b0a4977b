import ArgumentParser
import Foundation
import PipelineState

extension PDMPipeline {
    /// `pdm-pipeline runs`: the recorded runs of a product, newest first.
    struct RunsCommand: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "runs",
            abstract: "List the recorded runs of a product, newest first (status, current step, Run_Id, duration).",
            discussion: """
                The local store lists its folder; DynamoDB is scanned (paginated, strongly consistent) for the \
                product. Exit codes: 0 listed (also when there is none), 5 state store unavailable, or a record \
                could not be read (the others are still listed; one error line per unreadable record).
                """)

        enum Format: String, ExpressibleByArgument, CaseIterable { case text, json }

        @Option(help: "The data product (the pipeline file's `product`).")
        var product: String = "PDM"

        @Option(help: "At most this many runs, newest first (0: all).")
        var limit: Int = 20

        @Option(help: "Output format: text or json.")
        var format: Format = .text

        @OptionGroup var stateOptions: StateOptions

        func validate() throws {
            guard limit >= 0 else { throw ValidationError("--limit must not be negative") }
        }

        func run() async throws {
            let store = try stateOptions.makeStore(environment: ProcessInfo.processInfo.environment)
            var listing: RunListing
            do {
                listing = try await store.list(product: product)
            } catch {
                Terminal.error("error: \(error)\n")
                throw ExitCode(5)
            }
            if limit > 0 { listing.records = Array(listing.records.prefix(limit)) }
            if listing.records.isEmpty && format == .text {
                Terminal.error("no runs of \(product) recorded in the \(stateOptions.location)\n")
            } else {
                Terminal.print((format == .json ? listing.json : listing.text(now: Date())) + "\n")
            }
            for error in listing.unreadable { Terminal.error("error: \(error)\n") }
            if !listing.unreadable.isEmpty { throw ExitCode(5) }
        }
    }
}
