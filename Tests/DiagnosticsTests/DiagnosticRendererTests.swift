import Diagnostics
import Foundation
import Testing

// Swift Testing has a `SourceLocation` of its own.
typealias SourceLocation = Diagnostics.SourceLocation

/// A stage's messages, as the real stages write them.
enum SampleMessage: DiagnosticMessage {
    case unknownKind(String)
    case longStatement

    var message: String {
        switch self {
        case .unknownKind(let kind): "unknown step kind '\(kind)'"
        case .longStatement: "statement spans lines"
        }
    }

    var diagnosticID: MessageID {
        switch self {
        case .unknownKind: MessageID(domain: "sample", id: "unknown-kind")
        case .longStatement: MessageID(domain: "sample", id: "long-statement")
        }
    }

    var severity: DiagnosticSeverity {
        switch self {
        case .unknownKind: .error
        case .longStatement: .warning
        }
    }
}

@Suite struct DiagnosticRendererTests {
    static let file = "pipelines/daily.pipe"
    static let source = "step load {\n    run hvie \"load.hql\"\n}\n"
    static func at(_ line: Int, _ column: Int, file: String = file) -> SourceLocation {
        SourceLocation(file: file, line: line, column: column)
    }

    let unknown = Diagnostic(
        SampleMessage.unknownKind("hvie"), at: SourceRange(start: at(2, 9), length: 4), notes: ["did you mean 'hive'?"])

    @Test func plainQuotesTheLineMarksTheRangeAndListsNotes() {
        #expect(DiagnosticRenderer(sources: [Self.file: Self.source]).render([unknown]) == """
            pipelines/daily.pipe:2:9: error: unknown step kind 'hvie' [sample.unknown-kind]
                run hvie "load.hql"
                    ^~~~
            note: did you mean 'hive'?

            """)
    }

    @Test func ansiDecoratesLocationSeverityAndMarkerOnly() {
        let e = "\u{1B}["
        #expect(DiagnosticRenderer(sources: [Self.file: Self.source], decorator: .ansi).render(unknown) == """
            \(e)1mpipelines/daily.pipe:2:9:\(e)0m \(e)1;31merror:\(e)0m unknown step kind 'hvie' [sample.unknown-kind]
                run hvie "load.hql"
                    \(e)1;32m^~~~\(e)0m
            \(e)1;36mnote:\(e)0m did you mean 'hive'?

            """)
        #expect(DiagnosticRenderer(sources: [:], colour: true).render(unknown)
            == DiagnosticRenderer(sources: [:], decorator: .ansi).render(unknown))
    }

    @Test func aLocationWithoutASourceLineIsOneLinePlusNotes() {
        let noFile = DiagnosticRenderer(sources: [:]).render(unknown)
        let pastTheEnd = Diagnostic(SampleMessage.unknownKind("x"), at: SourceRange(Self.at(9, 1)))
        #expect(noFile == "pipelines/daily.pipe:2:9: error: unknown step kind 'hvie' [sample.unknown-kind]\nnote: did you mean 'hive'?\n")
        #expect(DiagnosticRenderer(sources: [Self.file: Self.source]).render(pastTheEnd)
            == "pipelines/daily.pipe:9:1: error: unknown step kind 'x' [sample.unknown-kind]\n")
    }

    /// A diagnostic about a line that holds a password (written into the file) gives the location, never the line.
    @Test func aDiagnosticThatMustNotQuoteItsLineGivesOnlyTheLocation() {
        var secret = unknown
        secret.quotesSource = false
        #expect(DiagnosticRenderer(sources: [Self.file: Self.source]).render(secret)
            == "pipelines/daily.pipe:2:9: error: unknown step kind 'hvie' [sample.unknown-kind]\nnote: did you mean 'hive'?\n")
    }

    @Test func aMultiLineRangeMarksEachLine() {
        let sql = "INSERT INTO t\nSELECT a,\n  b FROM s;\n"
        let range = SourceRange(start: Self.at(1, 8, file: "a.sql"), end: Self.at(3, 5, file: "a.sql"))
        #expect(DiagnosticRenderer(sources: ["a.sql": sql]).render(Diagnostic(SampleMessage.longStatement, at: range)) == """
            a.sql:1:8: warning: statement spans lines [sample.long-statement]
            INSERT INTO t
                   ^~~~~~
            SELECT a,
            ~~~~~~~~~
              b FROM s;
            ~~~~~

            """)
    }

    @Test func aLongMultiLineRangeShowsItsEnds() {
        let sql = (1...6).map { "line \($0)" }.joined(separator: "\n")
        let range = SourceRange(start: Self.at(1, 1, file: "a.sql"), end: Self.at(6, 4, file: "a.sql"))
        #expect(DiagnosticRenderer(sources: ["a.sql": sql]).render(Diagnostic(SampleMessage.longStatement, at: range)) == """
            a.sql:1:1: warning: statement spans lines [sample.long-statement]
            line 1
            ^~~~~~
            ...
            line 6
            ~~~~

            """)
    }

    @Test func tabsStayTabsUnderTheLineAndTheMarkerStopsAtTheLineEnd() {
        let d = Diagnostic(SampleMessage.unknownKind("x"), at: SourceRange(start: Self.at(1, 3, file: "t"), length: 40))
        #expect(DiagnosticRenderer(sources: ["t": "\tab\r\n"]).render(d) == "t:1:3: error: unknown step kind 'x' [sample.unknown-kind]\n\tab\n\t ^\n")
    }

    @Test func severityOverrideAndOneLineDescription() {
        let d = Diagnostic(SampleMessage.unknownKind("x"), at: SourceRange(Self.at(1, 1)), severity: .warning)
        #expect(d.severity == .warning)
        #expect(d.description == "pipelines/daily.pipe:1:1: warning: unknown step kind 'x' [sample.unknown-kind]")
        #expect([d].hasErrors == false)
    }

    @Test func jsonCarriesTheIdAndOmitsEmptyParts() throws {
        let related = Diagnostic(
            SampleMessage.unknownKind("x"), at: SourceRange(start: Self.at(2, 3), length: 2), notes: ["n"], related: Self.at(4, 5))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let list: [Diagnostic] = [unknown.with(notes: []), related]
        #expect(String(decoding: try encoder.encode(list), as: UTF8.self) == """
            [{"id":"sample.unknown-kind","length":4,"location":{"column":9,"file":"pipelines/daily.pipe","line":2},\
            "message":"unknown step kind 'hvie'","severity":"error"},\
            {"id":"sample.unknown-kind","length":2,"location":{"column":3,"file":"pipelines/daily.pipe","line":2},\
            "message":"unknown step kind 'x'","notes":["n"],"related":{"column":5,"file":"pipelines/daily.pipe","line":4},\
            "severity":"error"}]
            """)
        #expect(try JSONDecoder().decode(MessageID.self, from: Data("\"plan.empty-glob\"".utf8)) == MessageID(domain: "plan", id: "empty-glob"))
    }
}

extension Diagnostic {
    func with(notes: [String]) -> Diagnostic {
        var copy = self
        copy.notes = notes
        return copy
    }
}
