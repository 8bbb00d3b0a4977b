import Synchronization

/// Why a transfer produced no answer, before it is named after the operation.
struct CurlFailure: Error {
    enum Kind { case transport, timeout, cancelled }
    let kind: Kind
    let message: String
    let seconds: Double

    func awsError(operation: String, endpoint: String) -> AWSError {
        switch kind {
        case .transport: return .transport(operation: operation, endpoint: endpoint, reason: message)
        case .timeout: return .timeout(operation: operation, endpoint: endpoint, seconds: seconds)
        case .cancelled: return .cancelled(operation: operation, endpoint: endpoint)
        }
    }
}

/// What libcurl's callbacks fill during one transfer. Body and header lines are written only by the thread
/// running the transfer and read after it returns; only `cancelled` crosses threads, and it is atomic.
final class CurlTransfer: @unchecked Sendable {
    var body: [UInt8] = []
    var headerLines: [String] = []
    let cancelled = Atomic<Bool>(false)

    func cancel() { cancelled.store(true, ordering: .relaxed) }
}
