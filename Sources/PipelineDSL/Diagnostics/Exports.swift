// Every AST node carries a `SourceRange` and every stage returns `Diagnostic`s: a user of the language gets the
// location and diagnostic types with it, as a user of swift-syntax gets SwiftDiagnostics' with the parser.
@_exported import Diagnostics
