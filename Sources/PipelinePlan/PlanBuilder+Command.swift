import PipelineDSL

extension PlanBuilder {
    /// A `command` task. A secret's value on its argv is an error: every user of the machine can read a process's
    /// arguments (`ps`, `/proc/PID/cmdline`), so the secret must travel in the task's own environment instead.
    mutating func commandParts(
        _ literals: [StringLiteral], _ environment: [StringLiteral], _ context: TaskContext
    ) -> (argv: [String], environment: [KeyValue], passed: [String])? {
        let argv = literals.compactMap { variables.interpolate($0, bindings: context.bindings) }
        guard argv.count == literals.count else { return nil }
        let secrets = variables.secretValues
        var refused = false
        for (literal, word) in zip(literals, argv) where secrets.contains(where: { word.contains($0) }) {
            refused = true
            let name = secretName(in: word, at: literal.range) ?? "?"
            // The reference that carries it (`${pw}`, or `${dsn}` when dsn holds pw), for the suggested fix.
            let carrier = literal.referencedVariables.first { reference in
                variables.value(of: reference.name, at: reference.range, bindings: context.bindings).map { value in secrets.contains { value.contains($0) } } ?? false
            }
            let written = "${\(carrier?.name ?? name)}"
            error(
                .secretOnCommandLine(name),
                at: literal.range,
                notes: [
                    "pass it in the task's environment and let the program read it there: command [\"tool\", ...] env=[\"PASSWORD=\(written)\"]",
                ])
        }
        guard !refused else { return nil }
        var entries: [KeyValue] = []
        var passed: [String] = []
        for literal in environment {
            guard let entry = variables.interpolate(literal, bindings: context.bindings) else { continue }
            guard let equals = entry.firstIndex(of: "=") else {
                passed.append(entry)
                continue
            }
            let value = String(entry[entry.index(after: equals)...])
            // Secrets are known once computed: this entry may be the first to use one.
            entries.append(KeyValue(String(entry[..<equals]), value, isSecret: variables.secretValues.contains { value.contains($0) }))
        }
        return (argv, entries, passed)
    }

    /// The first secret variable whose value `word` holds (also for engine settings, `refuseSecret`).
    mutating func secretName(in word: String, at range: SourceRange) -> String? {
        for name in variables.names where variables.entries[name]?.isSecret == true {
            if let value = variables.value(of: name, at: range), !value.isEmpty, word.contains(value) { return name }
        }
        return nil
    }
}
