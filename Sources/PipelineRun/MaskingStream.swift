import PipelinePlan

/// Masks secrets in a byte stream that arrives in arbitrary chunks: a secret split across two reads is still
/// masked, because a tail that could be the start of a secret is held back until the next chunk (or the end)
/// decides. At most the longest secret's length minus one byte is ever held.
struct MaskingStream: Sendable {
    private let secrets: [[UInt8]]
    private var held: [UInt8] = []
    private static let replacement = Array(SecretMask.replacement.utf8)

    init(_ mask: SecretMask) {
        secrets = mask.secrets.map { Array($0.utf8) }
    }

    /// What can be written now.
    mutating func feed(_ chunk: some Collection<UInt8>) -> [UInt8] {
        guard !secrets.isEmpty else { return Array(chunk) }
        let buffer = held + chunk
        held = []
        var out: [UInt8] = []
        out.reserveCapacity(buffer.count)
        var i = 0
        scan: while i < buffer.count {
            // Longest first: a longer secret that may still complete wins over a shorter one already complete.
            for secret in secrets where secret[0] == buffer[i] {
                let available = buffer.count - i
                if available >= secret.count {
                    if buffer[i..<(i + secret.count)].elementsEqual(secret) {
                        out += Self.replacement
                        i += secret.count
                        continue scan
                    }
                } else if buffer[i...].elementsEqual(secret[0..<available]) {
                    held = Array(buffer[i...])
                    break scan
                }
            }
            out.append(buffer[i])
            i += 1
        }
        return out
    }

    /// The end of the stream: what was held back cannot become a secret any more.
    mutating func finish() -> [UInt8] {
        defer { held = [] }
        return held
    }
}
