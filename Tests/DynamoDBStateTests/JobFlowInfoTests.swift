import DynamoDBState
import Foundation
import PipelineState
import Testing

@Suite struct JobFlowInfoTests {
    static func write(_ text: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("job-flow-\(UUID().uuidString).json")
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func theClusterIDIsTheJobFlowID() throws {
        let path = try Self.write(#"{"jobFlowId":"j-2AXXXXXXGAPLF","jobFlowCreationInstant":1605172245000,"instanceCount":3}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try JobFlowInfo.clusterID(path: path) == "j-2AXXXXXXGAPLF")
    }

    @Test func offEMRTheClusterIDSaysLocal() throws {
        #expect(try JobFlowInfo.clusterID(path: "/nonexistent/job-flow.json") == "local")
    }

    @Test func aBrokenFileIsAnErrorNamingIt() throws {
        let path = try Self.write(#"{"instanceCount":3}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: JobFlowInfoError(path: path, reason: "has no jobFlowId")) { try JobFlowInfo.clusterID(path: path) }
        #expect(JobFlowInfoError(path: path, reason: "has no jobFlowId").description == "\(path): has no jobFlowId")
    }

    @Test func theFactoryReportsAMissingRegionAsAnUnavailableStore() {
        #expect(
            throws: StateError.unavailable(
                what: "cannot configure AWS for", location: "DynamoDB table data_pipeline_metadata",
                reason: "no AWS region: pass --aws-region, set AWS_REGION or AWS_DEFAULT_REGION, or region in the shared config file (instance metadata: disabled by AWS_EC2_METADATA_DISABLED)")
        ) { try DynamoDBStateStore.make(environment: ["HOME": "/nonexistent", "AWS_EC2_METADATA_DISABLED": "true"]) }
        #expect(throws: StateError.unavailable(
            what: "cannot configure AWS for", location: "DynamoDB table t",
            reason: "invalid AWS endpoint 'localhost:8000': expected http://host[:port] or https://host[:port]")
        ) { try DynamoDBStateStore.make(table: "t", endpoint: "localhost:8000", region: "eu-west-2", environment: [:]) }
    }
}
