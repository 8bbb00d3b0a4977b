import Testing

@testable import PipelineDSL

@Suite struct LexerTests {
    func kinds(_ text: String) -> [Token.Kind] {
        var lexer = Lexer(file: "t.pipe", text: text)
        return lexer.tokenize().map(\.kind)
    }

    func errors(_ text: String) -> [String] {
        var lexer = Lexer(file: "t.pipe", text: text)
        _ = lexer.tokenize()
        return lexer.diagnostics.map(\.description)
    }

    @Test func wordsNumbersDurationsAndPunctuation() {
        #expect(kinds("retry attempts=10 delay=1h30m\n") == [
            .word("retry"), .word("attempts"), .equals, .number(10), .word("delay"), .equals, .duration(5400, "1h30m"), .newline, .endOfFile,
        ])
        #expect(kinds("when a == b and x != \"y\"") .count == 9)
        #expect(kinds("hiveconf hive.root.logger = x") == [.word("hiveconf"), .word("hive.root.logger"), .equals, .word("x"), .endOfFile])
        #expect(DurationSyntax.seconds("250ms") == 0.25)
        #expect(DurationSyntax.seconds("2m") == 120)
        #expect(DurationSyntax.seconds("5x") == nil)
    }

    @Test func commentsBlankLinesAndContinuationsCollapse() {
        #expect(kinds("a # comment\n\n\n  # only a comment\nb \\\n c\n") == [.word("a"), .newline, .word("b"), .word("c"), .newline, .endOfFile])
    }

    @Test func newlinesInsideBracketsAreIgnored() {
        #expect(kinds("x [\n\"a\",\n\"b\"\n]\n") .filter { $0 == .newline }.count == 1)
    }

    @Test func stringInterpolationKeepsHiveNamespacesAsText() throws {
        var lexer = Lexer(file: "t.pipe", text: #""s3://${bucket}/x ${hivevar:db}.t \${lit} \"q\"""#)
        let tokens = lexer.tokenize()
        guard case .string(let s) = tokens[0].kind else { Issue.record("not a string"); return }
        #expect(s.parts.count == 3)
        #expect(s.parts[0] == .text("s3://"))
        guard case .variable("bucket", let range) = s.parts[1] else { Issue.record("no variable"); return }
        #expect(range.start.column == 7)
        #expect(range.length == 9)
        #expect(s.parts[2] == .text("/x ${hivevar:db}.t ${lit} \"q\""))
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test func tripleQuotedStringsAreDedentedAndRaw() {
        var lexer = Lexer(file: "t.pipe", text: "statement \"\"\"\n    SELECT '\\d' FROM ${db}.t;\n      -- indented\n    \"\"\"\n")
        let tokens = lexer.tokenize()
        guard case .string(let s) = tokens[1].kind else { Issue.record("not a string"); return }
        #expect(s.parts == [.text("SELECT '\\d' FROM "), .variable("db", s.referencedVariables[0].range), .text(".t;\n  -- indented")])
        #expect(lexer.diagnostics.isEmpty)
    }

    @Test func errorsAreReportedWithPositionsAndLexingContinues() {
        #expect(errors("a \"open\nb ~ 12x\n") == [
            "t.pipe:1:3: error: unterminated string [lex.unterminated-string]",
            "t.pipe:2:3: error: unexpected character '~' [lex.unexpected-character]",
            "t.pipe:2:5: error: invalid number or duration '12x' [lex.invalid-number]",
        ])
        #expect(errors("x \"${bad name}\" \"${unclosed\"") == [
            "t.pipe:1:4: error: invalid variable name 'bad name' in '${...}' [lex.invalid-variable-name]",
            "t.pipe:1:18: error: unterminated '${' [lex.unterminated-interpolation]",
        ])
        #expect(errors(#"x "\q""#) == [#"t.pipe:1:4: error: unknown escape '\q' [lex.unknown-escape]"#])
    }
}
