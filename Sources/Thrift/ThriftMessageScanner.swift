/// Finds where a message ends in a byte stream without decoding it, for transports that do not frame
/// messages (unframed NOSASL) or that may split one message over several frames.
public enum ThriftMessageScanner {
    /// The length of the first complete message in `bytes`, or nil if more bytes are needed.
    /// Throws for bytes that can never become a valid message (bad header, over-limit lengths).
    public static func completeLength(of bytes: [UInt8], limits: ThriftLimits = .default) throws(ThriftError) -> Int? {
        var reader = ThriftReader(bytes: bytes, limits: limits)
        do {
            _ = try reader.readMessageBegin()
            try reader.skip(.struct)
            return reader.position
        } catch .endOfData {
            return nil
        }
    }
}
