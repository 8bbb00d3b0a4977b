/// A secret string that cannot be printed by accident: `description` and `dump` show a mask.
public struct Password: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible,
    CustomReflectable
{
    /// The clear text; read only where it is handed to libmariadb.
    public let reveal: String

    public init(_ clearText: String) { self.reveal = clearText }

    public var description: String { "********" }
    public var debugDescription: String { "Password(********)" }
    public var customMirror: Mirror { Mirror(self, children: []) }
}
