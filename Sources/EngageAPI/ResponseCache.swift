import Crypto
import Foundation

/// Successful API responses kept on disk, one file per request, so that a fetch cut short by a
/// failure loses nothing: run the same command again and every request already answered is read
/// from here instead of the network.
///
/// The key is SHA-256 of method, host, path with query, and request body (credentials travel in
/// headers and are not part of it; the port is left out so that a restarted local sandbox on a new
/// port still matches); files are written atomically, so a killed run leaves only whole responses.
/// `engage fetch` removes the folder once a fetch has completed, so it never serves stale counts.
/// The folder is private to its owner (mode 700, files 600), and the session stores bodies with
/// every credential a server echoed back replaced by `<redacted>`.
public struct ResponseCache: Sendable {
    /// The folder holding `<sha256>.json` files.
    public let directory: URL

    public init(directory: URL) { self.directory = directory }

    /// The saved body for this request, if any.
    func load(method: String, url: URL, body: Data?) -> Data? {
        try? Data(contentsOf: file(method: method, url: url, body: body))
    }

    /// Saves a successful body for this request.
    func store(_ data: Data, method: String, url: URL, body: Data?) throws {
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                    attributes: [.posixPermissions: 0o700])
            let target = file(method: method, url: url, body: body)
            try data.write(to: target, options: .atomic)
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
        } catch {
            throw APIError.cache("cannot save a response in \(directory.path): \(error.localizedDescription)")
        }
    }

    private func file(method: String, url: URL, body: Data?) -> URL {
        var hasher = SHA256()
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        let target = (components?.percentEncodedPath ?? url.path) + (components?.percentEncodedQuery.map { "?" + $0 } ?? "")
        hasher.update(data: Data("\(method) \(url.host ?? "") \(target)\n".utf8))
        if let body { hasher.update(data: body) }
        let hex = hasher.finalize().map { String(format: "%02x", $0) }.joined()
        return directory.appending(path: "\(hex).json")
    }
}
