import Foundation
import HQLAnalysis
import Testing
import TestSupport

/// The table inference against a real parser: Spark's SQL parser (through pyspark, `scripts/lib/hql_oracle.py`)
/// reads every statement of the corpus (`Tests/Fixtures/hql-oracle/corpus.sql`) and of the project's `sql/` tree,
/// and says which tables it reads and writes. A read or a write Spark sees and the inference misses would be a wrong
/// schedule in table order: none may be missed, unless the inference calls the statement opaque (a barrier, which
/// orders it against everything). Extra reads only cost parallelism: they are counted and printed.
@Suite(.enabled(if: PySpark.python != nil || LiveServer.isCI, "no python with pyspark: run scripts/setup-python (or set PDM_VENV)"))
struct SparkOracleTests {
    static let root = LiveServer.repositoryRoot

    struct Statement {
        var origin: String
        var sql: String
    }

    /// Each statement as Hive runs it: split on `;` (outside strings and comments), then substituted. In `sql/`
    /// every `${hivevar:name}` becomes `name` (a valid identifier wherever a database name goes).
    static func statements(of source: String, origin: String, variables: HiveVariables = HiveVariables()) -> [Statement] {
        let text = HQLText(source)
        let scan = HQLScanner().scan(text.scalars)
        var start = 0
        var out: [Statement] = []
        for (index, end) in (scan.statementEnds + [text.scalars.count]).enumerated() {
            defer { start = end + 1 }
            guard start < end else { continue }
            let sql = SubstitutedText.substitute(text, range: start..<end, variables: variables).string
            guard !HQLScanner().scan(Array(sql.unicodeScalars)).tokens.isEmpty else { continue }
            out.append(Statement(origin: "\(origin) statement \(index + 1) (line \(text.position(of: start).line))", sql: sql))
        }
        return out
    }

    static func corpus() throws -> [Statement] {
        let corpus = root.appendingPathComponent("Tests/Fixtures/hql-oracle/corpus.sql")
        var all = statements(of: try String(contentsOf: corpus, encoding: .utf8), origin: "corpus.sql")
        let sql = root.appendingPathComponent("sql")
        let files = (FileManager.default.enumerator(atPath: sql.path)?.allObjects as? [String] ?? []).filter { $0.hasSuffix(".sql") }.sorted()
        for file in files {
            let source = try String(contentsOf: sql.appendingPathComponent(file), encoding: .utf8)
            let names = Set(HQLFileAnalysis(source: source, variables: HiveVariables()).references.map(\.name))
            let variables = HiveVariables(hivevars: Dictionary(uniqueKeysWithValues: names.map { ($0, $0) }))
            all += statements(of: source, origin: "sql/\(file)", variables: variables)
        }
        return all
    }

    struct Verdict: Decodable {
        var reads: [String]?
        var writes: [String]?
        var error: String?
    }

    @Test(.timeLimit(.minutes(10))) func noTableSparksParserSeesIsMissed() async throws {
        let python = try #require(PySpark.python, "no python with pyspark")
        let statements = try Self.corpus()
        let input = String(decoding: try JSONEncoder().encode(statements.map(\.sql)), as: UTF8.self)
        let result = try await Command.run(
            python, [Self.root.appendingPathComponent("scripts/lib/hql_oracle.py").path], stdin: input)
        #expect(result.status == 0, "\(result.stderr.suffix(2000))")
        let verdicts = try JSONDecoder().decode([Verdict].self, from: Data(result.stdout.utf8))
        try #require(verdicts.count == statements.count)

        var compared = 0, unparsed: [String] = [], extraReads: [String] = [], extraWrites: [String] = [], coveredByBarrier = 0
        for (statement, verdict) in zip(statements, verdicts) {
            guard let sparkReads = verdict.reads, let sparkWrites = verdict.writes else {
                unparsed.append("\(statement.origin): \(verdict.error ?? "?")")
                continue
            }
            compared += 1
            let analysis = HQLFileAnalysis(source: statement.sql, variables: HiveVariables())
            let reads = Set(analysis.tables.filter { $0.kind == .read }.map(\.table))
            let writes = Set(analysis.tables.filter { $0.kind == .write }.map(\.table))
            let missedReads = Set(sparkReads).subtracting(reads)
            let missedWrites = Set(sparkWrites).subtracting(writes)
            if !missedReads.isEmpty || !missedWrites.isEmpty, !analysis.opaque.isEmpty {
                coveredByBarrier += 1  // a barrier waits for everything: nothing is missed
                continue
            }
            #expect(missedReads.isEmpty, "\(statement.origin): reads \(missedReads.sorted()) missed in: \(statement.sql)")
            #expect(missedWrites.isEmpty, "\(statement.origin): writes \(missedWrites.sorted()) missed in: \(statement.sql)")
            extraReads += reads.subtracting(sparkReads).sorted().map { "\(statement.origin): \($0)" }
            extraWrites += writes.subtracting(sparkWrites).sorted().map { "\(statement.origin): \($0)" }
        }
        print("""
            table inference against Spark's parser: \(statements.count) statements, \(compared) compared, \
            \(unparsed.count) Spark cannot parse, \(coveredByBarrier) covered by a barrier; \
            extra reads \(extraReads.count), extra writes \(extraWrites.count)
            """)
        for line in unparsed { print("  not parsed by Spark: \(line)") }
        for line in extraReads { print("  extra read: \(line)") }
        for line in extraWrites { print("  extra write: \(line)") }
        // The corpus is for comparing: Spark must read nearly all of it.
        #expect(compared >= statements.count * 9 / 10)
    }
}

/// The venv's python (`PDM_VENV`, else the repository's `.venv`), if it has pyspark.
enum PySpark {
    static let python: String? = {
        let venvs = [LiveServer.value("PDM_VENV"), LiveServer.repositoryRoot.appendingPathComponent(".venv").path].compactMap { $0 }
        for venv in venvs {
            let lib = URL(fileURLWithPath: venv).appendingPathComponent("lib")
            let versions = (try? FileManager.default.contentsOfDirectory(atPath: lib.path)) ?? []
            if versions.contains(where: { FileManager.default.fileExists(atPath: lib.appendingPathComponent("\($0)/site-packages/pyspark").path) }) {
                return venv + "/bin/python"
            }
        }
        return nil
    }()
}
