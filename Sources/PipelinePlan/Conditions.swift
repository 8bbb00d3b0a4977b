import Basics
import PipelineDSL

/// Evaluates `when` expressions against the variables. A variable used as a condition must hold a
/// boolean-like value; anything else is an error rather than a silent false.
struct ConditionEvaluator {
    static let truthy = BooleanWord.truthy
    /// An empty value counts as false in a condition (an unset optional parameter).
    static let falsy = BooleanWord.falsy.union([""])

    /// The condition's value, or nil after reporting a diagnostic into `variables`.
    static func evaluate(_ e: Expression, _ variables: inout VariableTable, bindings: [String: String] = [:]) -> Bool? {
        switch e {
        case .not(let inner, _):
            return evaluate(inner, &variables, bindings: bindings).map { !$0 }
        case .and(let l, let r):
            guard let a = evaluate(l, &variables, bindings: bindings), let b = evaluate(r, &variables, bindings: bindings) else { return nil }
            return a && b
        case .or(let l, let r):
            guard let a = evaluate(l, &variables, bindings: bindings), let b = evaluate(r, &variables, bindings: bindings) else { return nil }
            return a || b
        case .equal(let l, let r), .notEqual(let l, let r):
            guard let a = operand(l, &variables, bindings: bindings), let b = operand(r, &variables, bindings: bindings) else { return nil }
            if case .equal = e { return a == b }
            return a != b
        default:
            guard let text = operand(e, &variables, bindings: bindings) else { return nil }
            let lowered = text.lowercased()
            if truthy.contains(lowered) { return true }
            if falsy.contains(lowered) { return false }
            variables.diagnostics.append(Diagnostic(PlanMessage.conditionNotBoolean(e.source, text), at: e.range, notes: ["use true/false, yes/no, on/off or 1/0, or compare: \(e.source) == \"\(text)\""]))
            return nil
        }
    }

    /// A word is a variable (or the literal true/false); strings and numbers are values.
    static func operand(_ e: Expression, _ variables: inout VariableTable, bindings: [String: String]) -> String? {
        switch e {
        case .word(let w, let r):
            if (w == "true" || w == "false"), !variables.isDefined(w) { return w }
            return variables.value(of: w, at: r, bindings: bindings)
        case .string(let s): return variables.interpolate(s, bindings: bindings)
        case .number(let n, _): return String(n)
        case .duration(_, let t, _): return t
        default:
            variables.diagnostics.append(Diagnostic(PlanMessage.cannotCompare(e.source), at: e.range))
            return nil
        }
    }

    /// "initial_load is false (initial_load = false)": the condition and the values that decided it.
    static func explain(_ e: Expression, _ variables: inout VariableTable) -> String {
        var names: [String] = []
        collect(e, into: &names)
        let values = names.compactMap { name -> String? in
            guard variables.isDefined(name), let v = variables.value(of: name, at: e.range) else { return nil }
            return "\(name) = \(v)"
        }
        return "\(e.source) is false" + (values.isEmpty ? "" : " (\(values.joined(separator: ", ")))")
    }

    private static func collect(_ e: Expression, into names: inout [String]) {
        switch e {
        case .word(let w, _): if !names.contains(w) { names.append(w) }
        case .string(let s): for (n, _) in s.referencedVariables where !names.contains(n) { names.append(n) }
        case .not(let inner, _): collect(inner, into: &names)
        case .and(let l, let r), .or(let l, let r), .equal(let l, let r), .notEqual(let l, let r):
            collect(l, into: &names)
            collect(r, into: &names)
        default: break
        }
    }
}
