import Foundation

/// A DynamoDB attribute value, as the JSON protocol writes it: `{"S": "x"}`, `{"N": "1"}`, `{"M": {...}}`...
/// Numbers stay text, as DynamoDB sends them, so no precision is lost.
public indirect enum AttributeValue: Sendable, Equatable, Codable {
    case s(String)
    case n(String)
    case b(Data)
    case bool(Bool)
    case null
    case m([String: AttributeValue])
    case l([AttributeValue])
    case ss([String])
    case ns([String])
    case bs([Data])

    public static func number(_ value: Int) -> AttributeValue { .n(String(value)) }

    public var stringValue: String? { if case .s(let value) = self { value } else { nil } }
    public var intValue: Int? { if case .n(let value) = self { Int(value) } else { nil } }

    private enum Key: String, CodingKey { case S, N, B, BOOL, NULL, M, L, SS, NS, BS }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected one type key"))
        }
        switch key {
        case .S: self = .s(try container.decode(String.self, forKey: key))
        case .N: self = .n(try container.decode(String.self, forKey: key))
        case .B: self = .b(try container.decode(Data.self, forKey: key))
        case .BOOL: self = .bool(try container.decode(Bool.self, forKey: key))
        case .NULL: self = .null
        case .M: self = .m(try container.decode([String: AttributeValue].self, forKey: key))
        case .L: self = .l(try container.decode([AttributeValue].self, forKey: key))
        case .SS: self = .ss(try container.decode([String].self, forKey: key))
        case .NS: self = .ns(try container.decode([String].self, forKey: key))
        case .BS: self = .bs(try container.decode([Data].self, forKey: key))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        switch self {
        case .s(let value): try container.encode(value, forKey: .S)
        case .n(let value): try container.encode(value, forKey: .N)
        case .b(let value): try container.encode(value, forKey: .B)
        case .bool(let value): try container.encode(value, forKey: .BOOL)
        case .null: try container.encode(true, forKey: .NULL)
        case .m(let value): try container.encode(value, forKey: .M)
        case .l(let value): try container.encode(value, forKey: .L)
        case .ss(let value): try container.encode(value, forKey: .SS)
        case .ns(let value): try container.encode(value, forKey: .NS)
        case .bs(let value): try container.encode(value, forKey: .BS)
        }
    }
}

/// One DynamoDB item: attribute name → value.
public typealias DynamoDBItem = [String: AttributeValue]
