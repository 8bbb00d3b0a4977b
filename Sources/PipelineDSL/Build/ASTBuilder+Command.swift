extension ASTBuilder {
    /// `command ARG... [env=["NAME=VALUE", "NAME"]]`: the argv, then the task's own environment entries.
    /// The environment is the only way a secret may reach a command (argv is readable by every user).
    mutating func commandArguments(_ d: Directive) -> (argv: [StringLiteral], environment: [StringLiteral])? {
        var environment: [StringLiteral] = []
        for (key, range, value) in d.named {
            guard key == "env" else {
                error(.unknownCommandOption(key), at: range, notes: Suggestions.note(for: key, in: ["env"] + Self.taskTableKeys) + ["write env=[\"NAME=VALUE\", ...]"])
                continue
            }
            environment += stringList(value)
        }
        var argv: [StringLiteral] = []
        for e in d.positional {
            switch e {
            case .string(let s): argv.append(s)
            case .list: argv += stringList(e)
            default: error(.commandTakesStrings, at: e.range, notes: ["write \"\(e.source)\""])
            }
        }
        if argv.isEmpty {
            if d.positional.isEmpty { error(.commandNeedsString, at: d.keywordRange) }
            return nil
        }
        for entry in environment {
            guard let name = Self.environmentName(entry), Self.isEnvironmentName(name) else {
                error(.invalidEnvEntry, at: entry.range)
                continue
            }
        }
        return (argv, environment)
    }

    /// The literal text before the first `=` (or the whole literal when it has no `=` and no interpolation).
    static func environmentName(_ entry: StringLiteral) -> Substring? {
        guard case .text(let text)? = entry.parts.first else { return nil }
        if let equals = text.firstIndex(of: "=") { return text[..<equals] }
        return entry.parts.count == 1 ? Substring(text) : nil
    }

    static func isEnvironmentName(_ name: Substring) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else { return false }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
