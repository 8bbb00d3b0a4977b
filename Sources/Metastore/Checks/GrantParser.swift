import Foundation

/// One privilege grant from `SHOW GRANTS`, reduced to what check 5 needs.
public struct Grant: Sendable, Hashable {
    public enum Scope: Sendable, Hashable {
        case global
        /// A database name or a LIKE pattern (`pdm\_fx\_%`), as written in the grant.
        case database(String)
        case table(database: String, table: String)
    }

    /// Upper-case names (`SELECT`, `INSERT` ...); `ALL PRIVILEGES` is `ALL`.
    public var privileges: Set<String>
    public var scope: Scope

    public init(privileges: Set<String>, scope: Scope) {
        self.privileges = privileges
        self.scope = scope
    }
}

/// Parses the lines of `SHOW GRANTS` (MariaDB and MySQL spelling). Role grants, PROXY grants, routine grants
/// and column-level privileges are left out: none of them gives table-level rights.
public enum GrantParser {
    public static func parse(_ line: String) -> Grant? {
        guard line.hasPrefix("GRANT "), let on = find(" ON ", in: line), let to = find(" TO ", in: line),
            on < to
        else { return nil }
        let privilegeText = line[line.index(line.startIndex, offsetBy: 6)..<on]
        let objectText = line[line.index(on, offsetBy: 4)..<to].trimmingCharacters(in: .whitespaces)
        var privileges: Set<String> = []
        for item in splitTopLevel(String(privilegeText)) {
            let privilege = item.trimmingCharacters(in: .whitespaces).uppercased()
            if privilege.contains("(") || privilege == "PROXY" { continue }
            privileges.insert(privilege == "ALL PRIVILEGES" ? "ALL" : privilege)
        }
        guard !privileges.isEmpty, let scope = scope(objectText) else { return nil }
        return Grant(privileges: privileges, scope: scope)
    }

    static func scope(_ text: String) -> Grant.Scope? {
        let upper = text.uppercased()
        if upper.hasPrefix("FUNCTION ") || upper.hasPrefix("PROCEDURE ") || upper.hasPrefix("PACKAGE ") { return nil }
        let parts = splitIdentifiers(text.hasPrefix("TABLE ") ? String(text.dropFirst(6)) : text)
        switch parts.count {
        case 1 where parts[0] == "*": return .global
        case 2 where parts[0] == "*" && parts[1] == "*": return .global
        case 2 where parts[1] == "*": return .database(parts[0])
        case 2: return .table(database: parts[0], table: parts[1])
        default: return nil
        }
    }

    /// `` `a``b`.* `` → ["a`b", "*"].
    static func splitIdentifiers(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var quoted = false
        var iterator = Array(text).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if character == "`" {
                if quoted, let next = iterator.next() {
                    if next == "`" { current.append("`"); continue }
                    quoted = false
                    pending = next
                    continue
                }
                quoted.toggle()
            } else if character == ".", !quoted {
                parts.append(current)
                current = ""
            } else {
                current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// Splits on commas outside parentheses (column lists).
    static func splitTopLevel(_ text: String) -> [String] {
        var parts: [String] = []
        var current = ""
        var depth = 0
        for character in text {
            switch character {
            case "(": depth += 1; current.append(character)
            case ")": depth -= 1; current.append(character)
            case "," where depth == 0: parts.append(current); current = ""
            default: current.append(character)
            }
        }
        parts.append(current)
        return parts
    }

    /// The first occurrence of a keyword outside backquotes.
    static func find(_ keyword: String, in line: String) -> String.Index? {
        var quoted = false
        var index = line.startIndex
        while index < line.endIndex {
            if line[index] == "`" { quoted.toggle() }
            if !quoted, line[index...].hasPrefix(keyword) { return index }
            index = line.index(after: index)
        }
        return nil
    }

    /// Whether a database-level grant's name applies to `database`: `%` and `_` are wildcards, `\` escapes.
    public static func pattern(_ pattern: String, matches database: String, caseSensitive: Bool) -> Bool {
        let pattern = Array(caseSensitive ? pattern : pattern.lowercased())
        let name = Array(caseSensitive ? database : database.lowercased())
        func match(_ p: Int, _ n: Int) -> Bool {
            if p == pattern.count { return n == name.count }
            switch pattern[p] {
            case "%": return (n...name.count).contains { match(p + 1, $0) }
            case "_": return n < name.count && match(p + 1, n + 1)
            case "\\" where p + 1 < pattern.count:
                return n < name.count && name[n] == pattern[p + 1] && match(p + 2, n + 1)
            default: return n < name.count && name[n] == pattern[p] && match(p + 1, n + 1)
            }
        }
        return match(0, 0)
    }
}
