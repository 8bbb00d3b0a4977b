/// The DSL's front door: text in, typed pipeline and diagnostics out. Never throws, never traps:
/// a file with errors still yields every diagnostic found.
public enum PipelineParser {
    public static func parse(path: String, text: String) -> (file: PipelineFile, diagnostics: [Diagnostic]) {
        var lexer = Lexer(file: path, text: text)
        let tokens = lexer.tokenize()
        var parser = Parser(tokens: tokens)
        let directives = parser.parseFile()
        var builder = ASTBuilder()
        let file = builder.build(directives, path: path)
        let all = (lexer.diagnostics + parser.diagnostics + builder.diagnostics).sorted {
            ($0.range.start.line, $0.range.start.column) < ($1.range.start.line, $1.range.start.column)
        }
        return (file, all)
    }
}
