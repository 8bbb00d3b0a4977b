import AWS
import Foundation
import Logging
import PipelineMetrics
import PipelinePlan

/// Builds the run's metrics session from the plan's `metrics { }` block: S3 through the AWS layer with the same
/// credentials chain, region and `--aws-endpoint` as the DynamoDB store, short timeouts and a single attempt per
/// upload (the next tick is the retry). A block that cannot be used turns metrics off with one line; it never
/// stops the run.
enum MetricsWiring {
    /// Per call: a slow S3 or pushgateway costs at most this, off the pipeline's path.
    static let timeouts = HTTPTimeouts(connect: 2, total: 5)

    static func session(
        plan: Plan, clusterID: String, aws: AWSSettings, environment: [String: String], logger: Logger
    ) -> MetricsSession? {
        guard let settings = plan.metrics else { return nil }
        let http = CurlHTTPClient(timeouts: timeouts)
        var store: (any ObjectStore)?
        if settings.s3 != nil {
            do {
                var configuration = try AWSConfiguration.fromEnvironment(
                    environment, endpoint: aws.endpoint, region: aws.region, http: http)
                configuration.retry = AWSRetryPolicy(maxAttempts: 1)
                store = S3Client(configuration: configuration)
            } catch {
                logger.warning("metrics: S3 export off: \(error)")
            }
        }
        do {
            return try MetricsSession(
                settings: settings, plan: plan, clusterID: clusterID, store: store, http: http, logger: logger,
                drainTimeout: .seconds(10))
        } catch {
            logger.warning("metrics: off: \(error)")
            return nil
        }
    }
}
