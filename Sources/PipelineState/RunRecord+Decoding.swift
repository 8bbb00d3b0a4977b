import Foundation

/// Decoding of record files, attribute by attribute, so an unusable value is reported with its attribute name
/// (Foundation's decoder says only "not valid JSON" for `"Run_Id": 1e20`) and numbers are read strictly: a
/// fractional or huge Run_Id or pid is an error, never truncated. Encoding stays synthesized.
extension RunRecord {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let field = DecodingField(container: container)
        self.init(
            correlationID: try field.value(.correlationID), product: try field.value(.product), date: try field.value(.date),
            runID: try field.wholeNumber(.runID, in: RecordLimits.runIDs), status: try field.value(.status),
            currentStep: try field.optional(.currentStep), clusterID: try field.value(.clusterID),
            s3Prefix: try field.value(.s3Prefix), snapshotType: try field.value(.snapshotType),
            leaseExpiresAt: try field.optional(.leaseExpiresAt), completedTasks: try field.optional(.completedTasks) ?? [],
            continuedFailures: try field.optional(.continuedFailures) ?? [], failureReason: try field.optional(.failureReason),
            startedAt: try field.value(.startedAt), updatedAt: try field.value(.updatedAt), owner: try field.value(.owner),
            fingerprints: try field.optional(.fingerprints))
    }
}

extension RunOwner {
    enum CodingKeys: String, CodingKey { case host, pid }

    public init(from decoder: any Decoder) throws {
        let field = DecodingField(container: try decoder.container(keyedBy: CodingKeys.self))
        self.init(host: try field.value(.host), pid: Int32(try field.wholeNumber(.pid, in: 0...Int(Int32.max))))
    }
}

/// One keyed container; every failure names its key.
struct DecodingField<Key: CodingKey> {
    let container: KeyedDecodingContainer<Key>

    func value<T: Decodable>(_ key: Key) throws -> T {
        do {
            return try container.decode(T.self, forKey: key)
        } catch {
            throw located(error, key)
        }
    }

    func optional<T: Decodable>(_ key: Key) throws -> T? {
        do {
            return try container.decodeIfPresent(T.self, forKey: key)
        } catch {
            throw located(error, key)
        }
    }

    /// A JSON number that is a whole number within `range` (read as a Double first: Int decoding fails without
    /// naming the key for 1e20 and would not say why).
    func wholeNumber(_ key: Key, in range: ClosedRange<Int>) throws -> Int {
        let number: Double = try value(key)
        guard number.isFinite, number == number.rounded(), Double(range.lowerBound) <= number, number <= Double(range.upperBound)
        else {
            throw DecodingError.dataCorrupted(.init(
                codingPath: container.codingPath + [key],
                debugDescription: "\(number) is not a whole number in \(range.lowerBound)...\(range.upperBound)"))
        }
        return Int(number)
    }

    private func located(_ error: any Error, _ key: Key) -> any Error {
        switch error {
        case DecodingError.dataCorrupted(let context) where context.codingPath.isEmpty:
            return DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: context.debugDescription))
        case DecodingError.keyNotFound, DecodingError.dataCorrupted, DecodingError.typeMismatch, DecodingError.valueNotFound:
            return error
        default:
            return DecodingError.dataCorrupted(.init(codingPath: container.codingPath + [key], debugDescription: "\(error)"))
        }
    }
}
