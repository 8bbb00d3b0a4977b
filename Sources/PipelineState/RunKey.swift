/// The identity of a record: one per (correlation id, data product), as in the original DynamoDB table.
public struct RunKey: Sendable, Hashable, Codable, CustomStringConvertible {
    public var correlationID: String
    public var product: String

    public init(correlationID: String, product: String) {
        self.correlationID = correlationID
        self.product = product
    }

    public var description: String { "\(correlationID)/\(product)" }
}

/// Who is executing a run: written to the record so an operator can tell which machine holds a lease.
public struct RunOwner: Sendable, Hashable, Codable, CustomStringConvertible {
    public var host: String
    public var pid: Int32

    public init(host: String, pid: Int32) {
        self.host = host
        self.pid = pid
    }

    public var description: String { "\(host):\(pid)" }
}
