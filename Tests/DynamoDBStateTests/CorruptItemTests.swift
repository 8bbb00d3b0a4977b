import AWS
import DynamoDBState
import Foundation
import PipelineState
import Testing

/// An unreadable item is `corruptRecord` naming the attribute, from `read` and from `begin` (which then
/// writes nothing): never a trap (`Int(Double)` of 1e20 was "Illegal instruction") nor a silent truncation.
@Suite struct CorruptItemTests {
    static let valid: [String: String] = [
        "Correlation_Id": #"{"S":"c"}"#, "DataProduct": #"{"S":"PDM"}"#, "Date": #"{"S":"2026-11-21"}"#,
        "Run_Id": #"{"N":"1"}"#, "Status": #"{"S":"FAILED"}"#, "CurrentStep": #"{"S":"load"}"#,
        "Started_At": #"{"N":"1800000000.000"}"#, "Updated_At": #"{"N":"1800000001.000"}"#,
        "Lease_Expires_At": #"{"N":"1800000300.000"}"#, "Completed_Tasks": #"{"L":[{"S":"a.sql"}]}"#,
        "Owner": #"{"M":{"Host":{"S":"h"},"Pid":{"N":"9"}}}"#, "Record_Version": #"{"N":"4"}"#,
    ]

    static let cases: [(attribute: String, value: String, reason: String)] = [
        ("Run_Id", #"{"N":"1e20"}"#, "Run_Id 1e20 is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"N":"100000000000000000000"}"#, "Run_Id 100000000000000000000 is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"N":"1.9"}"#, "Run_Id 1.9 is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"N":"NaN"}"#, "Run_Id NaN is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"N":"-1"}"#, "Run_Id -1 is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"N":"9223372036854775807"}"#, "Run_Id 9223372036854775807 is not a whole number in 0...2147483647"),
        ("Run_Id", #"{"S":"1"}"#, "Run_Id is not a number"),
        ("Run_Id", "", "Run_Id is missing"),
        ("Record_Version", #"{"N":"1.5"}"#, "Record_Version 1.5 is not a whole number in 0...9223372036854775806"),
        ("Record_Version", #"{"S":"4"}"#, "Record_Version is not a number"),
        ("Owner", #"{"M":{"Host":{"S":"h"},"Pid":{"N":"1e20"}}}"#, "Owner.Pid 1e20 is not a whole number in 0...2147483647"),
        ("Owner", #"{"M":{"Host":{"S":"h"},"Pid":{"N":"4294967296"}}}"#, "Owner.Pid 4294967296 is not a whole number in 0...2147483647"),
        ("Owner", #"{"M":{"Host":{"S":"h"},"Pid":{"N":"-3"}}}"#, "Owner.Pid -3 is not a whole number in 0...2147483647"),
        ("Owner", #"{"M":{"Host":{"S":"h"}}}"#, "Owner is not a Host and Pid"),
        ("Owner", #"{"S":"h:9"}"#, "Owner is not a Host and Pid"),
        ("Started_At", #"{"N":"NaN"}"#, "Started_At NaN is not a usable time"),
        ("Started_At", #"{"N":"1e300"}"#, "Started_At 1e300 is not a usable time"),
        ("Updated_At", #"{"N":"-5"}"#, "Updated_At -5 is not a usable time"),
        ("Lease_Expires_At", #"{"N":"Infinity"}"#, "Lease_Expires_At Infinity is not a usable time"),
        ("Started_At", #"{"S":"yesterday"}"#, "Started_At is not a number"),
        ("Completed_Tasks", #"{"S":"a.sql"}"#, "Completed_Tasks is not a list"),
        ("Continued_Failures", #"{"L":[{"N":"1"}]}"#, "Continued_Failures holds a value that is not a string"),
        ("Status", #"{"N":"1"}"#, "Status is not a string"),
        ("CurrentStep", #"{"N":"2"}"#, "CurrentStep is not a string"),
        ("Date", #"{"BOOL":true}"#, "Date is not a string"),
    ]

    static func answer(_ attribute: String, _ value: String) -> HTTPResponse {
        var item = valid
        item[attribute] = value.isEmpty ? nil : value
        let body = "{\"Item\":{" + item.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}}"
        return HTTPResponse(status: 200, body: Data(body.utf8))
    }

    @Test func theValidItemReads() async throws {
        let http = ScriptedDynamoDB(["GetItem": [Self.answer("Date", #"{"S":"2026-11-21"}"#)]])
        let record = try #require(try await BeginRetryTests.store(http).read(RunKey(correlationID: "c", product: "PDM")))
        #expect(record.runID == 1)
        #expect(record.owner == RunOwner(host: "h", pid: 9))
        #expect(record.leaseExpiresAt == Date(timeIntervalSince1970: 1_800_000_300))
    }

    @Test(arguments: Self.cases) func anUnreadableValueIsACorruptRecord(attribute: String, value: String, reason: String) async throws {
        let expected = StateError.corruptRecord(path: "c/PDM in DynamoDB table t", reason: reason)
        let http = ScriptedDynamoDB(["GetItem": [Self.answer(attribute, value), Self.answer(attribute, value)]])
        let store = try BeginRetryTests.store(http)
        await #expect(throws: expected) { try await store.read(RunKey(correlationID: "c", product: "PDM")) }
        await #expect(throws: expected) { try await store.begin(BeginRetryTests.request()) }
        #expect(http.operations == ["GetItem", "GetItem"])  // begin wrote nothing
        #expect(!expected.description.contains("\n"))
    }
}
