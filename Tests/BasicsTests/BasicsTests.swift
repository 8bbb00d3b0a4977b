import Basics
import Foundation
import Testing

@Suite struct BasicsTests {
    @Test func shellWordsStayOneLine() {
        #expect(ShellWords.quote("a/b.sql") == "a/b.sql")
        #expect(ShellWords.quote("") == "''")
        #expect(ShellWords.quote("it's") == "'it'\\''s'")
        #expect(ShellWords.quote("a\nb") == "$'a\\nb'")
        #expect(ShellWords.quote("a\tb'c\\") == "$'a\\tb\\'c\\\\'")
        #expect(ShellWords.join(["hive", "-e", "SELECT 1"]) == "hive -e 'SELECT 1'")
    }

    /// What a server says, shown or stored as one line: control characters escaped, the rest kept.
    @Test func oneLineEscapesEveryControlCharacter() {
        #expect(OneLine.escaped("a\nb\r\tc\u{1B}[31md\u{07}\u{7F}\u{85}\u{2028}é") == "a\\nb\\r\\tc\\u{1B}[31md\\u{7}\\u{7F}\\u{85}\\u{2028}é")
        #expect(OneLine.escaped(String(repeating: "x", count: 5), limit: 3) == "xxx…")
        #expect(OneLine.firstLine("\n  \nTable not found\n\tat Foo\n") == "Table not found")
        #expect(OneLine.firstLine("\u{1B}[2Jboom\r\nrest") == "\\u{1B}[2Jboom")
    }

    @Test func booleanWords() {
        #expect(["true", "YES", "On", "1"].map(BooleanWord.parse) == [true, true, true, true])
        #expect(["false", "no", "OFF", "0"].map(BooleanWord.parse) == [false, false, false, false])
        #expect(BooleanWord.parse("maybe") == nil)
        #expect(BooleanWord.parse("") == nil)
    }

    @Test func portNumbers() {
        #expect(PortNumber.parse("3306") == 3306)
        #expect(PortNumber.parse("0") == nil)
        #expect(PortNumber.parse("65536") == nil)
        #expect(PortNumber.parse("x") == nil)
        #expect(PortNumber.isValid(65535))
    }

    @Test func columns() {
        #expect(Columns.pad("ab", 4) == "ab  ")
        #expect(Columns.pad("abcdef", 4) == "abcdef")
        #expect(Columns.table([["a", "bb", "c"], ["ccc", "d", "e"]]) == ["a    bb  c", "ccc  d   e"])
    }

    @Test func jsonIsSortedAndFailuresThrow() throws {
        #expect(try JSONOutput.string(["b": 1, "a": 2], pretty: false) == #"{"a":2,"b":1}"#)
        #expect(throws: EncodingError.self) { try JSONOutput.string(Double.nan) }
    }

    @Test func utcDates() {
        let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z, the SigV4 suite's
        #expect(UTCDate.day(date) == "2015-08-30")
        #expect(UTCDate.basicTimestamp(date) == "20150830T123600Z")
    }
}
