/// Every message the AST builder reports (what each directive accepts and where), with its stable id `build.<code>`.
public enum BuilderMessage: DiagnosticMessage, Hashable {
    case unknownCommandOption(String)
    case commandTakesStrings
    case commandNeedsString
    case invalidEnvEntry
    case parallelismTakesOneNumber
    case timeoutTakesOneDuration
    case takesOneValue(String)
    case unexpectedNamedValue(String, String)
    case needsValue(String)
    case setTwice(String)
    case retryTakesOptions
    case invalidBackoff(String)
    case unknownRetryOption(String)
    case paramOnlyAtTopLevel
    case bindingSyntax(String)
    case bindingSetTwice(String, String)
    case variableDefinedTwice(String)
    case stepNeedsName
    case unexpectedAfterStepName(String)
    case unexpectedNamedValueOnStep(String)
    case stepAlreadyHasCondition
    case whenTakesOneCondition
    case alwaysTakesNoValue
    case stepMixesTasksAndWaves(String)
    case stepHasNoTasks(String)
    case invalidWaveName
    case waveTakesOneName
    case waveHasNoTasks(String)
    case unknownGlobOption(String)
    case actionSyntax
    case eachLineSyntax
    case unknownEachLineOption(String)
    case eachLineHasNothingToRun
    case matchingNeedsLiteral
    case invalidPattern(String, String, Int)
    case takesNoBlock(String)
    case cannotBeConditional(String)
    case needsBlock(String)
    case takesOneName(String)
    case takesOneString(String)
    case takesQuotedString(String)
    case takesQuotedStrings(String)
    case needsStrings(String, Int)
    case expectedStringList
    case notOneOf(String, String, String)
    case invalidWholeNumber(String, String)
    case invalidDuration(String, String)
    case invalidBoolean(String, String)
    case envSyntax
    case envDefaultNotString
    case unknownFunction(String)
    case expectedValue(String)
    case misplacedDirective(String, String)
    case unknownDirective(String, String)
    case profileDefinedTwice(String)
    case stepDefinedTwice(String)
    case ignoreNotAllowed(String)

