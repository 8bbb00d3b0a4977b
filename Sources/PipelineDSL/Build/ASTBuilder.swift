/// Gives the generic directives their meaning: which keyword is allowed where, with which arguments.
/// Every problem becomes a diagnostic with a range; building continues so all problems are reported.
struct ASTBuilder {
    var diagnostics: [Diagnostic] = []

    enum Context: String {
        case topLevel = "at top level"
        case profile = "in a profile"
        case step = "in a step"
        case wave = "in a wave"
        case eachLine = "in an each_line block"
        case hive = "in a hive block"
        case beeline = "in a beeline block"
        case hiveServer2 = "in a hiveserver2 block"
        case metastore = "in a metastore block"
        case metrics = "in a metrics block"

        var keywords: [String] {
            switch self {
            case .topLevel:
                return ["pipeline", "product", "sql", "default_profile", "on_completed", "profile", "step", "param"] + Self.settings + Self.scope
            case .profile: return Self.settings + Self.scope
            case .step:
                return ["when", "always", "resume", "wave", "engine", "parallelism", "retry", "timeout", "on_failure", "order", "hivevar", "hiveconf"] + Self.tasks
            case .wave: return ["when", "hivevar", "hiveconf"] + Self.tasks
            case .eachLine: return ["hivevar", "hiveconf", "file", "statement"]
            case .hive: return ["command"]
            case .beeline: return ["command", "url", "user", "password_file"]
            case .hiveServer2: return HiveServer2Settings.keys
            case .metastore: return MetastoreBlock.keys
            case .metrics: return MetricsBlock.keys
            }
        }

        static let settings = ["engine", "parallelism", "retry", "timeout", "on_failure", "order", "hive", "beeline", "hiveserver2", "metastore", "metrics"]
        static let scope = ["var", "secret", "hivevar", "hiveconf"]
        static let tasks = ["file", "glob", "statement", "each_line", "command", "action"]
        static let all: [Context] = [.topLevel, .profile, .step, .wave, .eachLine, .hive, .beeline, .hiveServer2, .metastore, .metrics]
    }

    mutating func error(_ message: BuilderMessage, at range: SourceRange, notes: [String] = []) {
        diagnostics.append(Diagnostic(message, at: range, notes: notes))
    }

    /// `on_failure ignore` says a step is not critical; over a whole pipeline or profile it would let any failure
    /// pass for a completed run, which is what `continue` exists to prevent.
    mutating func refuseIgnore(_ settings: Settings, in context: Context) {
        guard let value = settings.onFailure, value.value == .ignore else { return }
        error(.ignoreNotAllowed(context.rawValue), at: value.range, notes: [
            "write it in each step that is not critical (metrics, flushes); here use stop or continue",
        ])
    }

    /// Unknown here: say where it would belong, or suggest the nearest keyword that is allowed here.
    mutating func unknown(_ d: Directive, in context: Context) {
        let homes = Context.all.filter { $0.keywords.contains(d.keyword) }.map(\.rawValue)
        if !homes.isEmpty {
            let places = homes.count == 1 ? homes[0] : homes.dropLast().joined(separator: ", ") + " or " + homes.last!
            error(.misplacedDirective(d.keyword, context.rawValue), at: d.keywordRange, notes: ["'\(d.keyword)' belongs \(places)"])
        } else {
            error(.unknownDirective(d.keyword, context.rawValue), at: d.keywordRange, notes: Suggestions.note(for: d.keyword, in: context.keywords))
        }
    }

    mutating func build(_ directives: [Directive], path: String) -> PipelineFile {
        var file = PipelineFile(path: path)
        var seenHeader: [String: SourceRange] = [:]
        for d in directives {
            if ["pipeline", "product", "sql", "default_profile", "on_completed"].contains(d.keyword) {
                if let first = seenHeader[d.keyword] {
                    error(.setTwice(d.keyword), at: d.keywordRange, notes: ["first set at \(first.start.line):\(first.start.column)"])
                }
                seenHeader[d.keyword] = d.keywordRange
            }
            switch d.keyword {
            case "pipeline":
                file.name = oneName(d)
            case "product":
                file.product = oneName(d)
            case "default_profile":
                file.defaultProfile = oneName(d)
            case "sql":
                if let s = oneString(d) { file.sqlRoot = Located(s, s.range) }
            case "on_completed":
                file.onCompleted = oneChoice(d, CompletedRunPolicy.self)
            case "profile":
                if let p = buildProfile(d) {
                    if let first = file.profiles.first(where: { $0.name == p.name }) {
                        error(.profileDefinedTwice(p.name), at: p.range, notes: ["first defined at \(first.range.start.line):\(first.range.start.column)"])
                    } else {
                        file.profiles.append(p)
                    }
                }
            case "step":
                if let s = buildStep(d) {
                    if let first = file.steps.first(where: { $0.name == s.name }) {
                        error(.stepDefinedTwice(s.name), at: s.range, notes: ["first defined at \(first.range.start.line):\(first.range.start.column); step names identify steps in the state store"])
                    } else {
                        file.steps.append(s)
                    }
                }
            default:
                if applySetting(d, to: &file.settings) {
                    if d.keyword == "on_failure" { refuseIgnore(file.settings, in: .topLevel) }
                    continue
                }
                if applyScope(d, to: &file.scope, allowParams: true) { continue }
                unknown(d, in: .topLevel)
                continue
            }
        }
        return file
    }

    private mutating func buildProfile(_ d: Directive) -> Profile? {
        noCondition(d)
        guard let name = oneName(d, allowBlock: true) else { return nil }
        var profile = Profile(name: name.value, range: name.range)
        guard let block = requireBlock(d) else { return profile }
        for inner in block {
            if applySetting(inner, to: &profile.settings) {
                if inner.keyword == "on_failure" { refuseIgnore(profile.settings, in: .profile) }
                continue
            }
            if applyScope(inner, to: &profile.scope, allowParams: false) { continue }
            unknown(inner, in: .profile)
        }
        return profile
    }
}
