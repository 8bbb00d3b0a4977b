import Foundation
import Metastore
import PipelineApp
import PipelineRun
import Testing
import TestSupport

@Suite struct ExitStatusTests {
    /// The codes themselves: a code changes only with this test (and the docs table, generated from the enum).
    @Test func theTable() {
        let table = Dictionary(uniqueKeysWithValues: PipelineRun.ExitStatus.allCases.map { ($0, $0.rawValue) })
        #expect(table == [
            .success: 0, .failed: 1, .unusableInput: 2, .stateConflict: 3, .metastoreUnreachable: 4,
            .stateUnavailable: 5, .engineNotFound: 6, .preflightFailed: 7, .interrupted: 130, .terminated: 143,
        ])
    }

    @Test func signals() {
        #expect(PipelineRun.ExitStatus(signal: SIGINT) == .interrupted)
        #expect(PipelineRun.ExitStatus(signal: SIGTERM) == .terminated)
    }

    /// `preflight` says 1 for a failed check; inside `run` 1 is a failed step, so the preflight's is 7.
    @Test func preflightOutcomes() {
        #expect(PipelineRun.ExitStatus(preflight: .failed, inRun: false) == .failed)
        #expect(PipelineRun.ExitStatus(preflight: .failed, inRun: true) == .preflightFailed)
        #expect(PipelineRun.ExitStatus(preflight: .cannotConnect, inRun: true) == .metastoreUnreachable)
        #expect(PipelineRun.ExitStatus(preflight: .unusableInput, inRun: false) == .unusableInput)
        #expect(PipelineRun.ExitStatus(preflight: .passed, inRun: true) == .success)
        #expect(PipelineRun.ExitStatus(preflight: .cancelled, inRun: false) == .terminated)
    }

    /// docs/run-and-state.md holds `ExitStatus.markdownTable` verbatim between its markers.
    /// `UPDATE_DOCS=1 swift test --filter ExitStatusTests` rewrites the block after a change to the enum's words.
    @Test func theDocsTableIsTheEnums() throws {
        let url = LiveServer.repositoryRoot.appendingPathComponent("docs/run-and-state.md")
        let page = try String(contentsOf: url, encoding: .utf8)
        let opening = "<!-- exit-codes: generated from ExitStatus.markdownTable -->\n", closing = "<!-- /exit-codes -->"
        let start = try #require(page.range(of: opening), "docs/run-and-state.md has no exit-codes block")
        let end = try #require(page.range(of: closing, range: start.upperBound..<page.endIndex))
        let block = String(page[start.upperBound..<end.lowerBound])
        if ProcessInfo.processInfo.environment["UPDATE_DOCS"] == "1", block != PipelineRun.ExitStatus.markdownTable {
            try page.replacingCharacters(in: start.upperBound..<end.lowerBound, with: PipelineRun.ExitStatus.markdownTable)
                .write(to: url, atomically: true, encoding: .utf8)
            return
        }
        #expect(block == PipelineRun.ExitStatus.markdownTable)
        #expect(page.components(separatedBy: "| code | name | meaning |").count == 2, "one exit-code table")
    }

    /// Every case has its row (code, name, meaning) and is returned by some command; the usage error closes it.
    @Test func everyCaseIsInTheTable() {
        let rows = PipelineRun.ExitStatus.markdownTable.split(separator: "\n").dropFirst(2)
        #expect(rows.count == PipelineRun.ExitStatus.allCases.count + 1)
        for (row, status) in zip(rows, PipelineRun.ExitStatus.allCases) {
            #expect(row.hasPrefix("| \(status.rawValue) | `\(status)` | \(status.meaning) | "))
            #expect(!status.meaning.isEmpty && !status.commands.isEmpty, "\(status)")
        }
        #expect(rows.last?.hasPrefix("| 64 |") == true)
    }

    /// `run` can end with every code (7 included); each command lists its codes once, in ascending order.
    @Test func whatEachCommandReturns() {
        #expect(PipelineRun.ExitStatus.codes(of: .run).map(\.status) == PipelineRun.ExitStatus.allCases)
        #expect(PipelineRun.ExitStatus.codes(of: .check).map(\.status) == [.success, .failed, .unusableInput])
        #expect(PipelineRun.ExitStatus.codes(of: .preflight).map(\.status) == [.success, .failed, .unusableInput, .metastoreUnreachable, .interrupted, .terminated])
        for command in PipelineRun.ExitStatus.Subcommand.allCases {
            let codes = PipelineRun.ExitStatus.codes(of: command).map(\.status.rawValue)
            #expect(codes == codes.sorted() && Set(codes).count == codes.count, "\(command)")
            #expect(codes.first == 0, "\(command)")
        }
        #expect(PipelineRun.ExitStatus.helpText(for: .status) == "Exit codes: 0 printed; 1 no record; 5 state store unavailable or record corrupt; 64 command-line usage error.")
    }
}
