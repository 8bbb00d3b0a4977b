import Foundation

/// The code and message of an AWS error answer, from the JSON protocols (`__type`, `message`/`Message`),
/// the XML ones (S3, IAM: `<Code>`, `<Message>`) or the `x-amzn-ErrorType` header.
struct AWSErrorResponse: Equatable {
    let code: String
    let message: String

    init(_ response: HTTPResponse) {
        var code: String?
        var message: String?
        if let object = try? JSONSerialization.jsonObject(with: response.body) as? [String: Any] {
            code = (object["__type"] ?? object["code"] ?? object["Code"]) as? String
            message = (object["message"] ?? object["Message"]) as? String
        } else if let text = String(data: response.body, encoding: .utf8), text.contains("<Code>") {
            code = Self.xmlElement("Code", in: text)
            message = Self.xmlElement("Message", in: text)
        }
        if code == nil, let header = response.header("x-amzn-ErrorType") {
            code = String(header.prefix { $0 != ":" })
        }
        // `com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException` → the part after `#`.
        let raw = code ?? "HTTP\(response.status)"
        self.code = raw.split(separator: "#").last.map(String.init) ?? raw
        self.message = (message ?? "").replacingOccurrences(of: "\n", with: " ")
    }

    static func xmlElement(_ name: String, in text: String) -> String? {
        guard let start = text.range(of: "<\(name)>"), let end = text.range(of: "</\(name)>", range: start.upperBound..<text.endIndex)
        else { return nil }
        return String(text[start.upperBound..<end.lowerBound])
    }
}
