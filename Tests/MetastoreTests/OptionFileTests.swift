import Metastore
import Testing

struct OptionFileTests {
    @Test func readsOnlyTheClientGroup() throws {
        let text = """
            # metastore credentials
            [mysqld]
            port = 1111
            [client]
            host = metastore.cluster-abc.eu-west-2.rds.amazonaws.com
            port=3307
            user = pdm-writer
            password = "p#ss word"
            database = hive_metastore_v2 # trailing comment
            ssl-ca = /etc/rds.pem
            [mysql]
            password = other
            """
        let options = try OptionFile.parse(text, path: "my.cnf")
        #expect(options.host == "metastore.cluster-abc.eu-west-2.rds.amazonaws.com")
        #expect(options.port == 3307)
        #expect(options.user == "pdm-writer")
        #expect(options.password?.reveal == "p#ss word")
        #expect(options.database == "hive_metastore_v2")
    }

    @Test func badPortNamesFileAndLine() {
        #expect(throws: MetastoreError.unusableInput("my.cnf:2: port 'x' is not a port number")) {
            try OptionFile.parse("[client]\nport = x\n", path: "my.cnf")
        }
    }

    @Test func unterminatedQuote() {
        #expect(throws: MetastoreError.unusableInput("my.cnf:3: unterminated quote")) {
            try OptionFile.parse("\n[client]\npassword = 'abc\n", path: "my.cnf")
        }
    }
}
