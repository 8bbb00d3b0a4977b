import PipelinePlan
import Testing
import TestSupport

@testable import PipelineRun

@Suite struct MaskingStreamTests {
    func masked(_ chunks: [String], secrets: [String]) -> String {
        var stream = MaskingStream(SecretMask(secrets: secrets))
        var out: [UInt8] = []
        for chunk in chunks { out += stream.feed(Array(chunk.utf8)) }
        out += stream.finish()
        return String(decoding: out, as: UTF8.self)
    }

    @Test func aSecretSplitAtEveryPointIsStillMasked() {
        let text = "pw=s3cr3t-Value; again s3cr3t-Value and s3cr3t-Valu (not quite)\n"
        let expected = "pw=****; again **** and s3cr3t-Valu (not quite)\n"
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            for second in cut...bytes.count {
                let parts = [bytes[0..<cut], bytes[cut..<second], bytes[second...]].map { String(decoding: $0, as: UTF8.self) }
                #expect(masked(parts, secrets: ["s3cr3t-Value"]) == expected, "cut at \(cut), \(second)")
            }
        }
    }

    @Test func oneByteAtATimeWithOverlappingSecrets() {
        let text = "abcdef abc abcdeX aabcdef"
        let chunks = text.map { String($0) }
        #expect(masked(chunks, secrets: ["abc", "abcdef"]) == "**** **** ****deX a****")
    }

    @Test func randomChunkingMatchesMaskingTheWhole() {
        var random = SeededRandom(seed: 42)
        let secrets = ["Zx9-canary", "Zx9", "canary!!"]
        let alphabet = Array("Zx9-canary! ab\n")
        for _ in 0..<300 {
            let text = String((0..<Int.random(in: 0..<120, using: &random)).map { _ in alphabet.randomElement(using: &random)! })
            var chunks: [String] = []
            var rest = Substring(text)
            while !rest.isEmpty {
                let n = Int.random(in: 1...max(1, rest.count), using: &random)
                chunks.append(String(rest.prefix(n)))
                rest = rest.dropFirst(n)
            }
            #expect(masked(chunks, secrets: secrets) == SecretMask(secrets: secrets).apply(text), "\(chunks)")
        }
    }

    @Test func noSecretsPassesBytesThrough() {
        #expect(masked(["a", "b\n"], secrets: []) == "ab\n")
    }
}
