import HQLAnalysis
import Testing

@Suite struct VariableReferenceTests {
    func describe(_ source: String) -> [String] {
        HQLFileAnalysis(source: source, variables: HiveVariables()).references.map {
            "\($0.position) \($0.namespace.rawValue):\($0.name) \($0.context.rawValue) s\($0.statement)"
        }
    }

    @Test func everyNamespaceWithExactPositions() {
        let source = """
            USE ${model_database};
            SELECT '${hivevar:path}/x', ${hiveconf:hive.exec.scratchdir}
            FROM ${env:HOME}.t JOIN ${system:user.name}.u;
            """
        #expect(describe(source) == [
            "1:5 plain:model_database code s0",
            "2:9 hivevar:path string s1",
            "2:29 hiveconf:hive.exec.scratchdir code s1",
            "3:6 env:HOME code s1",
            "3:25 system:user.name code s1",
        ])
    }

    @Test func commentsOfBothKindsAndStringsOfBothKinds() {
        let source = """
            -- uses ${a}
            /* block ${b}
               still ${hivevar:c} */ SELECT "${d}" , 'it\\'s ${e}' FROM t; -- ${f}
            """
        #expect(describe(source) == [
            "1:9 plain:a comment s0",
            "2:10 plain:b comment s0",
            "3:10 hivevar:c comment s0",
            "3:34 plain:d string s0",
            "3:49 plain:e string s0",
            "3:66 plain:f comment s1",
        ])
    }

    @Test func hivePatternRejectsEmptyDollarAndSpaces() {
        // `${}` and `${a b}` are not references; in `${a${b}}` only the inner one is.
        #expect(describe("${} ${a b} ${a${b}} $x {y}") == ["1:15 plain:b code s0"])
    }

    @Test func unknownPrefixIsPartOfAPlainName() {
        #expect(describe("${foo:bar} ${hivevar:}") == ["1:1 plain:foo:bar code s0", "1:12 plain:hivevar: code s0"])
    }

    @Test func semicolonsInsideStringsAndCommentsDoNotSplit() {
        #expect(describe("SELECT ';' -- ;\n, \"a;b\" /* ; */ ; ${x}") == ["2:19 plain:x code s1"])
    }

    @Test func unterminatedStringAndCommentRunToTheEnd() {
        #expect(describe("SELECT 'abc ${a}\n${b}") == ["1:13 plain:a string s0", "2:1 plain:b string s0"])
        #expect(describe("/* ${a}\n${b}") == ["1:4 plain:a comment s0", "2:1 plain:b comment s0"])
    }

    @Test func backslashEscapedQuoteStaysInsideString() {
        #expect(describe(#"SELECT "a\"${x}" , ${y}"#) == ["1:12 plain:x string s0", "1:20 plain:y code s0"])
    }
}
