import PipelineDSL

extension Finding {
    /// A planner diagnostic as a check finding, by its code. `check` plans with `deferInputErrors`, so the input
    /// problems that make `plan` and `run` refuse arrive here as coded warnings and become errors again: an
    /// empty glob (`empty-glob`), a missing or unreadable list file (`missing-file`), an empty list file
    /// (`empty-list-file`) and a rejected list value (`list-value`). A missing HQL file is dropped: the checker
    /// reads every file itself and reports it there.
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
            case .emptyGlob: self.init(severity: .error, code: .emptyGlob, message: message, location: location)
            case .missingListFile, .unreadableListFile: self.init(severity: .error, code: .missingFile, message: message, location: location)
            case .emptyListFile: self.init(severity: .error, code: .emptyListFile, message: message, location: location)
            case .invalidListValue: self.init(severity: .error, code: .listValue, message: message, location: location)
            case .general: self.init(severity: .warning, code: .planWarning, message: message, location: location)
            }
        }
    }
}
