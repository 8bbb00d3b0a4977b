import Foundation
import PipelineDSL
import Testing
import TestSupport

@testable import PipelinePlan

/// `--sql-root DIR` (a data product's installed SQL release in place of the file's `sql` directive), the built-in
/// `sql_root`, and the pipeline-level `on_completed`.
@Suite struct SQLRootAndRerunTests {
    static let root = LiveServer.repositoryRoot.path

    /// A scratch tree: `pipelines/p.pipe` with the sample `sql/` beside it, and an installed release `release/sql/`.
    final class Tree {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-sqlroot-\(UUID().uuidString)").path
        var file: String { base + "/pipelines/p.pipe" }

        init() throws {
            for (path, text) in [
                "pipelines/p.pipe": SQLRootAndRerunTests.pipeline, "sql/model/sample.sql": "select 1;",
                "release/sql/model/a.sql": "select 1;", "release/sql/model/b.sql": "select 2;",
            ] {
                let url = URL(fileURLWithPath: base + "/" + path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: base) }

        func request(sqlRoot: String?, workingDirectory: String = "/") -> PlanRequest {
            PlanRequest(PlanArguments(file: file, correlationID: "c", sqlRoot: sqlRoot), workingDirectory: workingDirectory, today: "2026-11-21")
        }

        func plan(sqlRoot: String? = nil, workingDirectory: String = "/") throws -> Plan {
            try Planner.plan(request(sqlRoot: sqlRoot, workingDirectory: workingDirectory)).plan
        }

        func errors(sqlRoot: String?) -> [String] {
            do {
                _ = try Planner.plan(request(sqlRoot: sqlRoot))
                return []
            } catch {
                guard case .invalid(let diagnostics, _) = error else { return ["\(error)"] }
                return diagnostics.map(\.description)
            }
        }
    }

    static let pipeline = """
        pipeline "p"
        sql "../sql"
        step s {
          glob "model/*.sql"
        }
        step c {
          command "tool" "${sql_root}/lists/names.txt"
        }

        """

    @Test func theFlagReplacesTheDirectiveAndSQLRootIsAbsolute() throws {
        let tree = try Tree()
        let b = tree.base
        let sample = try tree.plan()
        #expect(sample.sqlRoot == b + "/sql")
        #expect(sample.step(named: "s")!.tasks.map(\.key) == ["s/model/sample.sql"])
        #expect(sample.step(named: "c")!.tasks.map(\.work) == [.command(["tool", b + "/sql/lists/names.txt"])])

        let release = try tree.plan(sqlRoot: b + "/release/sql")
        #expect(release.sqlRoot == b + "/release/sql")
        #expect(release.step(named: "s")!.tasks.map(\.key) == ["s/model/a.sql", "s/model/b.sql"])
        #expect(release.step(named: "s")!.tasks.map(\.work) == [
            .hqlFile(path: b + "/release/sql/model/a.sql", relative: "model/a.sql"),
            .hqlFile(path: b + "/release/sql/model/b.sql", relative: "model/b.sql"),
        ])
        #expect(release.step(named: "c")!.tasks.map(\.work) == [.command(["tool", b + "/release/sql/lists/names.txt"])])
        #expect(release.variables.first { $0.name == "sql_root" }?.value == b + "/release/sql")

        // Relative to the working directory, as any path on the command line.
        let relative = try tree.plan(sqlRoot: "./sql/", workingDirectory: b + "/release")
        #expect(relative.sqlRoot == "sql")
        #expect(relative.step(named: "c")!.tasks.map(\.work) == [.command(["tool", b + "/release/sql/lists/names.txt"])])
    }

    @Test func aSQLRootThatIsNotAFolderIsOneError() throws {
        let tree = try Tree()
        #expect(tree.errors(sqlRoot: tree.base + "/missing").first
            == "\(tree.file):1:1: error: --sql-root \(tree.base)/missing is not a folder [plan.sql-root-not-folder]")
        #expect(tree.errors(sqlRoot: tree.base + "/release/sql/model/a.sql").first
            == "\(tree.file):1:1: error: --sql-root \(tree.base)/release/sql/model/a.sql is not a folder [plan.sql-root-not-folder]")
    }

    @Test func pdmPipeRunsAgainstAnInstalledCopyOfItsSQL() throws {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("pdm-sql-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: URL(fileURLWithPath: Self.root + "/sql"), to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        var request = PlanRequest(
            PlanArguments(file: Self.root + "/pipelines/pdm.pipe", profile: "production", correlationID: "c", sqlRoot: copy.path), today: "2026-11-21")
        request.fileSystem = .disk
        let p = try Planner.plan(request).plan
        let hql = p.steps.flatMap(\.tasks).compactMap { if case .hqlFile(let path, _) = $0.work { path } else { nil } }
        #expect(!hql.isEmpty && hql.allSatisfy { $0.hasPrefix(copy.path + "/") })
        let unlock = try #require(p.step(named: "create-views-tables")?.waves.first?.tasks.first)
        guard case .command(let argv) = unlock.work else { Issue.record("unlock is not a command"); return }
        #expect(argv.last == copy.path + "/pdm_tables/pdm_table_names.txt")
    }

    @Test func onCompletedIsPipelineLevelAndRefuseByDefault() throws {
        func parse(_ text: String) -> (PipelineFile, [String]) {
            let (file, diagnostics) = PipelineParser.parse(path: "t.pipe", text: text)
            return (file, diagnostics.map(\.description))
        }
        #expect(parse("on_completed rerun\n").0.onCompleted?.value == .rerun)
        #expect(parse("pipeline \"x\"\n").0.onCompleted == nil)
        #expect(parse("on_completed maybe\n").1 == [
            "t.pipe:1:14: error: 'on_completed' must be one of refuse, rerun, not 'maybe' [build.not-one-of]",
        ])
        #expect(parse("on_completed rerun\non_completed refuse\n").1.first?.hasPrefix("t.pipe:2:1: error: 'on_completed' is set twice") == true)
        #expect(parse("profile p {\n  on_completed rerun\n}\n").1.first?.contains("'on_completed' is not allowed in a profile") == true)
        #expect(try Tree().plan().onCompleted == .refuse)
    }
}
