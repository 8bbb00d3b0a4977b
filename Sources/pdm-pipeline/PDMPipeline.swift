import ArgumentParser
import PipelineApp

@main
struct PDMPipeline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "pdm-pipeline",
        abstract: "Run a data product's HiveQL pipeline on EMR, resumably.",
        version: AppContext.versionLine,
        subcommands: [
            PlanCommand.self,
            CheckCommand.self,
            RunCommand.self,
            StatusCommand.self,
            RunsCommand.self,
            MetricsCommand.self,
            ReportCommand.self,
            PreflightCommand.self,
            StateCommand.self,
            WatchdogCommand.self,
        ]
    )

    /// The entry point: /proc checked before any task starts a thread, the arguments from the C entry point, not
    /// `CommandLine` (see `ProcessArguments`).
    static func main() async {
        ProcessArguments.requireProcOrExit()
        await main(ProcessArguments.readOrExit())
    }
}
