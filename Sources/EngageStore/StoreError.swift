/// A store that cannot be opened, read or written, or an import it refuses; the message names the
/// store file (or the input) and what was expected.
public struct StoreError: Error, CustomStringConvertible, Sendable {
    /// What went wrong.
    public enum Kind: Sendable {
        /// The store file or its folder cannot be created or opened.
        case cannotOpen
        /// The store holds something engage cannot use (not a store, a newer schema, corruption).
        case corrupt
        /// An input or a request the store refuses (no handle, unknown account).
        case refused
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) { self.kind = kind; self.message = message }

    public var description: String { message }
}
