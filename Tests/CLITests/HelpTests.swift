import Foundation
import PipelineRun
import Testing
import TestSupport

/// Each command's `--help` lists its exit codes from `ExitStatus` (the docs table's source), so neither can drift.
@Suite struct HelpTests {
    let binary = Command.product("pdm-pipeline")

    func help(_ command: PipelineRun.ExitStatus.Subcommand) async throws -> String {
        let r = try await Command.run(binary, command.rawValue.split(separator: " ").map(String.init) + ["--help"], environment: ["PATH": "/usr/bin:/bin"])
        #expect(r.status == 0, "\(command.rawValue) --help: \(r.stderr)")
        return Self.flat(r.stdout)
    }

    /// ArgumentParser wraps the discussion to the terminal: compare with runs of white space as one space.
    static func flat(_ text: String) -> String {
        text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    @Test(arguments: PipelineRun.ExitStatus.Subcommand.allCases)
    func helpListsTheCommandsCodes(_ command: PipelineRun.ExitStatus.Subcommand) async throws {
        let text = try await help(command)
        #expect(text.contains(Self.flat(PipelineRun.ExitStatus.helpText(for: command))), "\(command.rawValue) --help:\n\(text)")
    }

    /// `run` can end with every code; its help once left out 7 (a failed metastore preflight).
    @Test func runHelpListsEveryCode() async throws {
        let text = try await help(.run)
        for status in PipelineRun.ExitStatus.allCases {
            #expect(text.contains(" \(status.rawValue) "), "run --help lacks \(status.rawValue)")
        }
        #expect(text.contains("7 the metastore preflight failed a check"))
        #expect(text.contains("64 command-line usage error"))
    }
}
