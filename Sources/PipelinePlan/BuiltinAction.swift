/// The built-in actions a pipeline may name. The runner implements them; the planner only checks names.
public enum BuiltinAction: String, Sendable, CaseIterable {
    /// Wait, e.g. the grace period before the final flushes (`duration=180s`).
    case sleep
    /// Delete the metrics object in S3.
    case metricsDeleteS3 = "metrics.delete-s3"
    /// Start exporting the metrics file to S3 in the background.
    case metricsExportStart = "metrics.export-start"
    /// Stop that export (the original never did, and re-uploaded after the final delete).
    case metricsExportStop = "metrics.export-stop"
    /// `PUT /api/v1/admin/wipe` on the pushgateway.
    case pushgatewayWipe = "pushgateway.wipe"
}
