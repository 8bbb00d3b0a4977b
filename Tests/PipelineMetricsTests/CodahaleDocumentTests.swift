import Foundation
import Testing

@testable import PipelineMetrics

/// What Hive's JSON_FILE reporter writes (trimmed): every section, a histogram and a timer to pass through.
let hiveSample = """
    {"version":"3.0.0","gauges":{"memory.heap.used":{"value":123456789},"open_connections":{"value":3}},
    "counters":{"active_calls_api_runTasks":{"count":2},"big":{"count":9007199254740993}},
    "histograms":{"h":{"count":1,"max":5,"mean":5.0,"p99":5.0}},"meters":{},
    "timers":{"api_Driver.run":{"count":4,"max":2.5,"duration_units":"milliseconds"}}}
    """

@Suite struct CodahaleDocumentTests {
    @Test func mergeAddsOursAndKeepsEveryHiveValue() throws {
        var doc = try CodahaleDocument(parsing: Data(hiveSample.utf8))
        let collisions = doc.merge(
            gauges: ["state_step_model": 2, "runtime_step_model": 1.5, "open_connections": 99],
            counters: ["pdm_tasks_run": 7])
        #expect(collisions == ["open_connections"])
        let back = try CodahaleDocument(parsing: doc.encoded())
        #expect(back.gauge("open_connections") == 3)  // Hive's, not ours
        #expect(back.gauge("memory.heap.used") == 123456789)
        #expect(back.gauge("state_step_model") == 2)
        #expect(back.gauge("runtime_step_model") == 1.5)
        #expect(back.counter("pdm_tasks_run") == 7)
        #expect(back.section("counters")["big"] == .object(["count": .integer(9007199254740993)]))
        #expect(back.section("timers") == (try CodahaleDocument(parsing: Data(hiveSample.utf8))).section("timers"))
        #expect(back.fields["version"] == .string("3.0.0"))
    }

    @Test func wholeNumbersAreWrittenAsIntegers() throws {
        var doc = CodahaleDocument()
        doc.merge(gauges: ["state_step_x": 0, "runtime_step_x": 0.25], counters: [:])
        let text = String(decoding: doc.encoded(), as: UTF8.self)
        #expect(text.contains(#""state_step_x":{"value":0}"#))
        #expect(text.contains(#""runtime_step_x":{"value":0.25}"#))
    }

    /// The original's collect-metrics appended a second document to the file; such a file is refused.
    @Test func twoAppendedDocumentsAreNotADocument() {
        let doubled = Data((hiveSample + "\n" + #"{"gauges":{"state_step_x":{"value":0}}}"#).utf8)
        #expect(throws: MetricsFileError.self) { try CodahaleDocument(parsing: doubled) }
        let partial = Data(hiveSample.prefix(80).utf8)
        #expect(throws: MetricsFileError.self) { try CodahaleDocument(parsing: partial) }
        #expect(throws: MetricsFileError.notCodahale("'gauges' is not an object")) {
            try CodahaleDocument(parsing: Data(#"{"gauges":[1]}"#.utf8))
        }
    }

    @Test func emptyDocumentHasTheFiveSections() throws {
        let doc = try CodahaleDocument(parsing: CodahaleDocument().encoded())
        #expect(Set(doc.fields.keys) == ["version", "gauges", "counters", "histograms", "meters", "timers"])
    }

    @Test func s3Locations() {
        #expect(S3Location("s3://b/metrics/pdm-metrics.json") == S3Location(bucket: "b", key: "metrics/pdm-metrics.json"))
        #expect(S3Location("s3://b/") == nil)
        #expect(S3Location("s3:///k") == nil)
        #expect(S3Location("https://b/k") == nil)
    }

    @Test func mergedFileSitsBesideHivesFile() {
        #expect(MetricsFile(hive: URL(fileURLWithPath: "/var/log/hive/metrics.json")).output?.path == "/var/log/hive/pdm-metrics.json")
        #expect(MetricsFile(hive: URL(fileURLWithPath: "/x/pdm-metrics.json")).output?.path == "/x/pdm-metrics.merged.json")
        #expect(MetricsFile(hive: nil).output == nil)
    }

    @Test func theParserReadsWhatJSONEncoderWrites() throws {
        let value = JSONValue.object([
            "s": .string("a \"q\" \\ \n\t é 😀"), "i": .integer(-42), "d": .number(0.5), "e": .number(1.5e300),
            "b": .bool(true), "f": .bool(false), "n": .null, "a": .array([.integer(1), .array([]), .object([:])]),
        ])
        let data = try JSONEncoder().encode(value)
        #expect(try JSONParser.parse(data) == value)
        #expect(try JSONParser.parse(Data(#" {"u":"\u00e9"} "#.utf8)) == .object(["u": .string("é")]))
        for bad in ["", "{", "{\"a\":}", "[1,]", "{} {}", "tru", "\"open", "{\"a\":1}x", "01x"] {
            #expect(throws: MetricsFileError.self, "\(bad)") { try JSONParser.parse(Data(bad.utf8)) }
        }
    }
}
