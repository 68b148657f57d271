import Foundation

/// File sizes as people read them, the same on the terminal and in the email summary:
/// `812 B`, `14.2 KB`, `3.1 MB` (1 KB = 1,024 bytes, one decimal, rounded half to even).
public enum ByteCount {
    public static func text(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1_048_576 { return String(format: "%.1f KB", Double(bytes) / 1024) }
        return String(format: "%.1f MB", Double(bytes) / 1_048_576)
    }
}
