import AWS
import Foundation
import Testing

/// AWS's published SigV4 vectors: key AKIDEXAMPLE, region us-east-1, service `service`, 20150830T123600Z.
/// Every one of the 34 cases is handled; none is skipped.
@Suite struct SigV4SignerTests {
    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z
    static let secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"

    /// `get-vanilla-with-session-token` expects the signer to add the token; the `post-sts-token` cases
    /// carry it in the request (before) or expect it added after signing (after).
    static func signer(for testCase: SigV4TestCase, request: HTTPRequest) -> SigV4Signer {
        var token: String? = request.header("X-Amz-Security-Token")
        var placement = SigV4Signer.SessionTokenPlacement.signed
        switch testCase.name {
        case "get-vanilla-with-session-token":
            token = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
        case "post-sts-header-after":
            token = "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA=="
            placement = .afterSigning
        default: break
        }
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: secret, sessionToken: token)
        return SigV4Signer(credentials: credentials, region: "us-east-1", service: "service", sessionTokenPlacement: placement)
    }

    @Test func theSuiteHasAllThirtyFourCases() {
        #expect(SigV4TestCase.all().count == 34)
    }

    @Test(arguments: SigV4TestCase.all())
    func canonicalRequestStringToSignAndAuthorization(_ testCase: SigV4TestCase) throws {
        let request = try testCase.request()
        let signer = Self.signer(for: testCase, request: request)
        let prepared = signer.prepare(request, date: Self.date)
        let canonical = signer.canonicalRequest(prepared)
        #expect(canonical == (try testCase.file("creq")))
        let toSign = signer.stringToSign(canonicalRequest: canonical, date: Self.date)
        #expect(toSign == (try testCase.file("sts")))
        #expect(signer.authorization(for: prepared, date: Self.date) == (try testCase.file("authz")))
        let signed = signer.sign(request, date: Self.date)
        #expect(signed.header("Authorization") == (try testCase.file("authz")))
    }

    @Test func sessionTokenAfterSigningIsSentButNotSigned() throws {
        let testCase = try #require(SigV4TestCase.all().first { $0.name == "post-sts-header-after" })
        let request = try testCase.request()
        let signed = Self.signer(for: testCase, request: request).sign(request, date: Self.date)
        #expect(signed.header("X-Amz-Security-Token")?.hasPrefix("AQoDYXdzEPT") == true)
        #expect(signed.header("Authorization")?.contains("SignedHeaders=host;x-amz-date,") == true)
    }

    @Test func s3SignsThePayloadHashHeaderAndKeepsThePathAsGiven() {
        let credentials = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: Self.secret)
        let signer = SigV4Signer(credentials: credentials, region: "us-east-1", service: "s3")
        let request = HTTPRequest(
            method: "PUT", endpoint: AWSEndpoint(scheme: "http", host: "127.0.0.1", port: 5000),
            path: "/bucket/a//b/../c d", body: Data("hello".utf8))
        let prepared = signer.prepare(request, date: Self.date)
        #expect(
            signer.canonicalRequest(prepared) == """
                PUT
                /bucket/a//b/../c%20d

                host:127.0.0.1:5000
                x-amz-content-sha256:2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
                x-amz-date:20150830T123600Z

                host;x-amz-content-sha256;x-amz-date
                2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824
                """)
        #expect(prepared.url == "http://127.0.0.1:5000/bucket/a//b/../c%20d")
    }

    @Test func credentialsDescriptionHidesTheSecretAndToken() {
        let credentials = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "s3cr3t", sessionToken: "tok3n")
        #expect(credentials.description == "AWSCredentials(accessKeyId: AKID, secretAccessKey: <redacted>, sessionToken: <redacted>)")
    }
}
