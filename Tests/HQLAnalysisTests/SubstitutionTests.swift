import HQLAnalysis
import Testing

@Suite struct SubstitutionTests {
    func substitute(_ source: String, _ variables: HiveVariables) -> String {
        SubstitutedText.substitute(HQLText(source), variables: variables).string
    }

    @Test func plainAndHivevarBothReadHivevars() {
        let variables = HiveVariables(hivevars: ["db": "uc"], hiveconf: ["db": "conf"])
        #expect(substitute("${db}.a ${hivevar:db}.b ${hiveconf:db}.c", variables) == "uc.a uc.b conf.c")
    }

    @Test func unresolvedStayAsWritten() {
        let variables = HiveVariables(hivevars: ["x": "1"])
        #expect(substitute("${y} ${hiveconf:x} ${env:HOME} ${system:user} ${x}", variables)
            == "${y} ${hiveconf:x} ${env:HOME} ${system:user} 1")
    }

    @Test func valuesAreSubstitutedAgain() {
        let variables = HiveVariables(hivevars: ["path": "s3://${bucket}/p", "bucket": "b"])
        #expect(substitute("LOCATION '${path}'", variables) == "LOCATION 's3://b/p'")
    }

    @Test func selfReferenceStopsAndDoublingIsCapped() {
        #expect(substitute("${a}", HiveVariables(hivevars: ["a": "${a}"])) == "${a}")
        let grown = substitute("${a}", HiveVariables(hivevars: ["a": "${a}${a}"]))
        #expect(grown.count <= 1 << 16)
        #expect(grown.hasPrefix("${a}${a}"))
    }

    @Test func substitutedScalarsPointAtTheReference() {
        let text = HQLText("x\n  ${db}.t")
        let result = SubstitutedText.substitute(text, variables: HiveVariables(hivevars: ["db": "uc"]))
        #expect(result.string == "x\n  uc.t")
        #expect(result.origins == [0, 1, 2, 3, 4, 4, 9, 10])
        #expect(text.position(of: result.origin(of: 5)) == TextPosition(line: 2, column: 3))
        #expect(text.position(of: result.origin(of: 7)) == TextPosition(line: 2, column: 9))
    }

    @Test func setChangesVariablesForLaterStatementsOnly() {
        let source = "SELECT * FROM ${db}.a; SET hivevar:db=uc; SET hive.x = ${db} ; INSERT INTO ${db}.b SELECT 1"
        let analysis = HQLFileAnalysis(source: source, variables: HiveVariables(hivevars: ["db": "raw"]))
        #expect(analysis.settings.map { "\($0.namespace.rawValue) \($0.key)=\($0.value) s\($0.statement) \($0.position)" } == [
            "hivevar db=uc s1 1:24", "hiveconf hive.x=uc s2 1:43",
        ])
        #expect(analysis.tables.map { "\($0.kind.rawValue) \($0.table)" } == ["read raw.a", "write uc.b"])
    }
}
