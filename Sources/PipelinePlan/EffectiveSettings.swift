import Basics
import PipelineDSL

/// Settings after layering pipeline → profile → step; each layer replaces only what it sets.
struct EffectiveSettings {
    var engine: EngineKind = .hive
    var parallelism = 4
    /// `parallelism "${name}"` of the innermost layer that set one; `resolvedParallelism` turns it into a number.
    var parallelismValue: Located<ValueExpr>?
    var retry = RetryPolicy(attempts: 1, delaySeconds: 5)
    var timeoutSeconds: Double?
    var onFailure: FailurePolicy = .stop
    var order: TaskOrder = .waves
    var hiveCommand: [ValueExpr]?
    var beeline = BeelineSettings()
    var hiveServer2 = HiveServer2Settings()

    init(layers: [Settings]) {
        for layer in layers { apply(layer) }
    }

    func adding(_ layer: Settings) -> EffectiveSettings {
        var copy = self
        copy.apply(layer)
        return copy
    }

    private mutating func apply(_ s: Settings) {
        if let v = s.engine { engine = v.value }
        if let v = s.parallelism {
            parallelism = v.value
            parallelismValue = nil
        }
        if let v = s.parallelismValue { parallelismValue = v }
        if let v = s.retry.attempts { retry.attempts = v.value }
        if let v = s.retry.delay { retry.delaySeconds = v.value }
        if let v = s.retry.backoff { retry.backoff = v.value }
        if let v = s.retry.maxDelay { retry.maxDelaySeconds = v.value }
        if let v = s.retry.jitter { retry.jitter = v.value }
        if let v = s.timeout {
            switch v.value {
            case .none: timeoutSeconds = nil
            case .seconds(let seconds): timeoutSeconds = seconds
            }
        }
        if let v = s.onFailure { onFailure = v.value }
        if let v = s.order { order = v.value }
        if let v = s.hiveCommand { hiveCommand = v.value }
        if let v = s.beeline.command { beeline.command = v }
        if let v = s.beeline.url { beeline.url = v }
        if let v = s.beeline.user { beeline.user = v }
        if let v = s.beeline.passwordFile { beeline.passwordFile = v }
        if let v = s.hiveServer2.url { hiveServer2.url = v }
        if let v = s.hiveServer2.user { hiveServer2.user = v }
        if let v = s.hiveServer2.passwordFile { hiveServer2.passwordFile = v }
        if let v = s.hiveServer2.ca { hiveServer2.ca = v }
        if let v = s.hiveServer2.allowPlaintextPassword { hiveServer2.allowPlaintextPassword = v }
    }
}

extension PlanBuilder {
    /// The parallelism a step runs with: a `parallelism "${name}"` is interpolated now and must be a whole number
    /// of at least 1 (an error at the setting otherwise, as a literal would be).
    mutating func resolvedParallelism(_ s: EffectiveSettings) -> Int {
        guard let v = s.parallelismValue else { return s.parallelism }
        guard let text = variables.evaluate(v.value, bindings: [:]) else { return s.parallelism }
        guard let n = Int(text), n >= 1 else {
            error(.invalidParallelism(text), at: v.range)
            return s.parallelism
        }
        return n
    }