    public var message: String {
        switch self {
        case .unknownCommandOption(let key): "unknown option '\(key)' for command"
        case .commandTakesStrings: "'command' takes strings in quotes"
        case .commandNeedsString: "'command' needs at least 1 string"
        case .invalidEnvEntry: "an env entry is \"NAME=VALUE\" or \"NAME\", with NAME a literal [A-Za-z_][A-Za-z0-9_]*"
        case .parallelismTakesOneNumber: "'parallelism' takes one number"
        case .timeoutTakesOneDuration: "'timeout' takes one duration, or none"
        case .takesOneValue(let keyword): "'\(keyword)' takes one value"
        case .unexpectedNamedValue(let key, let keyword): "unexpected '\(key) =' in '\(keyword)'"
        case .needsValue(let keyword): "'\(keyword)' needs a value"
        case .setTwice(let keyword): "'\(keyword)' is set twice"
        case .retryTakesOptions: "'retry' takes options: retry attempts=N delay=5s [backoff=exponential] [max_delay=1m] [jitter=true]"
        case .invalidBackoff(let text): "backoff must be fixed or exponential, not \(text)"
        case .unknownRetryOption(let key): "unknown retry option '\(key)'"
        case .paramOnlyAtTopLevel: "'param' is only allowed at top level"
        case .bindingSyntax(let keyword): "'\(keyword)' is written: \(keyword) NAME = VALUE"
        case .bindingSetTwice(let keyword, let name): "\(keyword) '\(name)' is set twice here"
        case .variableDefinedTwice(let name): "variable '\(name)' is defined twice here"
        case .stepNeedsName: "a step needs a name"
        case .unexpectedAfterStepName(let extra): "unexpected \(extra) after the step name"
        case .unexpectedNamedValueOnStep(let key): "unexpected '\(key) =' on a step"
        case .stepAlreadyHasCondition: "the step already has a condition"
        case .whenTakesOneCondition: "'when' takes one condition"
        case .alwaysTakesNoValue: "'always' takes no value"
        case .stepMixesTasksAndWaves(let name): "step '\(name)' mixes tasks and waves"
        case .stepHasNoTasks(let name): "step '\(name)' has no tasks"
        case .invalidWaveName: "a wave's name is a word or a string"
        case .waveTakesOneName: "a wave takes at most one name"
        case .waveHasNoTasks(let value): "wave \(value) has no tasks"
        case .unknownGlobOption(let key): "unknown option '\(key)' for glob"
        case .actionSyntax: "'action' takes one action name, then key=value options"
        case .eachLineSyntax: "'each_line' is written: each_line \"FILE\" as NAME [matching=\"RE\"] [allow_empty=true] { ... }"
        case .unknownEachLineOption(let key): "unknown option '\(key)' for each_line"
        case .eachLineHasNothingToRun: "each_line has nothing to run"
        case .matchingNeedsLiteral: "matching takes a pattern in quotes, without ${...}"
        case .invalidPattern(let text, let message, let value): "invalid pattern \"\(text)\": \(message) (at character \(value))"
        case .takesNoBlock(let keyword): "'\(keyword)' takes no block"
        case .cannotBeConditional(let keyword): "'\(keyword)' cannot be conditional"
        case .needsBlock(let keyword): "'\(keyword)' needs a block: \(keyword) ... { ... }"
        case .takesOneName(let keyword): "'\(keyword)' takes one name"
        case .takesOneString(let keyword): "'\(keyword)' takes one string"
        case .takesQuotedString(let keyword): "'\(keyword)' takes a string in quotes"
        case .takesQuotedStrings(let keyword): "'\(keyword)' takes strings in quotes"
        case .needsStrings(let keyword, let atLeast): "'\(keyword)' needs at least \(atLeast) string"
        case .expectedStringList: "expected a string or a list of strings"
        case .notOneOf(let keyword, let value, let name): "'\(keyword)' must be one of \(value), not '\(name)'"
        case .invalidWholeNumber(let what, let text): "\(what) must be a whole number of at least 1, not \(text)"
        case .invalidDuration(let what, let text): "\(what) must be a duration like 5s or 2m, not \(text)"
        case .invalidBoolean(let what, let text): "\(what) must be true or false, not \(text)"
        case .envSyntax: "env takes a variable name and an optional default: env(\"NAME\", \"default\")"
        case .envDefaultNotString: "env's default must be a string"
        case .unknownFunction(let name): "unknown function '\(name)'"
        case .expectedValue(let source): "expected a value, found \(source)"
        case .misplacedDirective(let keyword, let context): "'\(keyword)' is not allowed \(context)"
        case .unknownDirective(let keyword, let context): "unknown directive '\(keyword)' \(context)"
        case .profileDefinedTwice(let name): "profile '\(name)' is defined twice"
        case .stepDefinedTwice(let name): "step '\(name)' is defined twice"
        case .ignoreNotAllowed(let context): "'on_failure ignore' is not allowed \(context)"
        }
    }

    /// Each message's id within the domain; `catalogue` lists them all.
    public enum Code: String, CaseIterable, Sendable {
        case unknownCommandOption = "unknown-command-option"
        case commandTakesStrings = "command-takes-strings"
        case commandNeedsString = "command-needs-string"
        case invalidEnvEntry = "invalid-env-entry"
        case parallelismTakesOneNumber = "parallelism-takes-one-number"
        case timeoutTakesOneDuration = "timeout-takes-one-duration"
        case takesOneValue = "takes-one-value"
        case unexpectedNamedValue = "unexpected-named-value"
        case needsValue = "needs-value"
        case setTwice = "set-twice"
        case retryTakesOptions = "retry-takes-options"
        case invalidBackoff = "invalid-backoff"
        case unknownRetryOption = "unknown-retry-option"
        case paramOnlyAtTopLevel = "param-only-at-top-level"
        case bindingSyntax = "binding-syntax"
        case bindingSetTwice = "binding-set-twice"
        case variableDefinedTwice = "variable-defined-twice"
        case stepNeedsName = "step-needs-name"
        case unexpectedAfterStepName = "unexpected-after-step-name"
        case unexpectedNamedValueOnStep = "unexpected-named-value-on-step"
        case stepAlreadyHasCondition = "step-already-has-condition"
        case whenTakesOneCondition = "when-takes-one-condition"
        case alwaysTakesNoValue = "always-takes-no-value"
        case stepMixesTasksAndWaves = "step-mixes-tasks-and-waves"
        case stepHasNoTasks = "step-has-no-tasks"
        case invalidWaveName = "invalid-wave-name"
        case waveTakesOneName = "wave-takes-one-name"
        case waveHasNoTasks = "wave-has-no-tasks"
        case unknownGlobOption = "unknown-glob-option"
        case actionSyntax = "action-syntax"
        case eachLineSyntax = "each-line-syntax"
        case unknownEachLineOption = "unknown-each-line-option"
        case eachLineHasNothingToRun = "each-line-has-nothing-to-run"
        case matchingNeedsLiteral = "matching-needs-literal"
        case invalidPattern = "invalid-pattern"
        case takesNoBlock = "takes-no-block"
        case cannotBeConditional = "cannot-be-conditional"
        case needsBlock = "needs-block"
        case takesOneName = "takes-one-name"
        case takesOneString = "takes-one-string"
        case takesQuotedString = "takes-quoted-string"
        case takesQuotedStrings = "takes-quoted-strings"
        case needsStrings = "needs-strings"
        case expectedStringList = "expected-string-list"
        case notOneOf = "not-one-of"
        case invalidWholeNumber = "invalid-whole-number"
        case invalidDuration = "invalid-duration"
        case invalidBoolean = "invalid-boolean"
        case envSyntax = "env-syntax"
        case envDefaultNotString = "env-default-not-string"
        case unknownFunction = "unknown-function"
        case expectedValue = "expected-value"
        case misplacedDirective = "misplaced-directive"
        case unknownDirective = "unknown-directive"
        case profileDefinedTwice = "profile-defined-twice"
        case stepDefinedTwice = "step-defined-twice"
        case ignoreNotAllowed = "ignore-not-allowed"
    }

