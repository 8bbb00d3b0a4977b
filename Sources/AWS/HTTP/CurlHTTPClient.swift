import Dispatch
import Synchronization

/// HTTP over libcurl. libcurl's easy interface blocks, so each transfer runs on a dedicated dispatch queue
/// and is bridged back with a continuation: the cooperative pool never waits on the network. Cancelling the
/// task aborts the transfer from libcurl's progress callback. Easy handles are reused (keep-alive) through a
/// small pool; each `CurlEasy` frees its `CURL*` in `deinit`.
public final class CurlHTTPClient: HTTPClient {
    public let timeouts: HTTPTimeouts
    private let queue = DispatchQueue(label: "pdm-pipeline.curl", attributes: .concurrent)
    private let idle = Mutex<[CurlEasy]>([])
    private static let maxIdleHandles = 4

    public init(timeouts: HTTPTimeouts = .aws) {
        self.timeouts = timeouts
    }

    public func send(_ request: HTTPRequest, operation: String) async throws -> HTTPResponse {
        let transfer = CurlTransfer()
        let endpoint = request.endpoint.description
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<HTTPResponse, any Error>) in
                queue.async {
                    let result = self.perform(request, transfer: transfer)
                    continuation.resume(with: result.mapError { $0.awsError(operation: operation, endpoint: endpoint) })
                }
            }
        } onCancel: {
            transfer.cancel()
        }
    }

    private func perform(_ request: HTTPRequest, transfer: CurlTransfer) -> Result<HTTPResponse, CurlFailure> {
        let easy = idle.withLock { $0.popLast() } ?? CurlEasy()
        guard let easy else { return .failure(CurlFailure(kind: .transport, message: "curl_easy_init failed", seconds: 0)) }
        let result = easy.perform(request, timeouts: timeouts, transfer: transfer)
        // A handle whose transfer failed may hold a broken connection; let it go.
        if case .success = result {
            idle.withLock { if $0.count < Self.maxIdleHandles { $0.append(easy) } }
        }
        return result
    }
}
