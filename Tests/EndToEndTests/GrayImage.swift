import Foundation

/// A binary PGM (P5, 8-bit) image as pdftoppm -gray writes it.
struct GrayImage {
    let width: Int
    let height: Int
    let pixels: [UInt8]

    struct FormatError: Error {}

    init(pgm data: Data) throws {
        let bytes = [UInt8](data)
        var fields: [Int] = []
        var index = 2
        guard bytes.count > 2, bytes[0] == UInt8(ascii: "P"), bytes[1] == UInt8(ascii: "5") else { throw FormatError() }
        while fields.count < 3, index < bytes.count {
            while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 { index += 1 }
            if index < bytes.count, bytes[index] == UInt8(ascii: "#") {
                while index < bytes.count, bytes[index] != 0x0A { index += 1 }
                continue
            }
            var value = 0
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 {
                value = value * 10 + Int(bytes[index] - 0x30)
                index += 1
            }
            fields.append(value)
        }
        index += 1   // the single whitespace after the maximum value
        guard fields.count == 3, fields[2] == 255, bytes.count - index == fields[0] * fields[1] else { throw FormatError() }
        width = fields[0]
        height = fields[1]
        pixels = Array(bytes[index...])
    }
}
