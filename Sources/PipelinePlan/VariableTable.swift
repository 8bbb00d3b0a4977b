import PipelineDSL

/// Variables by name with their definition and origin; values are computed lazily, once, in any order,
/// with cycles and unknown names reported as diagnostics at the reference.
struct VariableTable {
    enum Definition {
        case constant(String)
        case expression(ValueExpr)
        /// A required parameter nobody supplied.
        case missing
    }

    struct Entry {
        var definition: Definition
        var source: ResolvedVariable.Source
        var isSecret: Bool
        var range: SourceRange?
    }

    private(set) var entries: [String: Entry] = [:]
    private(set) var order: [String] = []
    private var cache: [String: String] = [:]
    private var resolving: [String] = []
    private var environmentSources: [String: String] = [:]
    let environment: [String: String]
    var diagnostics: [Diagnostic] = []

    init(environment: [String: String]) {
        self.environment = environment
    }

    mutating func define(_ name: String, _ definition: Definition, source: ResolvedVariable.Source, secret: Bool = false, range: SourceRange? = nil) {
        if entries[name] == nil { order.append(name) }
        let wasSecret = entries[name]?.isSecret ?? false
        entries[name] = Entry(definition: definition, source: source, isSecret: secret || wasSecret, range: range)
        cache[name] = nil
    }

    func isDefined(_ name: String) -> Bool { entries[name] != nil }

    var names: [String] { order }

    /// The value of `name`, or nil (with a diagnostic at `range`) when it cannot be computed.
    mutating func value(of name: String, at range: SourceRange, bindings: [String: String] = [:]) -> String? {
        if let bound = bindings[name] { return bound }
        if let cached = cache[name] { return cached }
        guard let entry = entries[name] else {
            diagnostics.append(Diagnostic(PlanMessage.unknownVariable(name), at: range, notes: Suggestions.note(for: name, in: order + bindings.keys)))
            return nil
        }
        if let cycleStart = resolving.firstIndex(of: name) {
            let path = (resolving[cycleStart...] + [name]).joined(separator: " → ")
            diagnostics.append(Diagnostic(PlanMessage.variableCycle(name, path), at: range))
            return nil
        }
        resolving.append(name)
        defer { resolving.removeLast() }
        let result: String?
        switch entry.definition {
        case .constant(let v): result = v
        case .missing:
            // Reported once by the planner with the flag to use; here it is just unavailable.
            result = nil
        case .expression(let e): result = evaluate(e, bindings: [:], variable: name)
        }
        if let result { cache[name] = result }
        return result
    }

    /// A value expression as a string. `variable` names the variable being defined, to record env origins.
    mutating func evaluate(_ value: ValueExpr, bindings: [String: String], variable: String? = nil) -> String? {
        switch value {
        case .literal(let text, _): return text
        case .string(let s): return interpolate(s, bindings: bindings)
        case .environment(let nameLiteral, let fallback, let range):
            guard let name = interpolate(nameLiteral, bindings: bindings) else { return nil }
            if let found = environment[name] {
                if let variable { environmentSources[variable] = name }
                return found
            }
            if let fallback { return interpolate(fallback, bindings: bindings) }
            diagnostics.append(Diagnostic(PlanMessage.environmentVariableNotSet(name), at: range, notes: ["give a default: env(\"\(name)\", \"value\")"]))
            return nil
        }
    }

    mutating func interpolate(_ literal: StringLiteral, bindings: [String: String]) -> String? {
        var out = ""
        var ok = true
        for part in literal.parts {
            switch part {
            case .text(let t): out += t
            case .variable(let name, let range):
                if let v = value(of: name, at: range, bindings: bindings) { out += v } else { ok = false }
            }
        }
        return ok ? out : nil
    }

    /// Every defined variable with its final value and origin, in definition order.
    mutating func resolvedVariables() -> [ResolvedVariable] {
        order.compactMap { name in
            // Built-ins and command-line values have no position; they are constants and cannot fail.
            guard let entry = entries[name], let v = value(of: name, at: entry.range ?? Self.noPosition) else { return nil }
            let source = environmentSources[name].map(ResolvedVariable.Source.environment) ?? entry.source
            return ResolvedVariable(name: name, value: v, source: source, isSecret: entry.isSecret)
        }
    }

    private static let noPosition = SourceRange(start: SourceLocation(file: "", line: 1, column: 1), length: 1)

    var secretValues: [String] {
        order.compactMap { entries[$0]?.isSecret == true ? cache[$0] : nil }.filter { !$0.isEmpty }
    }
}
