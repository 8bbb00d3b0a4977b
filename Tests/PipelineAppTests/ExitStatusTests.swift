import Foundation
import Metastore
import PipelineApp
import PipelineRun
import Testing

@Suite struct ExitStatusTests {
    /// The table the README documents: a code changes only with the README.
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
}
