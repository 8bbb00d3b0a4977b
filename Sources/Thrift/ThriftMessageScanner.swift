/// Finds where a message ends in a byte stream without decoding it, for transports that do not frame
/// messages (unframed NOSASL) or that may split one message over several frames.
///
/// It resumes where it stopped: fed a buffer that grows (bytes appended, none removed), it looks at each byte
/// once, so a message that arrives one byte at a time costs linear work, not a rescan per piece. A value it
/// cannot finish yet (a length prefix cut in two) is looked at again from its start: a few bytes at most.
public struct ThriftMessageScanner: Sendable {
    public let limits: ThriftLimits
    /// Offset of the next unexamined byte of the current message.
    public private(set) var position = 0
    /// What is left to read, innermost last.
    private var pending: [Pending]
    /// Structs and containers open on `pending`, checked against `limits.maxDepth`.
    private var depth = 0

    private enum Pending: Sendable {
        /// The strict version word of a message header.
        case version
        /// One value of this type.
        case value(ThriftType)
        /// The fields of an open struct, up to its stop byte.
        case fields
        /// Elements of an open list or set still to come.
        case elements(ThriftType, remaining: Int)
        /// Keys and values of an open map still to come (2 per entry).
        case entries(key: ThriftType, value: ThriftType, remaining: Int)
        /// Bytes to pass over (fixed-size values, string bodies, header fields).
        case skip(Int)
    }

    public init(limits: ThriftLimits = .default) {
        self.limits = limits
        self.pending = Self.start
    }

    private static let start: [Pending] = [.value(.struct), .skip(4), .value(.string), .version]

    /// Starts over for a new message at offset 0.
    public mutating func reset() {
        position = 0
        pending = Self.start
        depth = 0
    }

    /// Continues through `bytes` (the current message from offset 0; earlier calls saw a prefix of it): the
    /// message's length once it is complete, nil while more bytes are needed. Throws for bytes that can never
    /// become a valid message (bad header, unknown type, over-limit lengths or nesting).
    public mutating func scan(_ bytes: [UInt8]) throws(ThriftError) -> Int? {
        while let top = pending.last {
            let available = bytes.count - position
            switch top {
            case .skip(let n):
                let taken = min(n, available)
                position += taken
                if taken < n {
                    pending[pending.count - 1] = .skip(n - taken)
                    return nil
                }
                pending.removeLast()
            case .version:
                guard available >= 4 else { return nil }
                let word = Self.u32(bytes, at: position)
                guard word & 0xFFFF_0000 == 0x8001_0000 else { throw .badVersion(word) }
                let code = UInt8(word & 0xFF)
                guard ThriftMessageType(rawValue: code) != nil else { throw .unknownMessageType(code) }
                position += 4
                pending.removeLast()
            case .value(let type):
                guard try begin(type, bytes, available: available) else { return nil }
            case .fields:
                guard available >= 1 else { return nil }
                let type = try Self.type(bytes[position])
                if type == .stop {
                    position += 1
                    pending.removeLast()
                    depth -= 1
                    continue
                }
                guard available >= 3 else { return nil }
                position += 3
                pending.append(.value(type))
            case .elements(let type, let remaining):
                if remaining == 0 {
                    pending.removeLast()
                    depth -= 1
                } else if let size = type.fixedSize {
                    // All at once: a list of a million booleans is one skip, not a million steps.
                    pending[pending.count - 1] = .elements(type, remaining: 0)
                    pending.append(.skip(remaining * size))
                } else {
                    pending[pending.count - 1] = .elements(type, remaining: remaining - 1)
                    pending.append(.value(type))
                }
            case .entries(let key, let value, let remaining):
                if remaining == 0 {
                    pending.removeLast()
                    depth -= 1
                } else {
                    pending[pending.count - 1] = .entries(key: key, value: value, remaining: remaining - 1)
                    pending.append(.value(remaining % 2 == 0 ? key : value))
                }
            }
        }
        return position
    }

    /// Replaces `.value(type)` on top with what reading it takes; false when its header is not all there yet.
    private mutating func begin(_ type: ThriftType, _ bytes: [UInt8], available: Int) throws(ThriftError) -> Bool {
        switch type {
        case .stop, .void:
            throw .unknownType(type.rawValue)
        case .bool, .byte, .i16, .i32, .i64, .double:
            pending[pending.count - 1] = .skip(type.fixedSize!)
        case .string:
            guard available >= 4 else { return false }
            let length = Int(Int32(bitPattern: Self.u32(bytes, at: position)))
            guard length >= 0, length <= limits.maxStringLength else {
                throw .limitExceeded(what: "string length", value: length, limit: limits.maxStringLength)
            }
            position += 4
            pending[pending.count - 1] = .skip(length)
        case .struct:
            try enter()
            pending[pending.count - 1] = .fields
        case .list, .set:
            guard available >= 5 else { return false }
            let element = try Self.type(bytes[position])
            let count = try self.count(bytes, at: position + 1, what: "list size")
            try enter()
            position += 5
            pending[pending.count - 1] = .elements(element, remaining: count)
        case .map:
            guard available >= 6 else { return false }
            let key = try Self.type(bytes[position])
            let value = try Self.type(bytes[position + 1])
            let count = try self.count(bytes, at: position + 2, what: "map size")
            try enter()
            position += 6
            pending[pending.count - 1] = .entries(key: key, value: value, remaining: count * 2)
        }
        return true
    }

    private mutating func enter() throws(ThriftError) {
        guard depth < limits.maxDepth else { throw .tooDeep(limit: limits.maxDepth) }
        depth += 1
    }

    private func count(_ bytes: [UInt8], at offset: Int, what: String) throws(ThriftError) -> Int {
        let count = Int(Int32(bitPattern: Self.u32(bytes, at: offset)))
        guard count >= 0, count <= limits.maxContainerCount else {
            throw .limitExceeded(what: what, value: count, limit: limits.maxContainerCount)
        }
        return count
    }

    private static func type(_ code: UInt8) throws(ThriftError) -> ThriftType {
        guard let type = ThriftType(rawValue: code) else { throw .unknownType(code) }
        return type
    }

    private static func u32(_ bytes: [UInt8], at offset: Int) -> UInt32 {
        UInt32(bytes[offset]) << 24 | UInt32(bytes[offset + 1]) << 16 | UInt32(bytes[offset + 2]) << 8 | UInt32(bytes[offset + 3])
    }

    /// The length of the first complete message in `bytes`, or nil if more bytes are needed.
    /// Throws for bytes that can never become a valid message (bad header, over-limit lengths).
    public static func completeLength(of bytes: [UInt8], limits: ThriftLimits = .default) throws(ThriftError) -> Int? {
        var scanner = ThriftMessageScanner(limits: limits)
        return try scanner.scan(bytes)
    }
}

extension ThriftType {
    /// Bytes one value takes on the wire, for the types whose size never varies.
    public var fixedSize: Int? {
        switch self {
        case .bool, .byte: 1
        case .i16: 2
        case .i32: 4
        case .i64, .double: 8
        default: nil
        }
    }
}
