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
}
