import AWS
import Foundation
import TestSupport
import Testing

/// Suite 3 of issue 8, reduced: real `pdm-pipeline run`s with the stub engine against moto through the
/// fault-injecting proxy (`scripts/lib/dynamodb_fault_proxy.py`), driven by `scripts/lib/dynamodb_faults.py`
/// (the full matrix is `scripts/fault-dynamodb`). Windows of 0.5 and 2 s on every kind of write and every
/// fault must end COMPLETED with Run_Id + 1; windows longer than the budget (5 s here) must exit 5 with the
/// record at the step where the work stopped, and a rerun must finish what was left.
@Suite(.enabled(if: LiveServer.available("PDM_TEST_MOTO_URL"), "moto_server not running: run scripts/test"))
struct DynamoDBFaultTests {
    static let budget = 5.0
    static let cells = [
        "begin:lost:2", "begin:throttle:0.5", "step-start:lost:2", "step-start:reset:0.5", "task:500:2", "task:lost:0.5",
        "step-failed:throttle:2", "step-failed:lost:0.5", "finish:reset:2", "finish:lost:2", "lease:500:2",
        "task:throttle:8", "step-start:lost:8",
    ]

    struct Report: Decodable {
        let table: String
        let cells: [Cell]
    }

    struct Cell: Decodable {
        let cell: String
        let kind: String
        let mode: String
        let window: Double
        let exit: Int
        let crashed: Bool
        let run_id_before: Int
        let run_id_after: Int
        let status_after: String
        let step_after: String?
        let right_steps: [String?]
        let rerun_exit: Int?
        let tasks_skipped: [String]
        let problems: [String]
    }

    @Test func shortOutagesAreRiddenOutAndLongOnesStopAtTheRightStep() async throws {
        let python = try #require(LiveServer.value("PDM_TEST_MOTO_PYTHON"))
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-faults-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: output) }
        let driver = LiveServer.repositoryRoot.appendingPathComponent("scripts/lib/dynamodb_faults.py").path
        let result = try await Command.run(
            python,
            [driver, "--binary", Command.product("pdm-pipeline"), "--budget", String(Self.budget), "--jobs", "4",
             "--cells", Self.cells.joined(separator: ","), "--json", output.path],
            environment: ProcessInfo.processInfo.environment)
        #expect(result.status == 0, "\(result.stdout)\n\(result.stderr)")
        let report = try JSONDecoder().decode(Report.self, from: Data(contentsOf: output))
        #expect(report.cells.count == Self.cells.count)

        let dynamo = try Self.client()
        for cell in report.cells {
            #expect(cell.problems.isEmpty, "\(cell.cell): \(cell.problems)")
            #expect(!cell.crashed, "\(cell.cell)")
            #expect(cell.tasks_skipped.isEmpty, "\(cell.cell)")
            // Read back independently of the driver: the record each cell left after its last run.
            let item = try #require(try await dynamo.getItem(
                table: report.table, key: ["Correlation_Id": .s(cell.cell), "DataProduct": .s("PDM")]))
            #expect(item["Status"] == .s("COMPLETED"), "\(cell.cell)")
            if cell.window < Self.budget {
                #expect(cell.exit == 0, "\(cell.cell)")
                #expect(cell.run_id_after == cell.run_id_before + 1, "\(cell.cell)")
                #expect(item["Run_Id"] == .n("2"), "\(cell.cell)")
            } else {
                #expect(cell.exit == 5, "\(cell.cell)")
                #expect(cell.right_steps.contains(cell.step_after), "\(cell.cell): \(String(describing: cell.step_after))")
                #expect(cell.rerun_exit == 0, "\(cell.cell)")
                #expect(item["Run_Id"] == .n("3"), "\(cell.cell): the rerun after the exit-5 run")
            }
        }
        let lostStepStart = try #require(report.cells.first { $0.kind == "step-start" && $0.window > Self.budget })
        #expect(lostStepStart.step_after == "load")  // the lost write had landed: the record says so
        let throttledTask = try #require(report.cells.first { $0.kind == "task" && $0.window > Self.budget })
        #expect(throttledTask.step_after == "load")
    }

    static func client() throws -> DynamoDBClient {
        DynamoDBClient(configuration: AWSConfiguration(
            region: LiveServer.value("PDM_TEST_MOTO_REGION") ?? "us-east-1",
            endpoint: try AWSEndpoint(url: try #require(LiveServer.value("PDM_TEST_MOTO_URL"))),
            credentials: StaticCredentialProvider(AWSCredentials(
                accessKeyId: try #require(LiveServer.value("PDM_TEST_MOTO_ACCESS_KEY_ID")),
                secretAccessKey: try #require(LiveServer.value("PDM_TEST_MOTO_SECRET_ACCESS_KEY"))))))
    }
}
