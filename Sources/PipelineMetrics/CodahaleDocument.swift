import Foundation

/// The metrics file Hive's JSON_FILE reporter writes (codahale/Dropwizard JSON):
/// `{"version": .., "gauges": {name: {"value": v}}, "counters": {name: {"count": c}}, "histograms": {..},
/// "meters": {..}, "timers": {..}}`. Pure: parse, merge ours in, encode one document.
public struct CodahaleDocument: Sendable, Hashable {
    public static let sections = ["gauges", "counters", "histograms", "meters", "timers"]

    /// Every top-level key as read (unknown ones too), each section an object of named metrics.
    public private(set) var fields: [String: JSONValue]

    /// An empty document (no Hive file yet): version and the five sections.
    public init() {
        fields = ["version": .string("3.0.0")]
        for section in Self.sections { fields[section] = .object([:]) }
    }

    /// Throws when `data` is not one JSON object whose sections are objects: a file Hive is half-way through
    /// writing, or two documents appended (the original's bug) are both refused here.
    public init(parsing data: Data) throws(MetricsFileError) {
        let value = try JSONParser.parse(data)
        guard case .object(let fields) = value else { throw .notCodahale("the document is not a JSON object") }
        for section in Self.sections {
            if let s = fields[section], s.object == nil { throw .notCodahale("'\(section)' is not an object") }
        }
        self.fields = fields
        for section in Self.sections where self.fields[section] == nil { self.fields[section] = .object([:]) }
    }

    public func section(_ name: String) -> [String: JSONValue] { fields[name]?.object ?? [:] }

    /// A gauge's value, a counter's count.
    public func gauge(_ name: String) -> Double? { section("gauges")[name]?.object?["value"]?.double }
    public func counter(_ name: String) -> Double? { section("counters")[name]?.object?["count"]?.double }

    /// Adds our gauges and counters. A name already in the document is Hive's and stays as it is (never
    /// clobbered); the names that collided are returned so the caller can count them.
    @discardableResult
    public mutating func merge(gauges: [String: Double], counters: [String: Int64]) -> [String] {
        var collisions: [String] = []
        var g = section("gauges")
        for (name, value) in gauges {
            if g[name] != nil { collisions.append(name) } else { g[name] = .object(["value": Self.number(value)]) }
        }
        var c = section("counters")
        for (name, count) in counters {
            if c[name] != nil { collisions.append(name) } else { c[name] = .object(["count": .integer(count)]) }
        }
        fields["gauges"] = .object(g)
        fields["counters"] = .object(c)
        return collisions.sorted()
    }

    /// One JSON document, keys sorted (stable bytes, readable diffs).
    public func encoded() -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // JSONValue never fails to encode (non-finite numbers are written as 0).
        return (try? encoder.encode(JSONValue.object(fields))) ?? Data("{}".utf8)
    }

    /// Whole numbers as integers, so `state_step_x` reads `0`, not `0.0`.
    static func number(_ value: Double) -> JSONValue {
        if value.isFinite, value == value.rounded(), abs(value) < 9e15 { return .integer(Int64(value)) }
        return .number(value)
    }
}

public enum MetricsFileError: Error, Sendable, Hashable, CustomStringConvertible {
    case notJSON(String)
    case notCodahale(String)
    case io(path: String, reason: String)

    public var description: String {
        switch self {
        case .notJSON(let why): return "not JSON: \(why)"
        case .notCodahale(let why): return "not a codahale metrics document: \(why)"
        case .io(let path, let reason): return "\(path): \(reason)"
        }
    }
}
