import ArgumentParser
import PipelineApp
import PipelineRun

extension ExitStatus {
    /// Ends the command with this status (ArgumentParser exits on a thrown `ExitCode`).
    func exit() throws {
        if self != .success { throw ExitCode(rawValue) }
    }
}

// The use cases' formats and enums as flag values.
extension PlanUseCase.Format: ExpressibleByArgument {}
extension CheckUseCase.Format: ExpressibleByArgument {}
extension StatusUseCase.Format: ExpressibleByArgument {}
extension RunsUseCase.Format: ExpressibleByArgument {}
extension PreflightUseCase.Format: ExpressibleByArgument {}
extension MetricsShowUseCase.Format: ExpressibleByArgument {}
extension LogSettings.Format: ExpressibleByArgument {}
extension StateSettings.Kind: ExpressibleByArgument {}
