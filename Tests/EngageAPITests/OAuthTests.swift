import Foundation
import Testing
@testable import EngageAPI

/// Reference values come from Tests/Fixtures/api/oauth_reference.py (Python hmac/hashlib); the
/// X docs case also carries the signature the documentation publishes.
struct OAuthReference: Decodable {
    var name: String
    var url: String
    var method: String
    var form: [[String]]
    var oauth: [[String]]
    var consumer_secret: String
    var token_secret: String
    var base: String
    var signature: String
    var published_signature: String?
}

@Suite struct OAuthTests {
    static func cases() throws -> [OAuthReference] {
        try JSONDecoder().decode([OAuthReference].self, from: fixture("oauth_reference.json"))
    }

    @Test func rfc5849BaseStringMatchesTheRFCText() throws {
        let c = try #require(try Self.cases().first { $0.name == "rfc5849" })
        let params = (c.oauth + c.form).map { ($0[0], $0[1]) }
        let base = OAuth1Signer.baseString(method: c.method, url: URL(string: c.url)!, parameters: params)
        // RFC 5849 §3.4.1.1, as printed in the RFC (line breaks removed).
        #expect(base == "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7")
        #expect(base == c.base)
    }

    @Test(arguments: ["rfc5849", "x-docs"]) func signatureMatchesPythonReference(name: String) throws {
        let c = try #require(try Self.cases().first { $0.name == name })
        let params = (c.oauth + c.form).map { ($0[0], $0[1]) }
        let base = OAuth1Signer.baseString(method: c.method, url: URL(string: c.url)!, parameters: params)
        #expect(base == c.base)
        let signer = OAuth1Signer(consumerKey: Secret("unused"), consumerSecret: Secret(c.consumer_secret),
                                  token: nil, tokenSecret: Secret(c.token_secret))
        #expect(signer.signature(ofBaseString: base) == c.signature)
        if let published = c.published_signature { #expect(c.signature == published) }
    }

    @Test func authorizationHeaderReproducesXDocsExample() throws {
        let c = try #require(try Self.cases().first { $0.name == "x-docs" })
        let oauth = Dictionary(c.oauth.map { ($0[0], $0[1]) }, uniquingKeysWith: { a, _ in a })
        let signer = OAuth1Signer(consumerKey: Secret(oauth["oauth_consumer_key"]!), consumerSecret: Secret(c.consumer_secret),
                                  token: Secret(oauth["oauth_token"]!), tokenSecret: Secret(c.token_secret))
        let header = signer.authorizationHeader(method: "POST", url: URL(string: c.url)!,
                                                formParameters: c.form.map { ($0[0], $0[1]) },
                                                nonce: oauth["oauth_nonce"]!, timestamp: Int(oauth["oauth_timestamp"]!)!)
        #expect(header.contains("oauth_signature=\"hCtSmYh%2BiHYCEqBWrE7C7hYmtUk%3D\""))
        let parsed = try #require(OAuth1Signer.parseAuthorizationHeader(header))
        #expect(parsed.first { $0.0 == "oauth_signature" }?.1 == "hCtSmYh+iHYCEqBWrE7C7hYmtUk=")
    }

    @Test(arguments: [("abc-._~", "abc-._~"), ("a b", "a%20b"), ("+", "%2B"), ("é", "%C3%A9"), ("*", "%2A"), ("!", "%21")])
    func percentEncoding(input: String, expected: String) {
        #expect(OAuth1Signer.percentEncode(input) == expected)
    }

    @Test func secretsAreRedacted() {
        let s = Secret("hunter2")
        #expect("\(s)" == "<redacted>")
        #expect(String(reflecting: s) == "<redacted>")
        var dumped = ""
        dump(s, to: &dumped)
        #expect(!dumped.contains("hunter2"))
        let c = Credentials(consumerKey: s, bearerToken: Secret("tok-123"))
        #expect(!"\(c)".contains("hunter2") && !"\(c)".contains("tok-123"))
    }
}
