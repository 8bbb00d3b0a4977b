import Foundation
import PipelineState
import Testing
@testable import PipelineRun

@Suite struct RunSummaryTextTests {
    @Test func tableAndRunLine() {
        let summary = RunSummary(
            key: RunKey(correlationID: "c9", product: "PDM"), runID: 2, status: .failed,
            steps: [
                StepSummary(index: 1, name: "create_databases", status: .skipped("completed in run 1"), tasks: 1, tasksRun: 0, tasksSkipped: 0, retries: 0, seconds: 0),
                StepSummary(index: 2, name: "model", status: .failed("task model/x.sql failed: exit code 2", ignored: false), tasks: 9, tasksRun: 7, tasksSkipped: 2, retries: 3, seconds: 252),
                StepSummary(index: 3, name: "initial", status: .failed("task i failed: exit code 1", ignored: true), tasks: 1, tasksRun: 1, tasksSkipped: 0, retries: 0, seconds: 1.25),
                StepSummary(index: 4, name: "flush", status: .completed, tasks: 1, tasksRun: 1, tasksSkipped: 0, retries: 0, seconds: 0.25),
            ],
            failedStep: "model", failure: "task model/x.sql failed: exit code 2", exitCode: .stepFailed, seconds: 300,
            logFolder: URL(fileURLWithPath: "/var/log/pdm/c9-run2"))
        #expect(summary.text == """
            step              status            tasks  retries  duration
            create_databases  skipped           completed in run 1
            model             FAILED              7+2        3     4m12s  task model/x.sql failed: exit code 2  (2 done before)
            initial           failed (ignored)      1        0      1.2s  task i failed: exit code 1
            flush             completed             1        0     250ms
            run c9/PDM Run_Id 2: FAILED at step 'model' in 5m0s, exit 1; logs in /var/log/pdm/c9-run2
            """)
    }
}
