import Basics
import Testing
@testable import HiveServer2

@Suite struct HiveJDBCURLTests {
    @Test func fullURL() throws {
        let url = try HiveJDBCURL(parsing: "jdbc:hive2://emr-master:10001/pdm;ssl=true;user=hadoop?hive.exec.parallel=true;a=b#env=prod")
        #expect(url.host == "emr-master")
        #expect(url.port == 10001)
        #expect(url.database == "pdm")
        #expect(url.usesTLS)
        #expect(!url.usesNoSASL)
        #expect(url.user == "hadoop")
        #expect(url.hiveConf == ["hive.exec.parallel": "true", "a": "b"])
        #expect(url.hiveVariables == ["env": "prod"])
    }

    @Test func defaults() throws {
        let url = try HiveJDBCURL(parsing: "jdbc:hive2://127.0.0.1")
        #expect(url.port == 10000)
        #expect(url.database == "default")
        #expect(!url.usesTLS)
        let trailing = try HiveJDBCURL(parsing: "jdbc:hive2://h:1/;auth=noSasl")
        #expect(trailing.database == "default")
        #expect(trailing.usesNoSASL)
        #expect(HiveServer2Options(url: trailing).transport == .noSASL(framed: false))
        let v6 = try HiveJDBCURL(parsing: "jdbc:hive2://[::1]:10000/x")
        #expect(v6.host == "::1")
        #expect(v6.port == 10000)
    }

    @Test(arguments: [
        ("http://h:1/db", HiveJDBCURL.ParseError.notHive2),
        ("jdbc:hive2://u:pw@h:1/db", .userInfo),
        ("jdbc:hive2://h:99999/db", .badHostPort("h:99999")),
        ("jdbc:hive2://h:x/db", .badHostPort("h:x")),
        ("jdbc:hive2:///db", .badHostPort("")),
        ("jdbc:hive2://a:1,b:2/db", .unsupported("several hosts (ZooKeeper discovery)")),
        ("jdbc:hive2://h:1/db;principal=hive/_HOST@REALM", .unsupported("Kerberos (principal=)")),
        ("jdbc:hive2://h:1/db;transportMode=http", .unsupported("transportMode=http")),
    ])
    func rejected(_ text: String, _ expected: HiveJDBCURL.ParseError) {
        #expect(throws: expected) { _ = try HiveJDBCURL(parsing: text) }
    }

    @Test func optionsNeverShowThePassword() throws {
        let options = HiveServer2Options(url: try HiveJDBCURL(parsing: "jdbc:hive2://h:1/db;ssl=true"), user: "u", password: "s3cret")
        #expect(options.description == "h:1 user u SASL PLAIN TLS")
        #expect(!"\(options)".contains("s3cret"))
    }
}
