import Foundation

/// The keys used to call the APIs. Every field is a ``Secret``.
///
/// The CLI builds this from the environment (`X_CONSUMER_KEY`, `X_CONSUMER_SECRET`,
/// `X_ACCESS_TOKEN`, `X_ACCESS_TOKEN_SECRET`, `X_BEARER_TOKEN`) with ``init(environment:)`` or from a
/// credentials file with ``load(fromFile:)``; the library never reads the environment itself.
public struct Credentials: Sendable, CustomStringConvertible {
    /// OAuth 1.0a consumer (API) key.
    public var consumerKey: Secret?
    /// OAuth 1.0a consumer (API) secret.
    public var consumerSecret: Secret?
    /// OAuth 1.0a access token of the posts' owner.
    public var accessToken: Secret?
    /// OAuth 1.0a access token secret.
    public var accessTokenSecret: Secret?
    /// OAuth 2.0 app-only bearer token (public metrics on totals, X API v2 public fields).
    public var bearerToken: Secret?

    /// Creates credentials; every field defaults to absent.
    public init(consumerKey: Secret? = nil, consumerSecret: Secret? = nil, accessToken: Secret? = nil,
                accessTokenSecret: Secret? = nil, bearerToken: Secret? = nil) {
        self.consumerKey = consumerKey; self.consumerSecret = consumerSecret; self.accessToken = accessToken
        self.accessTokenSecret = accessTokenSecret; self.bearerToken = bearerToken
    }

    /// The names of the environment variables (and credentials file keys), in field order.
    public static let variableNames = ["X_CONSUMER_KEY", "X_CONSUMER_SECRET", "X_ACCESS_TOKEN",
                                       "X_ACCESS_TOKEN_SECRET", "X_BEARER_TOKEN"]

    /// Takes the five `X_…` variables from `environment`; empty values count as absent.
    public init(environment: [String: String]) {
        func s(_ k: String) -> Secret? { environment[k].flatMap { $0.isEmpty ? nil : Secret($0) } }
        self.init(consumerKey: s("X_CONSUMER_KEY"), consumerSecret: s("X_CONSUMER_SECRET"),
                  accessToken: s("X_ACCESS_TOKEN"), accessTokenSecret: s("X_ACCESS_TOKEN_SECRET"),
                  bearerToken: s("X_BEARER_TOKEN"))
    }

    /// True when all four OAuth 1.0a user-context keys are present.
    public var hasUserContext: Bool {
        consumerKey != nil && consumerSecret != nil && accessToken != nil && accessTokenSecret != nil
    }

    /// Which keys are present, without their values: `consumer key, consumer secret, bearer token`.
    public var description: String {
        let names = ["consumer key", "consumer secret", "access token", "access token secret", "bearer token"]
        let present = zip(names, [consumerKey, consumerSecret, accessToken, accessTokenSecret, bearerToken])
            .filter { $0.1 != nil }.map(\.0)
        return present.isEmpty ? "no credentials" : present.joined(separator: ", ")
    }

    /// Reads a credentials file of `KEY=value` lines.
    ///
    /// Keys are the environment names (`X_CONSUMER_KEY=…`) or the same in lower case without `X_`
    /// (`consumer_key=…`); blank lines and lines starting with `#` are ignored; a value may be quoted.
    /// The file must not be readable or writable by group or others.
    /// - Throws: ``APIError/credentials(_:)`` when the file is missing, too widely readable (with the
    ///   `chmod 600` to run) or has a malformed line (named by number, value never shown).
    public static func load(fromFile path: String) throws -> Credentials {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw APIError.credentials("cannot read the credentials file \(path)")
        }
        if info.st_mode & 0o077 != 0 {
            let mode = String(info.st_mode & 0o777, radix: 8)
            throw APIError.credentials("the credentials file \(path) is readable by group or others (mode \(mode)); run: chmod 600 \(path)")
        }
        // A credentials file is a few hundred bytes; a FIFO or device could be endless.
        guard info.st_mode & S_IFMT == S_IFREG, info.st_size <= 1 << 20 else {
            throw APIError.credentials("the credentials file \(path) is not a regular file of at most 1 MiB")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw APIError.credentials("cannot read the credentials file \(path) as UTF-8 text")
        }
        var values: [String: String] = [:]
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let eq = line.firstIndex(of: "=") else {
                throw APIError.credentials("\(path) line \(n + 1): expected KEY=value")
            }
            var key = line[..<eq].trimmingCharacters(in: .whitespaces).uppercased()
            if key.hasPrefix("EXPORT ") { key = String(key.dropFirst(7)).trimmingCharacters(in: .whitespaces) }
            if !key.hasPrefix("X_") { key = "X_" + key }
            guard variableNames.contains(key) else {
                throw APIError.credentials("\(path) line \(n + 1): unknown key (expected one of \(variableNames.joined(separator: ", ")))")
            }
            var value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let f = value.first, f == "\"" || f == "'", value.last == f {
                value = String(value.dropFirst().dropLast())
            }
            values[key] = value
        }
        return Credentials(environment: values)
    }
}
