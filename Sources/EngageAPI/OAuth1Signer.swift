import Foundation
import Crypto

/// Signs requests with OAuth 1.0a HMAC-SHA1 (RFC 5849 §3.4), as the Engagement API's user context needs.
///
/// The signature base string is `METHOD&enc(base URI)&enc(normalised parameters)` where the
/// parameters are the query, a form-encoded body (never a JSON body) and the `oauth_*` protocol
/// parameters, each percent-encoded (RFC 3986 unreserved characters kept) and sorted by name, then value.
public struct OAuth1Signer: Sendable {
    /// Consumer key and secret.
    public var consumerKey: Secret
    /// Consumer secret.
    public var consumerSecret: Secret
    /// Access token (nil for two-legged requests).
    public var token: Secret?
    /// Access token secret.
    public var tokenSecret: Secret?

    public init(consumerKey: Secret, consumerSecret: Secret, token: Secret?, tokenSecret: Secret?) {
        self.consumerKey = consumerKey; self.consumerSecret = consumerSecret; self.token = token; self.tokenSecret = tokenSecret
    }

    /// A signer from user-context credentials; `nil` unless all four keys are present.
    public init?(credentials: Credentials) {
        guard let ck = credentials.consumerKey, let cs = credentials.consumerSecret,
              let t = credentials.accessToken, let ts = credentials.accessTokenSecret else { return nil }
        self.init(consumerKey: ck, consumerSecret: cs, token: t, tokenSecret: ts)
    }

    /// RFC 5849 §3.6 percent-encoding: everything but `A–Z a–z 0–9 - . _ ~`, UTF-8, upper-case hex.
    public static func percentEncode(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = Array("0123456789ABCDEF")
                out.append("%"); out.append(hex[Int(byte >> 4)]); out.append(hex[Int(byte & 0x0F)])
            }
        }
        return out
    }

    /// Decodes `application/x-www-form-urlencoded` pairs (`+` is a space).
    public static func formDecode(_ text: String) -> [(String, String)] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func dec(_ s: Substring) -> String {
                String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
            }
            return (dec(parts[0]), parts.count > 1 ? dec(parts[1]) : "")
        }
    }

    /// RFC 5849 §3.4.1.2 base string URI: lower-case scheme and host, default port dropped, no query.
    public static func baseURI(_ url: URL) -> String {
        guard let c = URLComponents(url: url, resolvingAgainstBaseURL: false) else { return url.absoluteString }
        let scheme = (c.scheme ?? "http").lowercased()
        let host = (c.host ?? "").lowercased()
        var port = ""
        if let p = c.port, !(scheme == "http" && p == 80) && !(scheme == "https" && p == 443) { port = ":\(p)" }
        let path = c.percentEncodedPath.isEmpty ? "/" : c.percentEncodedPath
        return "\(scheme)://\(host)\(port)\(path)"
    }

    /// RFC 5849 §3.4.1.3.2 normalised parameters: encode, sort by name then value, join.
    public static func normalisedParameters(_ parameters: [(String, String)]) -> String {
        parameters.map { (percentEncode($0.0), percentEncode($0.1)) }
            .sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
            .map { "\($0.0)=\($0.1)" }.joined(separator: "&")
    }

    /// RFC 5849 §3.4.1 signature base string.
    /// - Parameters:
    ///   - method: HTTP method, upper-cased here.
    ///   - url: the request URL; its query parameters are included.
    ///   - parameters: protocol parameters (`oauth_*`, without `oauth_signature`) and form body pairs.
    public static func baseString(method: String, url: URL, parameters: [(String, String)]) -> String {
        var all = parameters
        if let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery {
            all += formDecode(query)
        }
        return [method.uppercased(), percentEncode(baseURI(url)), percentEncode(normalisedParameters(all))]
            .joined(separator: "&")
    }

    /// HMAC-SHA1 of `baseString` keyed with `enc(consumer secret)&enc(token secret)`, Base64.
    public func signature(ofBaseString baseString: String) -> String {
        let key = Self.percentEncode(consumerSecret.revealed) + "&" + Self.percentEncode(tokenSecret?.revealed ?? "")
        let mac = HMAC<Insecure.SHA1>.authenticationCode(for: Data(baseString.utf8), using: SymmetricKey(data: Data(key.utf8)))
        return Data(mac).base64EncodedString()
    }

    /// The `oauth_*` protocol parameters for one request (without the signature).
    public func protocolParameters(nonce: String, timestamp: Int) -> [(String, String)] {
        var p: [(String, String)] = [("oauth_consumer_key", consumerKey.revealed), ("oauth_nonce", nonce),
                                     ("oauth_signature_method", "HMAC-SHA1"), ("oauth_timestamp", String(timestamp))]
        if let token { p.append(("oauth_token", token.revealed)) }
        p.append(("oauth_version", "1.0"))
        return p
    }

    /// The `Authorization` header value for a request.
    /// - Parameters:
    ///   - formParameters: pairs of a form-encoded body; leave empty for JSON bodies (never signed).
    ///   - nonce: a unique random string; `timestamp`: Unix seconds (both passed in, no clock here).
    public func authorizationHeader(method: String, url: URL, formParameters: [(String, String)] = [],
                                    nonce: String, timestamp: Int) -> String {
        var oauth = protocolParameters(nonce: nonce, timestamp: timestamp)
        let base = Self.baseString(method: method, url: url, parameters: oauth + formParameters)
        oauth.append(("oauth_signature", signature(ofBaseString: base)))
        return "OAuth " + oauth.sorted { $0.0 < $1.0 }
            .map { "\(Self.percentEncode($0.0))=\"\(Self.percentEncode($0.1))\"" }.joined(separator: ", ")
    }

    /// Parses an `Authorization: OAuth k="v", …` header into decoded pairs (`realm` dropped); nil when not OAuth.
    public static func parseAuthorizationHeader(_ header: String) -> [(String, String)]? {
        guard header.hasPrefix("OAuth ") else { return nil }
        var out: [(String, String)] = []
        for item in header.dropFirst(6).split(separator: ",") {
            let t = item.trimmingCharacters(in: .whitespaces)
            guard let eq = t.firstIndex(of: "=") else { return nil }
            let name = String(t[..<eq])
            var value = String(t[t.index(after: eq)...])
            if value.hasPrefix("\""), value.hasSuffix("\""), value.count >= 2 { value = String(value.dropFirst().dropLast()) }
            guard let n = name.removingPercentEncoding, let v = value.removingPercentEncoding else { return nil }
            if n != "realm" { out.append((n, v)) }
        }
        return out
    }
}
