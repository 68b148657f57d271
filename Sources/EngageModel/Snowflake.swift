import Foundation

/// Snowflake post ids carry their creation time: `(id >> 22) + 1288834974657` Unix milliseconds.
public enum Snowflake {
    /// Twitter's epoch in Unix milliseconds.
    public static let epochMilliseconds: UInt64 = 1_288_834_974_657

    /// The first id that is a Snowflake (ids before late 2010 were sequential and carry no time).
    public static let firstSnowflakeID: UInt64 = 1 << 32

    /// Unix milliseconds encoded in `id`, or `nil` for pre-Snowflake ids.
    public static func unixMilliseconds(of id: UInt64) -> UInt64? {
        guard id >= firstSnowflakeID else { return nil }
        return (id >> 22) + epochMilliseconds
    }

    /// Creation instant of `id`, or `nil` for pre-Snowflake ids.
    public static func date(of id: UInt64) -> Date? {
        unixMilliseconds(of: id).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}
