import Metastore
import Testing

struct MetastoreSecretTests {
    @Test func rdsSecretWithNumericPort() throws {
        let secret = try MetastoreSecret.parse(
            #"{"username":"pdm-writer","password":"s3cr3t","engine":"mysql","host":"db.example","port":3306,"dbInstanceIdentifier":"pdm-metastore"}"#,
            secretID: "pdm/metastore")
        #expect(secret.username == "pdm-writer")
        #expect(secret.password.reveal == "s3cr3t")
        #expect(secret.host == "db.example")
        #expect(secret.port == 3306)
        #expect(secret.dbInstanceIdentifier == "pdm-metastore")
        #expect(secret.database == nil)
    }

    @Test func portAsStringAndDatabase() throws {
        let secret = try MetastoreSecret.parse(#"{"password":"x","port":"3307","dbname":"hive_metastore_v2"}"#, secretID: "s")
        #expect(secret.port == 3307)
        #expect(secret.database == "hive_metastore_v2")
    }

    @Test func errorsNeverQuoteTheSecret() {
        #expect(throws: MetastoreError.unusableInput("secret s has no password field")) {
            try MetastoreSecret.parse(#"{"username":"u"}"#, secretID: "s")
        }
        #expect(throws: MetastoreError.unusableInput("secret s is not a JSON object")) {
            try MetastoreSecret.parse("password=hunter2", secretID: "s")
        }
        #expect(throws: MetastoreError.unusableInput("secret s: port 'abc' is not a number")) {
            try MetastoreSecret.parse(#"{"password":"hunter2","port":"abc"}"#, secretID: "s")
        }
        #expect(throws: MetastoreError.unusableInput("secret s: password has the wrong type")) {
            try MetastoreSecret.parse(#"{"password":42}"#, secretID: "s")
        }
    }

    @Test func passwordNeverPrints() {
        let password = Password("hunter2")
        #expect("\(password)" == "********")
        #expect(String(reflecting: password) == "Password(********)")
        var dumped = ""
        dump(password, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }
}
