import AWS
import Foundation
import TestSupport

/// One case of AWS's SigV4 test suite (`Tests/Fixtures/aws-sigv4-testsuite/`, or `PDM_SIGV4_TESTSUITE`):
/// the raw request (`.req`) and the expected canonical request, string to sign and Authorization header.
struct SigV4TestCase: CustomStringConvertible, Sendable {
    let name: String
    let directory: URL

    var description: String { name }

    func file(_ suffix: String) throws -> String {
        try String(contentsOf: directory.appendingPathComponent("\(directory.lastPathComponent).\(suffix)"), encoding: .utf8)
    }

    /// Parses the `.req` file: request line, `Name:value` headers (an indented line continues the value
    /// before it), a blank line, the body. Path and query are percent-decoded: `HTTPRequest` holds decoded text.
    func request() throws -> HTTPRequest {
        let text = try file("req")
        let (head, body): (Substring, Substring) = {
            guard let range = text.range(of: "\n\n") else { return (Substring(text), "") }
            return (text[..<range.lowerBound], text[range.upperBound...])
        }()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
        let rawPath = target.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false)
        var headers: [HTTPHeader] = []
        for line in lines where !line.isEmpty {
            if line.first == " " || line.first == "\t" {
                headers[headers.count - 1].value += "\n" + line
            } else if let colon = line.firstIndex(of: ":") {
                headers.append(HTTPHeader(String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let query: [QueryItem] = rawPath.count < 2 ? [] : rawPath[1].split(separator: "&").map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(decode(parts[0]), parts.count > 1 ? decode(parts[1]) : "")
        }
        let host = headers.first { $0.name.lowercased() == "host" }?.value ?? "example.amazonaws.com"
        return HTTPRequest(
            method: method, endpoint: AWSEndpoint(host: host), path: decode(rawPath[0]), query: query,
            headers: headers, body: Data(body.utf8))
    }

    private func decode(_ text: Substring) -> String { String(text).removingPercentEncoding ?? String(text) }

    static let root: URL = {
        if let path = ProcessInfo.processInfo.environment["PDM_SIGV4_TESTSUITE"] { return URL(fileURLWithPath: path) }
        // AWS's published vectors live in the repository (their README names the source and licence).
        return LiveServer.repositoryRoot.appendingPathComponent("Tests/Fixtures/aws-sigv4-testsuite")
    }()

    /// Every directory holding a `.req`, nested ones (`normalize-path/`, `post-sts-token/`) included.
    static func all() -> [SigV4TestCase] {
        guard let walker = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var cases: [SigV4TestCase] = []
        for case let url as URL in walker where url.pathExtension == "req" {
            let directory = url.deletingLastPathComponent()
            cases.append(SigV4TestCase(name: directory.lastPathComponent, directory: directory))
        }
        return cases.sorted { $0.name < $1.name }
    }
}
