import Testing

@testable import PipelineDSL

@Suite struct ParserTests {
    func parse(_ text: String) -> (file: PipelineFile, errors: [String]) {
        let (file, diagnostics) = PipelineParser.parse(path: "t.pipe", text: text)
        return (file, diagnostics.map(\.description))
    }

    @Test func directivesWithConditionsNamedArgumentsAndBlocks() {
        var lexer = Lexer(file: "t.pipe", text: "step load always when a and not (b == \"x\") {\n  glob \"*.sql\" exclude=[\"a.sql\", \"b.sql\"]\n}\n")
        var parser = Parser(tokens: lexer.tokenize())
        let directives = parser.parseFile()
        #expect(parser.diagnostics.isEmpty)
        #expect(directives.count == 1)
        let step = directives[0]
        #expect(step.keyword == "step")
        #expect(step.positional.map(\.source) == ["load", "always"])
        #expect(step.condition?.source == #"a and not b == "x""#)
        let glob = step.block![0]
        #expect(glob.positional.map(\.source) == ["\"*.sql\""])
        #expect(glob.named.map(\.key) == ["exclude"])
        #expect(glob.named[0].value.source == #"["a.sql", "b.sql"]"#)
    }

    /// Each nesting level costs stack frames: 100,000 of them would overflow the stack without the limit.
    @Test func deeplyNestedExpressionsAreOneErrorNotAStackOverflow() {
        let depth = 100_000
        let cases = [
            (String(repeating: "(", count: depth) + "a" + String(repeating: ")", count: depth), 13 + 64),
            (String(repeating: "[", count: depth) + "a" + String(repeating: "]", count: depth), 13 + 64),
            (String(repeating: "not ", count: depth) + "a", 13 + 64 * 4),
        ]
        for (condition, column) in cases {
            let (file, errors) = parse("step s when \(condition) {\n  file \"a.sql\"\n}\n")
            #expect(errors == ["t.pipe:1:\(column): error: expression nested more than 64 deep [parse.expression-nested-too-deeply]"])
            #expect(file.steps.map(\.name) == ["s"])
        }
        // 64 levels are fine.
        let (_, errors) = parse("step s when " + String(repeating: "(", count: 63) + "a" + String(repeating: ")", count: 63) + " {\n  file \"a.sql\"\n}\n")
        #expect(errors.isEmpty)
    }

    @Test func aWholePipelineBuildsTheTypedTree() throws {
        let (file, errors) = parse("""
            pipeline "demo"
            product PDM
            sql "../sql"
            parallelism 8
            retry attempts=3 delay=2s backoff=exponential max_delay=1m jitter=false
            var db = env("DB", "uc")
            param correlation_id
            hivevar database = "${db}"
            profile prod {
              parallelism 30
              var db = "uc_prod"
            }
            step s1 when on_emr {
              on_failure continue
              resume task
              timeout 2h
              file "a.sql" "b.sql"
            }
            step s2 always {
              wave first { glob "m/*.1.sql" }
              wave 2 { statement "SELECT 1" when x }
            }
            step s3 {
              each_line "names.txt" as t {
                hivevar table = "${t}"
                statement "DROP TABLE ${t}"
              }
              action sleep duration=3s
            }
            """)
        #expect(errors == [])
        #expect(file.name?.value == "demo")
        #expect(file.product?.value == "PDM")
        #expect(file.settings.parallelism?.value == 8)
        #expect(file.settings.retry.attempts?.value == 3)
        #expect(file.settings.retry.maxDelay?.value == 60)
        #expect(file.settings.retry.jitter?.value == false)
        #expect(file.scope.variables.map(\.name) == ["db", "correlation_id"])
        #expect(file.scope.variables[1].value == nil)
        #expect(file.profiles.map(\.name) == ["prod"])
        #expect(file.profiles[0].settings.parallelism?.value == 30)
        #expect(file.steps.map(\.name) == ["s1", "s2", "s3"])
        #expect(file.steps[0].settings.onFailure?.value == .continue)
        #expect(file.steps[0].resume?.value == .task)
        #expect(file.steps[0].settings.timeout?.value == .seconds(7200))
        #expect(file.steps[0].condition?.source == "on_emr")
        #expect(file.steps[1].always)
        #expect(file.steps[1].waves.map(\.name) == ["first", "2"])
        #expect(file.steps[1].waves[1].tasks[0].condition?.source == "x")
        guard case .eachLine(let each) = file.steps[2].waves[0].tasks[0].kind else { Issue.record("no each_line"); return }
        #expect(each.variable == "t")
        #expect(each.scope.hivevars.map(\.key) == ["table"])
        guard case .action("sleep", let options) = file.steps[2].waves[0].tasks[1].kind else { Issue.record("no action"); return }
        #expect(options.map(\.key) == ["duration"])
    }

    @Test func everyErrorIsReportedNotJustTheFirst() {
        let (_, errors) = parse("""
            paralelism 4
            step a {
              fiel "x.sql"
              wave { file "y.sql" }
            }
            step a { file "z.sql" }
            engine hvie
            """)
        #expect(errors == [
            "t.pipe:1:1: error: unknown directive 'paralelism' at top level [build.unknown-directive]",
            "t.pipe:3:3: error: unknown directive 'fiel' in a step [build.unknown-directive]",
            "t.pipe:6:6: error: step 'a' is defined twice [build.step-defined-twice]",
            "t.pipe:7:8: error: 'engine' must be one of hive, beeline, hiveserver2, not 'hvie' [build.not-one-of]",
        ])
    }

    /// `on_failure ignore` marks a step as not critical; a pipeline or profile cannot make every step so.
    @Test func onFailureIgnoreIsAStepsOwnMarker() {
        let (file, errors) = parse("""
            on_failure continue
            profile dev { on_failure continue }
            step flush {
              on_failure ignore
              action pushgateway.wipe
            }
            """)
        #expect(errors == [])
        #expect(file.settings.onFailure?.value == .continue)
        #expect(file.steps[0].settings.onFailure?.value == .ignore)

        let (_, refused) = parse("""
            on_failure ignore
            profile dev {
              on_failure ignore
            }
            step s { file "a.sql" }
            """)
        #expect(refused == [
            "t.pipe:1:12: error: 'on_failure ignore' is not allowed at top level [build.ignore-not-allowed]",
            "t.pipe:3:14: error: 'on_failure ignore' is not allowed in a profile [build.ignore-not-allowed]",
        ])
    }

    @Test func unclosedBlockAndStrayBraceAreReported() {
        #expect(parse("step a {\n  file \"x\"\n").errors == ["t.pipe:3:1: error: expected '}' to close the block opened at 1:8 [parse.expected-close-brace]"])
        #expect(parse("}\nstep a { file \"x\" }\n").errors == ["t.pipe:1:1: error: unexpected '}' with no block open [parse.unexpected-close-brace]"])
    }
}
