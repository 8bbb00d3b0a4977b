import HQLAnalysis
import Testing

@Suite struct CreatedDatabaseTests {
    @Test func createDatabaseAndSchemaAfterSubstitutionIgnoringCommentsAndStrings() {
        let source = """
            -- CREATE DATABASE commented_out;
            CREATE DATABASE IF NOT EXISTS ${hivevar:db} COMMENT 'not -- a comment' LOCATION 's3://b/x';
            /* create database in_block_comment; */
            create schema `Model_DB`;
            CREATE TABLE not_a_database (a INT);
            SELECT 'CREATE DATABASE in_a_string';
            """
        let analysis = HQLFileAnalysis(source: source, variables: HiveVariables(hivevars: ["db": "UC_PDM_SOURCE"]))
        #expect(analysis.createdDatabases == ["uc_pdm_source", "model_db"])
        #expect(analysis.tables.map(\.table).contains { $0.hasSuffix("not_a_database") })
    }
}
