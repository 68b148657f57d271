/// A credential string that never prints itself: `description`, `debugDescription` and
/// reflection all show `<redacted>`, so a secret cannot leak through logs, errors or dumps.
///
/// Read the value only where it is sent or signed, through ``revealed``.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret text itself. Use only to sign or send.
    public let revealed: String

    /// Wraps `value`.
    public init(_ value: String) { revealed = value }

    /// Always `<redacted>`.
    public var description: String { "<redacted>" }
    /// Always `<redacted>`.
    public var debugDescription: String { "<redacted>" }
    /// Hides the stored value from `dump` and mirrors.
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// True when the secret is empty.
    public var isEmpty: Bool { revealed.isEmpty }
}
