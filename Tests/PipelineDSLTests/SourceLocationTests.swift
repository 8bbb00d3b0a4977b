import Testing

@testable import PipelineDSL

@Test func sourceLocationPrintsFileLineColumn() {
    #expect(SourceLocation(file: "pipelines/pdm.pipe", line: 12, column: 5).description == "pipelines/pdm.pipe:12:5")
    #expect(SourceRange(start: SourceLocation(file: "f", line: 1, column: 1), length: 0).length == 1)
}
