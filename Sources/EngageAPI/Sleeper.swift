/// Waits between retries. Tests inject one that records instead of sleeping.
public protocol Sleeper: Sendable {
    /// Suspends for `seconds` (or pretends to).
    func sleep(seconds: Double) async throws
}

/// Sleeps with `Task.sleep`: the default outside tests.
public struct TaskSleeper: Sleeper {
    public init() {}
    public func sleep(seconds: Double) async throws {
        guard seconds > 0 else { return }
        try await Task.sleep(nanoseconds: UInt64(seconds * 1_000_000_000))
    }
}

/// A small seeded generator (SplitMix64) for backoff jitter and nonces in tests: same seed, same delays.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64
    /// Starts from `seed`.
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
