import Basics
import Foundation
import Testing

@Suite struct JSONLineTests {
    @Test func keysAreSortedAndAbsentValuesLeftOut() {
        var line = JSONLine()
        line.add("b", "x")
        line.add("a", 1)
        line.add("c", nil as String?)
        line.add("A", 0.5)
        #expect(line.text == #"{"A":0.5,"a":1,"b":"x"}"#)
    }

    @Test func everyControlCharacterIsEscapedAndTheLineParses() throws {
        let text = String(String.UnicodeScalarView((0..<0x20).compactMap(Unicode.Scalar.init))) + "\"\\/ ✓"
        var line = JSONLine()
        line.add("t", text)
        let output = try #require(line.text)
        #expect(!output.unicodeScalars.contains { $0.value < 0x20 })
        #expect(output.contains(#"\u001b"#) && output.contains("/"))
        let parsed = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String]
        #expect(parsed == ["t": text])
    }

    @Test func wholeNumbersAreIntegersAndNonFiniteOnesSpoilTheLine() {
        var line = JSONLine()
        line.add("n", 3.0)
        line.add("m", -0.25)
        #expect(line.text == #"{"m":-0.25,"n":3}"#)
        line.add("x", Double.infinity)
        #expect(line.text == nil)
    }
}
