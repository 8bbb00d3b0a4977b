import Foundation

/// An RDS-style Secrets Manager secret: `{"username", "password", "host", "port", "dbInstanceIdentifier"}`.
public struct MetastoreSecret: Sendable, Hashable {
    public var username: String?
    public var password: Password
    public var host: String?
    public var port: Int?
    public var dbInstanceIdentifier: String?
    /// Some secrets also carry the database (`dbname`).
    public var database: String?

    /// `secretID` only names the secret in messages; the secret's text is never quoted in them.
    public static func parse(_ json: String, secretID: String) throws(MetastoreError) -> MetastoreSecret {
        let fields: Fields
        do {
            fields = try JSONDecoder().decode(Fields.self, from: Data(json.utf8))
        } catch DecodingError.typeMismatch(_, let context), DecodingError.dataCorrupted(let context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .unusableInput(key.isEmpty
                ? "secret \(secretID) is not a JSON object"
                : "secret \(secretID): \(key) has the wrong type")
        } catch {
            throw .unusableInput("secret \(secretID) is not a JSON object")
        }
        guard let password = fields.password else { throw .unusableInput("secret \(secretID) has no password field") }
        var port: Int?
        switch fields.port {
        case nil: port = nil
        case .number(let number): port = number
        case .text(let text):
            // RDS writes the port as a number; hand-made secrets often have a string.
            guard let number = Int(text) else { throw .unusableInput("secret \(secretID): port '\(text)' is not a number") }
            port = number
        }
        return MetastoreSecret(
            username: fields.username, password: Password(password), host: fields.host, port: port,
            dbInstanceIdentifier: fields.dbInstanceIdentifier, database: fields.dbname)
    }

    private struct Fields: Decodable {
        var username: String?
        var password: String?
        var host: String?
        var port: Port?
        var dbInstanceIdentifier: String?
        var dbname: String?
    }

    private enum Port: Decodable {
        case number(Int)
        case text(String)

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }
}
