/// A `--format json` document: an encoding failure (a value JSON cannot hold) is exit 1 with why, never a
/// silent `{}`.
enum JSONDocument {
    static func encode(_ render: () throws -> String) throws(CommandFailure) -> String {
        do { return try render() } catch { throw CommandFailure(.failed, "cannot write the JSON document: \(error)") }
    }
}
