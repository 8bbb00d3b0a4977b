import Foundation
import PipelinePlan

extension SecretMask {
    /// What a run masks everywhere (terminal, JSON log, timeline, task logs): the plan's secrets and, when a task
    /// uses the native engine, the HiveServer2 password from its `password_file`. Tasks read that file again when
    /// they connect and mask what they read, so a password rotated during the run is masked too.
    public static func forRun(_ plan: Plan, workingDirectory: String?) -> SecretMask {
        let secrets = SecretMask(plan: plan).secrets
        guard plan.usesNativeEngine, let file = plan.engines.hiveServer2.passwordFile else { return SecretMask(secrets: secrets) }
        let path = file.hasPrefix("/") || workingDirectory == nil
            ? file : URL(fileURLWithPath: workingDirectory!).appendingPathComponent(file).path
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            return SecretMask(secrets: secrets)
        }
        return SecretMask(secrets: secrets + [String(text.prefix { $0 != "\n" && $0 != "\r" })])
    }
}
