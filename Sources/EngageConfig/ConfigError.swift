/// A problem in a user-edited file (campaigns, templates, batch jobs), naming file, line and key.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    /// The file as given.
    public var file: String
    /// 1-based line, when known.
    public var line: Int?
    /// The key involved, when one is.
    public var key: String?
    /// What is wrong and what was expected.
    public var message: String
    /// True when the file itself could not be read (CLI exit 66) rather than being malformed (65).
    public var isUnreadable: Bool

    public init(file: String, line: Int? = nil, key: String? = nil, message: String, isUnreadable: Bool = false) {
        self.file = file; self.line = line; self.key = key; self.message = message; self.isUnreadable = isUnreadable
    }

    /// `campaigns.yaml line 7, key "hashtag": unknown key (expected one of …)`.
    public var description: String {
        var s = file
        if let line { s += " line \(line)" }
        if let key { s += ", key \"\(key)\"" }
        return s + ": " + message
    }
}
