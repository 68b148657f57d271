/// An email address as given on the command line or in a template: `team@example.com` or
/// `Weekly report <reports@example.com>`. Checked when parsed, so that a mistyped address
/// stops the run with a usage error instead of producing a message no server accepts.
public struct EmailAddress: Sendable, Hashable, CustomStringConvertible {
    /// The name shown before the address, if any.
    public let name: String?
    /// `local@domain`.
    public let address: String

    /// Parses one address; nil when `text` is not one.
    ///
    /// The local part is a dot-atom (letters, digits and ``!#$%&'*+/=?^_`{|}~-``, dots between
    /// them), the domain dot-separated labels of letters, digits and inner hyphens (a single
    /// label such as `localhost` is allowed). No comments, quoted local parts or IP literals.
    public init?(_ text: String) {
        var rest = Substring(text.trimmingSpaces)
        var name: String?
        if rest.hasSuffix(">"), let open = rest.lastIndex(of: "<") {
            let shown = rest[..<open].trimmingSpaces.trimmingQuotes
            guard !shown.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" || $0 == "\"" }) else { return nil }
            name = shown.isEmpty ? nil : shown
            rest = rest[rest.index(after: open)..<rest.index(before: rest.endIndex)]
        }
        guard let at = rest.lastIndex(of: "@") else { return nil }
        let local = rest[..<at], domain = rest[rest.index(after: at)...]
        let atom = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-")
        let labelCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
        let localParts = local.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...64).contains(local.count), localParts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(atom.contains) }) else { return nil }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...253).contains(domain.count),
              labels.allSatisfy({ (1...63).contains($0.count) && $0.allSatisfy(labelCharacters.contains) && $0.first != "-" && $0.last != "-" })
        else { return nil }
        self.name = name
        self.address = String(rest)
    }

    /// Parses a comma-separated list (`a@example.com, Team <b@example.com>`).
    /// - Returns: the addresses, or the first item that is not one.
    public static func list(_ text: String) -> Result<[EmailAddress], InvalidEmailAddress> {
        var out: [EmailAddress] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            guard let address = EmailAddress(String(item)) else { return .failure(InvalidEmailAddress(text: String(item).trimmingSpaces)) }
            out.append(address)
        }
        return .success(out)
    }

    /// `Name <local@domain>` or `local@domain`.
    public var description: String { name.map { "\($0) <\(address)>" } ?? address }
}

/// Text that is not an email address.
public struct InvalidEmailAddress: Error, Sendable, CustomStringConvertible {
    /// The item as given.
    public let text: String

    public var description: String {
        "\"\(text)\" is not an email address (expected name@example.com or Name <name@example.com>)"
    }
}

private extension StringProtocol {
    var trimmingSpaces: String {
        String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }

    var trimmingQuotes: String {
        String(drop { $0 == "\"" }.reversed().drop { $0 == "\"" }.reversed())
    }
}
