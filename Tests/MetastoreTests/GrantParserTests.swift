import Metastore
import Testing

struct GrantParserTests {
    @Test func mariaDBDatabasePatternGrant() {
        #expect(GrantParser.parse(#"GRANT SELECT, INSERT, UPDATE, DELETE ON `pdm\_fx\_%`.* TO `pdm_writer`@`%`"#)
            == Grant(privileges: ["SELECT", "INSERT", "UPDATE", "DELETE"], scope: .database(#"pdm\_fx\_%"#)))
    }

    @Test func globalUsageWithPasswordHash() {
        #expect(GrantParser.parse("GRANT USAGE ON *.* TO `pdm_reader`@`%` IDENTIFIED BY PASSWORD '*9825EE38'")
            == Grant(privileges: ["USAGE"], scope: .global))
    }

    @Test func allPrivilegesWithGrantOption() {
        #expect(GrantParser.parse("GRANT ALL PRIVILEGES ON `hive_metastore_v2`.* TO `pdm-writer`@`%` WITH GRANT OPTION")
            == Grant(privileges: ["ALL"], scope: .database("hive_metastore_v2")))
    }

    @Test func tableGrantAndColumnPrivilegesLeftOut() {
        #expect(GrantParser.parse("GRANT SELECT (`NAME`), INSERT ON `metastore`.`DBS` TO `u`@`%`")
            == Grant(privileges: ["INSERT"], scope: .table(database: "metastore", table: "DBS")))
    }

    @Test func backquotesInsideNamesAndKeywordsInsideQuotes() {
        #expect(GrantParser.parse("GRANT SELECT ON `a``b ON c`.* TO `x TO y`@`%`")
            == Grant(privileges: ["SELECT"], scope: .database("a`b ON c")))
    }

    @Test(arguments: [
        "GRANT `metastore_rw` TO `pdm-writer`@`%`",
        "GRANT PROXY ON ''@'%' TO 'root'@'localhost' WITH GRANT OPTION",
        "GRANT EXECUTE ON PROCEDURE `db`.`p` TO `u`@`%`",
        "SET DEFAULT ROLE `metastore_rw` FOR `u`@`%`",
    ])
    func ignoresGrantsWithoutTableRights(line: String) {
        #expect(GrantParser.parse(line) == nil)
    }

    @Test func likePatterns() {
        #expect(GrantParser.pattern(#"pdm\_fx\_%"#, matches: "pdm_fx_hive31_1", caseSensitive: true))
        #expect(!GrantParser.pattern(#"pdm\_fx\_%"#, matches: "pdmXfx_hive", caseSensitive: true))
        #expect(GrantParser.pattern("hive_metastore_v_", matches: "hive_metastore_v2", caseSensitive: true))
        #expect(!GrantParser.pattern("Hive", matches: "hive", caseSensitive: true))
        #expect(GrantParser.pattern("Hive", matches: "hive", caseSensitive: false))
        #expect(!GrantParser.pattern("hive", matches: "hive2", caseSensitive: true))
    }
}
