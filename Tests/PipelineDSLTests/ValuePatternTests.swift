import PipelineDSL
import Testing

/// `each_line ... matching="..."`: whole-line matches, the syntax errors, and linear time on hostile input.
@Suite struct ValuePatternTests {
    @Test func theDefaultIsAHiveIdentifier() {
        let p = ValuePattern.identifier
        #expect(p.matches("agent_dim_v"))
        #expect(p.matches("A9_"))
        for hostile in ["x; DROP DATABASE uc CASCADE", "${env:AWS_SECRET_ACCESS_KEY}", "a b", "t'", "uc.t", "", "é", "t--", "t\u{0}"] {
            #expect(!p.matches(hostile), "\(hostile)")
        }
    }

    @Test func patternsMatchTheWholeValue() throws {
        let qualified = try ValuePattern("[a-z_]+\\.[a-z_]+")
        #expect(qualified.matches("uc.agent_dim"))
        #expect(!qualified.matches("uc.agent_dim; DROP DATABASE uc"))
        #expect(!qualified.matches("xuc.t!"))
        #expect(!qualified.matches("uc."))
        let alternatives = try ValuePattern("(full|delta)_\\d\\d?")
        #expect(alternatives.matches("full_1"))
        #expect(alternatives.matches("delta_42"))
        #expect(!alternatives.matches("delta_423"))
        #expect(!alternatives.matches("full"))
        let negated = try ValuePattern("[^;' ]+")
        #expect(negated.matches("a.b-c"))
        #expect(!negated.matches("a;b"))
        let classes = try ValuePattern("[\\w\\-]+(\\.[\\w]+)?")
        #expect(classes.matches("a-b.c"))
        #expect(!classes.matches("a-b.c.d"))
        #expect(try ValuePattern("a.c").matches("a;c"))
        #expect(try ValuePattern("[]a]+").matches("]a]"))
    }

    @Test(arguments: [
        ("", "an empty pattern matches no line", 0),
        ("^[a-z]+$", "'^' is not needed: a pattern always matches the whole line", 0),
        ("[a-z]+$", "'$' is not needed: a pattern always matches the whole line", 6),
        ("*a", "'*' has nothing to repeat", 0),
        ("(ab", "unclosed '('", 0),
        ("ab)", "unmatched ')'", 2),
        ("[a-z", "unclosed '['", 0),
        ("[z-a]", "range z-a is backwards", 1),
        ("a{2}", "'{' and '}' are not supported; write them as \\{ and \\}, or repeat with * + ?", 1),
        ("a\\", "a pattern cannot end in '\\'", 1),
        ("\\q", "unknown escape '\\q'; escapes are \\d, \\w and \\ before one of . [ ] ( ) * + ? | \\ ^ $ - { } /", 0),
    ])
    func syntaxErrors(pattern: String, message: String, offset: Int) {
        #expect(throws: PatternError(message: message, offset: offset)) { try ValuePattern(pattern) }
    }

    @Test func deepNestingIsRefusedNotRecursedInto() {
        #expect(throws: PatternError(message: "groups nested more than 32 deep", offset: 32)) {
            try ValuePattern(String(repeating: "(", count: 40) + "a" + String(repeating: ")", count: 40))
        }
    }

    /// `(a*)*b` on a long run of `a`s is exponential for a backtracking engine; here it is one pass per character.
    /// Correctness is what is asserted (no wall time): the test would not finish if the matcher backtracked.
    @Test func catastrophicPatternsStayLinear() throws {
        let line = String(repeating: "a", count: 20_000)
        #expect(try !ValuePattern("(a*)*b").matches(line))
        #expect(try ValuePattern("(a|aa)+").matches(line))
        #expect(try !ValuePattern("(a|a)*(a|a)*c").matches(line))
        #expect(try ValuePattern("(((a*)*)*)*").matches(line))
    }

    @Test func optionsLandInTheAST() throws {
        let (file, diagnostics) = PipelineParser.parse(path: "p.pipe", text: """
            step s {
              glob "x/*.sql" allow_empty=true
              each_line "l.txt" as t matching="[a-z]+\\\\.[a-z]+" allow_empty=true { statement "SELECT '${t}'" }
              each_line "m.txt" as u { statement "SELECT '${u}'" }
            }
            """)
        #expect(diagnostics == [])
        let tasks = try #require(file.steps.first?.waves.first?.tasks)
        #expect(tasks.map(\.allowEmpty) == [true, true, false])
        guard case .eachLine(let each) = tasks[1].kind, case .eachLine(let plain) = tasks[2].kind else {
            Issue.record("expected each_line tasks")
            return
        }
        #expect(each.pattern?.value.source == "[a-z]+\\.[a-z]+")
        #expect(each.pattern?.range.start == SourceLocation(file: "p.pipe", line: 3, column: 35))
        #expect(plain.pattern == nil)
    }
}
