import PipelineDSL

extension Finding {
    /// A planner warning as a check finding. Globs that match nothing become `empty-glob`; a list file that is
    /// missing is an error. `file not found` is dropped: the checker reports the missing file itself, as an error.
    public init?(plannerWarning diagnostic: Diagnostic) {
        let message = diagnostic.message
        let location = diagnostic.range.start
        switch diagnostic.severity {
        case .note:
            return nil
        case .error:
            self.init(severity: .error, code: .planWarning, message: message, location: location)
        case .warning:
            if message.hasPrefix("file not found: ") { return nil }
            if message.hasPrefix("glob "), message.contains(" matches no file") {
                self.init(severity: .warning, code: .emptyGlob, message: message, location: location)
            } else if message.hasPrefix("list file not found: ") {
                self.init(severity: .error, code: .missingFile, message: message, location: location)
            } else {
                self.init(severity: .warning, code: .planWarning, message: message, location: location)
            }
        }
    }
}
