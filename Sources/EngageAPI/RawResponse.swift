import Foundation

/// One HTTP exchange as received, kept so `engage fetch` can save every raw response.
/// Holds no header and no secret: only method, URL (no credentials ever go in URLs), request body,
/// status and the decoded (un-gzipped) response body.
public struct RawResponse: Sendable {
    /// A stable name, e.g. `historical-0003`.
    public var name: String
    /// `GET` or `POST`.
    public var method: String
    /// The request URL.
    public var url: URL
    /// The JSON request body, when there was one.
    public var requestBody: Data?
    /// HTTP status.
    public var status: Int
    /// Response body.
    public var body: Data
    /// 1 for the first try, more for retries.
    public var attempt: Int
}
