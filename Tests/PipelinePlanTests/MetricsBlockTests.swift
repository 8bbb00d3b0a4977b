import Testing
import TestSupport

@testable import PipelinePlan

/// `metrics { }`: layered pipeline → profile like `metastore { }`, interpolated, every entry optional.
@Suite struct MetricsBlockTests {
    static let source = """
        pipeline "m"
        var bucket = "pub"
        var on_emr = true
        metrics when on_emr {
          file "/var/log/hive/metrics.json"
          s3 "s3://${bucket}/metrics/pdm-metrics.json"
          export_every 5s
          grace 180s
        }
        profile test {
          metrics {
            grace 0s
            pushgateway "http://127.0.0.1:9091"
          }
        }
        profile laptop { var on_emr = false }
        step a { statement "select 1" }
        """

    func plan(_ text: String = source, profile: String? = nil) throws -> Plan {
        try Planner.plan(
            PlanRequest(PlanArguments(file: "/p/m.pipe", profile: profile, correlationID: "c", s3Prefix: "p"), today: "2026-11-21"),
            source: text
        ).plan
    }

    func errors(_ text: String) -> [String] {
        do throws(PlanFailure) {
            _ = try Planner.plan(
                PlanRequest(PlanArguments(file: "/p/m.pipe", correlationID: "c", s3Prefix: "p"), today: "2026-11-21"), source: text)
            return []
        } catch {
            guard case .invalid(let diagnostics, _) = error else { return ["\(error)"] }
            return diagnostics.filter { $0.severity == .error }.map(\.message)
        }
    }

    @Test func resolvedAndInterpolated() throws {
        #expect(try plan().metrics == MetricsSettings(
            file: "/var/log/hive/metrics.json", s3: "s3://pub/metrics/pdm-metrics.json", exportEverySeconds: 5,
            pushgateway: nil, graceSeconds: 180))
    }

    @Test func aProfileReplacesOnlyTheKeysItSets() throws {
        let m = try #require(try plan(profile: "test").metrics)
        #expect(m.graceSeconds == 0)
        #expect(m.pushgateway == "http://127.0.0.1:9091")
        #expect(m.s3 == "s3://pub/metrics/pdm-metrics.json")
    }

    @Test func noBlockOrAFalseConditionMeansNoMetrics() throws {
        #expect(try plan(profile: "laptop").metrics == nil)
        #expect(try plan("pipeline \"m\"\nstep a { statement \"select 1\" }").metrics == nil)
        #expect(try plan("pipeline \"m\"\nmetrics { }\nstep a { statement \"select 1\" }").metrics == MetricsSettings())
    }

    @Test func badValuesAreErrors() {
        #expect(errors("metrics { s3 \"bucket/key\" }\nstep a { statement \"x\" }") == ["metrics s3 must be s3://BUCKET/KEY, not 'bucket/key'"])
        #expect(errors("metrics { export_every 0s }\nstep a { statement \"x\" }") == ["metrics export_every must be a duration like 5s or 3m above zero, not '0s'"])
        #expect(errors("metrics { pushgateway \"host:9091\" }\nstep a { statement \"x\" }") == ["metrics pushgateway must be http(s)://host[:port], not 'host:9091'"])
        #expect(errors("metrics { bucket \"x\" }\nstep a { statement \"x\" }") == ["unknown directive 'bucket' in a metrics block"])
    }

    @Test func pdmPipeHasOneGraceInItsMetricsBlockAndNoSleepingFlushes() throws {
        let p = try Planner.plan(PlanRequest(
            PlanArguments(file: LiveServer.repositoryRoot.path + "/pipelines/pdm.pipe", profile: "production", correlationID: "c", s3Prefix: "p"),
            environment: ["PDM_PUSHGATEWAY_URL": "http://gw:9091"], today: "2026-11-21")).plan
        #expect(p.metrics?.graceSeconds == 180)
        #expect(p.metrics?.s3 == "s3://pdm-published/metrics/pdm-metrics.json")
        #expect(p.metrics?.pushgateway == "http://gw:9091")
        let sleeps = p.steps.flatMap(\.tasks).filter { if case .action("sleep", _) = $0.work { true } else { false } }
        #expect(sleeps.isEmpty)
        #expect(try Planner.plan(PlanRequest(
            PlanArguments(file: LiveServer.repositoryRoot.path + "/pipelines/pdm.pipe", profile: "local", correlationID: "c", s3Prefix: "p"),
            today: "2026-11-21")).plan.metrics == nil)
    }
}
