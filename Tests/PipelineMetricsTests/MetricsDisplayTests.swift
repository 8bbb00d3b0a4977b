import Foundation
import Testing
@testable import PipelineMetrics

/// `metrics show`: gauges and counters as tables with the state codes named; JSON is the whole document.
struct MetricsDisplayTests {
    static let document = """
        {"version":"3.0.0","gauges":{"state_step_model":{"value":1},"runtime_step_model":{"value":2.5},
        "pdm_run_status":{"value":2},"hive_open_connections":{"value":7}},"counters":{"pdm_tasks_run":{"count":12}},
        "timers":{"api_hive":{"count":3}},"histograms":{},"meters":{}}
        """

    @Test func tablesNameTheStateCodes() throws {
        let text = MetricsDisplay.text(try CodahaleDocument(parsing: Data(Self.document.utf8)))
        #expect(text == """
            gauges (4):
              hive_open_connections  7
              pdm_run_status         2 (RUNNING)
              runtime_step_model     2.5
              state_step_model       1 (FAILED)

            counters (1):
              pdm_tasks_run  12

            0 histograms, 0 meters, 1 timers (--format json shows them)
            """)
    }

    @Test func jsonKeepsEverySection() throws {
        let json = try MetricsDisplay.json(try CodahaleDocument(parsing: Data(Self.document.utf8)))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect((object["timers"] as? [String: Any])?["api_hive"] != nil)
        #expect(object["version"] as? String == "3.0.0")
    }

    @Test func anEmptyDocumentSaysNone() {
        #expect(MetricsDisplay.text(CodahaleDocument()).hasPrefix("gauges: none\n\ncounters: none\n\n"))
    }
}