    mutating func engineSettings(_ s: EffectiveSettings) -> EngineSettings {
        var engines = EngineSettings()
        // Each value is evaluated once (an evaluation can report a diagnostic), then checked for what would reach
        // an engine's argv.
        func strings(_ list: [ValueExpr], _ setting: EngineArgvSetting) -> [String] {
            list.compactMap { value in
                let text = variables.evaluate(value, bindings: [:])
                if let text { refuseSecret(in: text, at: value.range, setting: setting) }
                return text
            }
        }
        func text(_ v: Located<ValueExpr>?) -> String? { v.flatMap { variables.evaluate($0.value, bindings: [:]) }.flatMap { $0.isEmpty ? nil : $0 } }
        func argvText(_ v: Located<ValueExpr>?, _ setting: EngineArgvSetting) -> String? {
            guard let v, let value = text(v) else { return nil }
            refuseSecret(in: value, at: v.value.range, setting: setting)
            return value
        }
        if let hive = s.hiveCommand { engines.hiveCommand = strings(hive, .hiveCommand) }
        if let command = s.beeline.command { engines.beelineCommand = strings(command.value, .beelineCommand) }
        if let v = argvText(s.beeline.url, .beelineURL) {
            engines.jdbcURL = v
            if let key = (try? HiveJDBCURL(parsing: v))?.passwordVariable, let range = s.beeline.url?.value.range {
                // The line holds the password: the error gives its location only.
                diagnostics.append(Diagnostic(
                    PlanMessage.passwordInJDBCURL(setting: "the beeline URL", key: key), at: range,
                    notes: ["give beeline the password with beeline { password_file \"PATH\" } (passed as -w PATH)"], quotesSource: false))
            }
        }
        if let v = argvText(s.beeline.user, .beelineUser) { engines.beelineUser = v }
        if let v = text(s.beeline.passwordFile) { engines.beelinePasswordFile = v }
        engines.hiveServer2URL = text(s.hiveServer2.url)
        engines.hiveServer2User = text(s.hiveServer2.user)
        engines.hiveServer2PasswordFile = text(s.hiveServer2.passwordFile)
        engines.hiveServer2CA = text(s.hiveServer2.ca)
        if let v = s.hiveServer2.allowPlaintextPassword, let word = text(v) {
            if let allowed = BooleanWord.parse(word) {
                engines.hiveServer2AllowPlaintextPassword = allowed
            } else {
                error(.invalidBoolean("allow_plaintext_password", word), at: v.range)
            }
        }
        if let v = request.hiveCommand { engines.hiveCommand = v }
        if let v = request.beelineCommand { engines.beelineCommand = v }
        // The command line wins over the file, for both engines that take a URL.
        if let v = request.jdbcURL {
            engines.jdbcURL = v
            engines.hiveServer2URL = nil
        }
        return engines
    }

    /// A keyed block's values, the pipeline's then the profile's keys on top (the last `when` wins); nil when
    /// there is no block or its condition is false. Shared by `metastore { }` and `metrics { }`.
    mutating func layered<Key: Hashable>(_ blocks: [(values: [Key: ValueExpr], condition: Expression?)]) -> [Key: ValueExpr]? {
        guard !blocks.isEmpty else { return nil }
        var values: [Key: ValueExpr] = [:]
        var condition: Expression?
        for block in blocks {
            values.merge(block.values) { _, new in new }
            if let c = block.condition { condition = c }
        }
        if let condition, ConditionEvaluator.evaluate(condition, &variables) != true { return nil }
        return values
    }

    /// The metastore block (pipeline, then profile keys on top), resolved; nil when none is configured.
    mutating func metastoreSettings() -> MetastoreSettings? {
        let blocks = [file.settings.metastore, profile?.settings.metastore].compactMap { $0 }
        guard let values = layered(blocks.map { ($0.values, $0.condition) }) else { return nil }
        func text(_ key: MetastoreBlock.Key) -> String? {
            guard let v = values[key], let s = variables.evaluate(v, bindings: [:]), !s.isEmpty else { return nil }
            return s
        }
        var settings = MetastoreSettings()
        settings.host = text(.host)
        settings.database = text(.database)
        settings.user = text(.user)
        settings.passwordFile = text(.passwordFile)
        settings.passwordEnvironment = text(.passwordEnv)
        settings.optionFile = text(.optionFile)
        settings.secretID = text(.secretID)
        settings.tlsCA = text(.ca)
        if let port = text(.port), let range = values[.port]?.range {
            if let n = PortNumber.parse(port) { settings.port = n } else { error(.invalidMetastorePort(port), at: range) }
        }
        if let tls = text(.tls), let range = values[.tls]?.range {
            if let value = BooleanWord.parse(tls) { settings.tls = value } else {
                error(.invalidMetastoreTLS(tls), at: range)
            }
        }
        return settings
    }
}
