/// Why an API call failed, in plain words. Messages never contain a secret.
public enum APIError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Credentials are missing, wrong, or in a file others can read (CLI exit 77).
    case credentials(String)
    /// The server refused the request: bad request (400), not found (404) or not allowed (403 that
    /// is not about credentials). Not retried.
    case rejected(status: Int, message: String)
    /// The API stayed unavailable after the retry budget (CLI exit 69).
    case unavailable(String)
    /// A request was invalid before sending (CLI exit 64).
    case invalidRequest(String)
    /// A response could not be decoded.
    case badResponse(String)
    /// The response cache folder cannot be written (CLI exit 73).
    case cache(String)

    /// The sysexits code the CLI ends with: 77 credentials, 69 unavailable, 64 invalid request,
    /// 65 bad response, 76 (protocol) for other rejections, 73 when the cache cannot be written.
    public var exitCode: Int32 {
        switch self {
        case .credentials: 77
        case .unavailable: 69
        case .invalidRequest: 64
        case .badResponse: 65
        case .rejected: 76
        case .cache: 73
        }
    }

    public var description: String {
        switch self {
        case .credentials(let m): m
        case .rejected(let s, let m): "HTTP \(s): \(m)"
        case .unavailable(let m): m
        case .invalidRequest(let m): m
        case .badResponse(let m): m
        case .cache(let m): m
        }
    }
}
