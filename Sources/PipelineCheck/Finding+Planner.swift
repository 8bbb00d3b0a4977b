import PipelineDSL

extension Finding {
    /// A planner warning as a check finding, by the diagnostic's code. Globs that match nothing become `empty-glob`;
    /// a missing list file is an error. A missing HQL file is dropped: the checker reports it itself, as an error.
    public init?(plannerWarning diagnostic: Diagnostic) {
        let message = diagnostic.message
        let location = diagnostic.range.start
        switch diagnostic.severity {
        case .note:
            return nil
        case .error:
            self.init(severity: .error, code: .planWarning, message: message, location: location)
        case .warning:
            switch diagnostic.code {
            case .missingFile: return nil
            case .emptyGlob: self.init(severity: .warning, code: .emptyGlob, message: message, location: location)
            case .missingListFile: self.init(severity: .error, code: .missingFile, message: message, location: location)
            case .general, .emptyListFile: self.init(severity: .warning, code: .planWarning, message: message, location: location)
            }
        }
    }
}
