import Foundation

/// Signs, sends and retries requests for one service; turns error answers into `AWSError.service`.
/// The service clients (DynamoDB, S3, Secrets Manager) are thin layers over it.
public struct AWSServiceClient: Sendable {
    public let configuration: AWSConfiguration
    /// The signing name, e.g. `dynamodb`, `s3`, `secretsmanager`.
    public let service: String
    public let endpoint: AWSEndpoint

    public init(service: String, configuration: AWSConfiguration) {
        self.service = service
        self.configuration = configuration
        self.endpoint = configuration.endpoint ?? .aws(service: service, region: configuration.region)
    }

    /// Sends `request` (its endpoint is replaced by the service endpoint) and returns a 2xx answer.
    /// Retryable failures are retried per the policy (attempts and time budget); the last one is thrown wrapped
    /// in `retriesExhausted`.
    public func send(operation: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        var request = request
        request.endpoint = endpoint
        let retry = configuration.retry
        let start = retry.now()
        var attempt = 0
        while true {
            attempt += 1
            let error: AWSError
            do {
                let response = try await sendOnce(operation: operation, request)
                if (200..<300).contains(response.status) { return response }
                let parsed = AWSErrorResponse(response)
                error = .service(
                    operation: operation, endpoint: endpoint.description, status: response.status, code: parsed.code,
                    message: parsed.message)
            } catch let failure as AWSError {
                error = failure
            }
            guard AWSRetryPolicy.isRetryable(error) else { throw error }
            guard let delay = retry.nextDelay(afterAttempts: attempt, startedAt: start) else {
                throw attempt == 1 ? error : AWSError.retriesExhausted(attempts: attempt, last: error)
            }
            do {
                try await retry.sleep(delay)
            } catch {
                throw AWSError.cancelled(operation: operation, endpoint: endpoint.description)
            }
        }
    }

    private func sendOnce(operation: String, _ request: HTTPRequest) async throws -> HTTPResponse {
        guard let credentials = try await configuration.credentials.credentials() else {
            throw AWSError.noCredentials(tried: [configuration.credentials.name])
        }
        let signer = SigV4Signer(credentials: credentials, region: configuration.region, service: service)
        return try await configuration.http.send(signer.sign(request, date: configuration.clock()), operation: operation)
    }

    /// POSTs a JSON-protocol call (`X-Amz-Target: <prefix>.<operation>`) and decodes the answer.
    func json<Output: Decodable>(
        _ operation: String, targetPrefix: String, jsonVersion: String, body: some Encodable, as: Output.Type
    ) async throws -> Output {
        let request = HTTPRequest(
            method: "POST", endpoint: endpoint, path: "/",
            headers: [
                HTTPHeader("Content-Type", "application/x-amz-json-\(jsonVersion)"),
                HTTPHeader("X-Amz-Target", "\(targetPrefix).\(operation)"),
            ],
            body: try JSONEncoder().encode(body))
        let response = try await send(operation: operation, request)
        do {
            return try JSONDecoder().decode(Output.self, from: response.body.isEmpty ? Data("{}".utf8) : response.body)
        } catch {
            throw AWSError.invalidResponse(
                operation: operation, endpoint: endpoint.description,
                reason: String(describing: error).replacingOccurrences(of: "\n", with: " "))
        }
    }
}

/// For calls whose answer we do not need.
struct EmptyOutput: Decodable {}
