/// An opaque colour as red, green and blue components between 0 and 1.
///
/// ```swift
/// let blue = RGBColor(hex: 0x0072B2)
/// ```
public struct RGBColor: Hashable, Sendable {
    /// Red component, 0…1.
    public var red: Double
    /// Green component, 0…1.
    public var green: Double
    /// Blue component, 0…1.
    public var blue: Double

    /// A colour from components between 0 and 1 (values outside are clamped).
    public init(red: Double, green: Double, blue: Double) {
        func clamp(_ v: Double) -> Double { v.isFinite ? min(1, max(0, v)) : 0 }
        self.red = clamp(red)
        self.green = clamp(green)
        self.blue = clamp(blue)
    }

    /// A colour from a 24-bit `0xRRGGBB` value.
    public init(hex: UInt32) {
        self.init(red: Double((hex >> 16) & 0xFF) / 255,
                  green: Double((hex >> 8) & 0xFF) / 255,
                  blue: Double(hex & 0xFF) / 255)
    }

    /// The colour `fraction` of the way from `self` to `other` (0 gives `self`, 1 gives `other`).
    public func mixed(with other: RGBColor, fraction: Double) -> RGBColor {
        let t = fraction.isFinite ? min(1, max(0, fraction)) : 0
        return RGBColor(red: red + (other.red - red) * t,
                        green: green + (other.green - green) * t,
                        blue: blue + (other.blue - blue) * t)
    }

    /// Relative luminance (sRGB, WCAG formula); used to pick black or white text on a fill.
    public var luminance: Double {
        func linear(_ c: Double) -> Double { c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)
    }

    /// Pure white.
    public static let white = RGBColor(hex: 0xFFFFFF)
    /// Pure black.
    public static let black = RGBColor(hex: 0x000000)
}

import Foundation
