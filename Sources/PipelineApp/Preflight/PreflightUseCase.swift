import Metastore
import PipelinePlan
import PipelineRun

/// `preflight`: proves over MySQL that the metastore is a Hive 3 schema. 0 passed (warnings allowed), 1 a check
/// failed, 2 unusable input, 4 cannot connect, 130/143 SIGINT/SIGTERM (honoured at once, even mid-connect).
public struct PreflightUseCase: Sendable {
    public enum Format: String, Sendable, CaseIterable { case text, json }

    /// The pipeline file: its metastore block and the databases it creates are used.
    public var file: String?
    public var profile: String?
    public var settings: PreflightSettings
    public var format: Format

    public init(file: String?, profile: String? = nil, settings: PreflightSettings, format: Format = .text) {
        self.file = file
        self.profile = profile
        self.settings = settings
        self.format = format
    }

    public func run(_ context: AppContext) async -> ExitStatus {
        await context.outcome { () async throws(CommandFailure) -> ExitStatus in
            let report: PreflightReport
            do {
                report = try await Interruptible.run { try await self.report(context) }
            } catch let interrupted as Interrupted {
                throw CommandFailure(interrupted.status, "metastore preflight: interrupted by \(interrupted.name); nothing was checked")
            } catch let failure as CommandFailure {
                throw failure
            } catch {
                throw CommandFailure(.unusableInput, "\(error)")
            }
            switch format {
            case .text: context.console.print(report.renderText())
            case .json: context.console.print(try JSONDocument.encode { try report.renderJSON() })
            }
            return ExitStatus(preflight: report.outcome, inRun: false)
        }
    }

    /// Plans the file (its errors exit 2 as for every command), then runs the checks.
    private func report(_ context: AppContext) async throws(CommandFailure) -> PreflightReport {
        let plan = try file.map { file throws(CommandFailure) in try PlanLoading.load(file: file, profile: profile, context: context) }
        do {
            let layered = try settings.settings(for: plan, environment: context.environment)
            if let file, layered.host == nil, layered.secretID == nil, layered.optionFile == nil {
                throw MetastoreError.unusableInput(
                    "\(file)\(profile.map { " (profile \($0))" } ?? "") configures no metastore: "
                        + "give --metastore-host or a pipeline `metastore { }` block")
            }
            return await settings.run(layered, plan: plan, environment: context.environment)
        } catch {
            return PreflightReport(target: nil, checks: [PreflightResult(.settings, .fail, "\(error)")], outcome: .unusableInput)
        }
    }
}
