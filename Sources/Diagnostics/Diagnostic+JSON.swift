/// The JSON form of a diagnostic (`check --format json`): the id, severity, message, where, and notes.
/// `related` and `notes` appear only when there are some, so a consumer can rely on the other keys.
extension Diagnostic: Encodable {
    enum CodingKeys: String, CodingKey {
        case id, severity, message, location, length, end, notes, related
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(severity, forKey: .severity)
        try container.encode(message, forKey: .message)
        try container.encode(range.start, forKey: .location)
        if let end = range.end { try container.encode(end, forKey: .end) } else { try container.encode(range.length, forKey: .length) }
        if !notes.isEmpty { try container.encode(notes, forKey: .notes) }
        try container.encodeIfPresent(related, forKey: .related)
    }
}
