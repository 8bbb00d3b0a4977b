import Metastore
import Testing

struct HiveSchemaVersionTests {
    @Test(arguments: [
        ("3.1.0", HiveSchemaVersion.Verdict.hive31), ("3.1.2", .hive31), ("3.1.3000.7.1.7.0", .hive31),
        ("3.0.0", .halfUpgraded), ("2.3.0", .hive2OrOlder), ("1.2.0", .hive2OrOlder), ("0.14.0", .hive2OrOlder),
        ("3.2.0", .newerThan31), ("4.0.0", .newerThan31),
    ])
    func verdicts(text: String, verdict: HiveSchemaVersion.Verdict) throws {
        #expect(try #require(HiveSchemaVersion(text)).verdict == verdict)
    }

    @Test(arguments: ["", "3", "3.x.0", "3..1", "-3.1.0", "v3.1.0"])
    func rejectsNonVersions(text: String) {
        #expect(HiveSchemaVersion(text) == nil)
    }

    @Test func ordersNumerically() throws {
        #expect(try #require(HiveSchemaVersion("3.10.0")) > #require(HiveSchemaVersion("3.9.0")))
    }
}