    public var code: Code {
        switch self {
        case .unknownCommandOption: .unknownCommandOption
        case .commandTakesStrings: .commandTakesStrings
        case .commandNeedsString: .commandNeedsString
        case .invalidEnvEntry: .invalidEnvEntry
        case .parallelismTakesOneNumber: .parallelismTakesOneNumber
        case .timeoutTakesOneDuration: .timeoutTakesOneDuration
        case .takesOneValue: .takesOneValue
        case .unexpectedNamedValue: .unexpectedNamedValue
        case .needsValue: .needsValue
        case .setTwice: .setTwice
        case .retryTakesOptions: .retryTakesOptions
        case .invalidBackoff: .invalidBackoff
        case .unknownRetryOption: .unknownRetryOption
        case .paramOnlyAtTopLevel: .paramOnlyAtTopLevel
        case .bindingSyntax: .bindingSyntax
        case .bindingSetTwice: .bindingSetTwice
        case .variableDefinedTwice: .variableDefinedTwice
        case .stepNeedsName: .stepNeedsName
        case .unexpectedAfterStepName: .unexpectedAfterStepName
        case .unexpectedNamedValueOnStep: .unexpectedNamedValueOnStep
        case .stepAlreadyHasCondition: .stepAlreadyHasCondition
        case .whenTakesOneCondition: .whenTakesOneCondition
        case .alwaysTakesNoValue: .alwaysTakesNoValue
        case .stepMixesTasksAndWaves: .stepMixesTasksAndWaves
        case .stepHasNoTasks: .stepHasNoTasks
        case .invalidWaveName: .invalidWaveName
        case .waveTakesOneName: .waveTakesOneName
        case .waveHasNoTasks: .waveHasNoTasks
        case .unknownGlobOption: .unknownGlobOption
        case .actionSyntax: .actionSyntax
        case .eachLineSyntax: .eachLineSyntax
        case .unknownEachLineOption: .unknownEachLineOption
        case .eachLineHasNothingToRun: .eachLineHasNothingToRun
        case .matchingNeedsLiteral: .matchingNeedsLiteral
        case .invalidPattern: .invalidPattern
        case .takesNoBlock: .takesNoBlock
        case .cannotBeConditional: .cannotBeConditional
        case .needsBlock: .needsBlock
        case .takesOneName: .takesOneName
        case .takesOneString: .takesOneString
        case .takesQuotedString: .takesQuotedString
        case .takesQuotedStrings: .takesQuotedStrings
        case .needsStrings: .needsStrings
        case .expectedStringList: .expectedStringList
        case .notOneOf: .notOneOf
        case .invalidWholeNumber: .invalidWholeNumber
        case .invalidDuration: .invalidDuration
        case .invalidBoolean: .invalidBoolean
        case .envSyntax: .envSyntax
        case .envDefaultNotString: .envDefaultNotString
        case .unknownFunction: .unknownFunction
        case .expectedValue: .expectedValue
        case .misplacedDirective: .misplacedDirective
        case .unknownDirective: .unknownDirective
        case .profileDefinedTwice: .profileDefinedTwice
        case .stepDefinedTwice: .stepDefinedTwice
        case .ignoreNotAllowed: .ignoreNotAllowed
        }
    }
}

extension BuilderMessage: DiagnosticDomain {
    public static let domain = "build"
}
