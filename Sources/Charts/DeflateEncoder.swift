import CZlib

/// A zlib stream (RFC 1950 around RFC 1951 deflate) for a PNG's filtered rows, fed row by row.
///
/// A retina chart is about 5 MB of filtered rows, 90–98% of them zero: flat backgrounds filter to
/// zeros. zlib spends about 1.8 ns on every byte even when it is zero (it compares matches a byte
/// at a time and slides its hash table every 32 KB), so deflate was a sixth of a small report's
/// CPU time. This encoder skips runs of zeros a word at a time and finds other matches with one
/// probe of a hash of four bytes, as zlib's fastest level does; every 32,768 tokens make a block
/// with its own Huffman codes. The output is deterministic: the same bytes give the same stream.
///
/// ```swift
/// let encoder = DeflateEncoder()
/// rows.forEach { row in row.withUnsafeBufferPointer { encoder.add($0) } }
/// let stream = encoder.finish()   // what zlib's uncompress reads back as the rows
/// ```
final class DeflateEncoder {
    /// How far back a match may reach (deflate's limit).
    private static let historySize = 32_768
    /// Bytes taken in between matching passes, after the history.
    private static let segmentSize = 1 << 18
    private static let tokenCapacity = 1 << 15
    private static let hashBits = 15

    /// The last ``historySize`` bytes already matched, then the segment being filled.
    private let window = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: historySize + segmentSize)
    /// Bytes in ``window``.
    private var filled = 0
    /// Bytes of ``window`` already turned into tokens.
    private var matched = 0
    /// Stream position of `window[0]`.
    private var windowStart = 0
    /// For each hash of four bytes, the stream position where they were last seen (or -1).
    private let lastSeen = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 1 << hashBits)
    /// Literals (the byte) and matches (``matchFlag``, length << 16, distance) of the open block.
    private let tokens = UnsafeMutableBufferPointer<UInt32>.allocate(capacity: tokenCapacity)
    private var tokenCount = 0
    private static let matchFlag: UInt32 = 1 << 31

    private var output: [UInt8] = [0x78, 0x01]  // deflate, 32 KiB window, no dictionary, fastest
    private var bitBuffer: UInt64 = 0
    private var bitCount = 0
    private var adler: uLong = adler32(0, nil, 0)

    init() {
        lastSeen.initialize(repeating: -1)
    }

    deinit {
        window.deallocate()
        lastSeen.deallocate()
        tokens.deallocate()
    }

    /// Adds `bytes` to the stream.
    func add(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
        adler = adler32(adler, source, uInt(bytes.count))
        fillWindow(count: bytes.count) { target, taken, count in target.update(from: source + taken, count: count) }
    }

    /// Adds `count` zero bytes to the stream (a row identical to the one above, filtered).
    func addZeros(_ count: Int) {
        guard count > 0 else { return }
        // Zeros leave Adler-32's first sum as it is and add it to the second once per byte.
        let first = adler & 0xFFFF, second = adler >> 16
        adler = ((second + uLong(count % 65_521) * first) % 65_521) << 16 | first
        fillWindow(count: count) { target, _, count in target.update(repeating: 0, count: count) }
    }

    /// Lets `write(target, taken, count)` put the next `count` of `total` bytes (`taken` already
    /// put) at `target` in the window, matching and sliding the window whenever it fills.
    private func fillWindow(count total: Int, _ write: (UnsafeMutablePointer<UInt8>, Int, Int) -> Void) {
        var taken = 0
        while taken < total {
            let count = min(total - taken, window.count - filled)
            write(window.baseAddress! + filled, taken, count)
            filled += count
            taken += count
            if filled == window.count { matchAndSlide() }
        }
    }

    /// Ends the stream and returns all of it.
    func finish() -> [UInt8] {
        match(upTo: filled)
        writeBlock(final: true)
        if bitCount > 0 { flushBits(all: true) }
        for shift in [24, 16, 8, 0] { output.append(UInt8(truncatingIfNeeded: adler >> shift)) }
        return output
    }

    // MARK: - Matching

    /// Matches the filled segment, then keeps its last ``historySize`` bytes as the next history.
    private func matchAndSlide() {
        match(upTo: filled)
        let keep = min(Self.historySize, filled)
        let base = window.baseAddress!
        base.update(from: base + (filled - keep), count: keep)
        windowStart += filled - keep
        filled = keep
        matched = keep
    }

    /// Turns `window[matched..<end]` into tokens, writing a block whenever the token buffer fills.
    private func match(upTo end: Int) {
        while matched < end {
            matched = tokenize(from: matched, to: end)
            if tokenCount == Self.tokenCapacity { writeBlock(final: false) }
        }
    }

    /// Tokens for `window[start..<end]` until the buffer is full; returns where it stopped.
    /// Matches never reach past `end`.
    private func tokenize(from start: Int, to end: Int) -> Int {
        let w = UnsafeRawPointer(window.baseAddress!)
        let bytes = window.baseAddress!
        var i = start
        while i < end, tokenCount < Self.tokenCapacity {
            let limit = min(258, end - i)
            // A run of zeros after a zero: a match one byte back.
            if i > 0, bytes[i] == 0, bytes[i - 1] == 0 {
                var run = 0
                while run + 8 <= limit, w.loadUnaligned(fromByteOffset: i + run, as: UInt64.self) == 0 { run += 8 }
                while run < limit, bytes[i + run] == 0 { run += 1 }
                if run >= 3 {
                    append(length: run, distance: 1)
                    i += run
                    continue
                }
            }
            if limit >= 4 {
                let four = w.loadUnaligned(fromByteOffset: i, as: UInt32.self)
                let slot = Int((four &* 2_654_435_761) >> UInt32(32 - Self.hashBits))
                let candidate = Int(lastSeen[slot]) - windowStart
                lastSeen[slot] = Int32(windowStart + i)
                if candidate >= 0, i - candidate <= Self.historySize,
                   w.loadUnaligned(fromByteOffset: candidate, as: UInt32.self) == four {
                    var length = 4
                    while length + 8 <= limit {
                        let difference = w.loadUnaligned(fromByteOffset: i + length, as: UInt64.self)
                            ^ w.loadUnaligned(fromByteOffset: candidate + length, as: UInt64.self)
                        if difference != 0 { break }
                        length += 8
                    }
                    while length < limit, bytes[i + length] == bytes[candidate + length] { length += 1 }
                    append(length: length, distance: i - candidate)
                    i += length
                    continue
                }
            }
            tokens[tokenCount] = UInt32(bytes[i])
            tokenCount += 1
            i += 1
        }
        return i
    }

    @inline(__always) private func append(length: Int, distance: Int) {
        tokens[tokenCount] = Self.matchFlag | UInt32(length) << 16 | UInt32(distance)
        tokenCount += 1
    }

    // MARK: - Blocks

    /// Writes the open tokens as one block with its own Huffman codes (RFC 1951 §3.2.7).
    private func writeBlock(final: Bool) {
        var literalFrequencies = [UInt32](repeating: 0, count: 286)
        var distanceFrequencies = [UInt32](repeating: 0, count: 30)
        for token in tokens[..<tokenCount] {
            if token & Self.matchFlag == 0 {
                literalFrequencies[Int(token)] += 1
            } else {
                literalFrequencies[257 + Self.lengthCode(Int(token >> 16 & 0x1FF))] += 1
                distanceFrequencies[Self.distanceCode(Int(token & 0xFFFF))] += 1
            }
        }
        literalFrequencies[256] = 1
        // Two codes at least in each tree, so that every code is complete (as zlib's inflate wants).
        Self.ensureTwoSymbols(&literalFrequencies)
        Self.ensureTwoSymbols(&distanceFrequencies)
        let literalLengths = HuffmanCode.lengths(literalFrequencies, limit: 15)
        let distanceLengths = HuffmanCode.lengths(distanceFrequencies, limit: 15)
        let literalCodes = HuffmanCode.codes(literalLengths), distanceCodes = HuffmanCode.codes(distanceLengths)

        putBits(final ? 1 : 0, 1)
        putBits(2, 2)  // dynamic Huffman codes
        writeCodeLengths(literal: literalLengths, distance: distanceLengths)
        for token in tokens[..<tokenCount] {
            if token & Self.matchFlag == 0 {
                putBits(UInt32(literalCodes[Int(token)]), Int(literalLengths[Int(token)]))
                continue
            }
            let length = Int(token >> 16 & 0x1FF), distance = Int(token & 0xFFFF)
            let lengthCode = Self.lengthCode(length), distanceCode = Self.distanceCode(distance)
            putBits(UInt32(literalCodes[257 + lengthCode]), Int(literalLengths[257 + lengthCode]))
            putBits(UInt32(length - Self.lengthBase[lengthCode]), Self.lengthExtraBits[lengthCode])
            putBits(UInt32(distanceCodes[distanceCode]), Int(distanceLengths[distanceCode]))
            putBits(UInt32(distance - Self.distanceBase[distanceCode]), Self.distanceExtraBits(distanceCode))
        }
        putBits(UInt32(literalCodes[256]), Int(literalLengths[256]))
        tokenCount = 0
    }

    /// The block header's code lengths: both trees' lengths run-length coded with symbols 16–18,
    /// those symbols in turn Huffman coded.
    private func writeCodeLengths(literal: [UInt8], distance: [UInt8]) {
        let literalCount = max(257, (literal.lastIndex { $0 != 0 } ?? 0) + 1)
        let distanceCount = max(1, (distance.lastIndex { $0 != 0 } ?? 0) + 1)
        let lengths = Array(literal[..<literalCount]) + Array(distance[..<distanceCount])
        // (symbol, extra bits value) pairs.
        var items: [(symbol: Int, extra: UInt32)] = []
        var i = 0
        while i < lengths.count {
            let value = lengths[i]
            var run = 1
            while i + run < lengths.count, lengths[i + run] == value { run += 1 }
            i += run
            if value == 0 {
                while run >= 11 { let r = min(run, 138); items.append((18, UInt32(r - 11))); run -= r }
                if run >= 3 { items.append((17, UInt32(run - 3))); run = 0 }
            } else {
                items.append((Int(value), 0))
                run -= 1
                while run >= 3 { let r = min(run, 6); items.append((16, UInt32(r - 3))); run -= r }
            }
            for _ in 0..<run { items.append((Int(value), 0)) }
        }
        var frequencies = [UInt32](repeating: 0, count: 19)
        for item in items { frequencies[item.symbol] += 1 }
        Self.ensureTwoSymbols(&frequencies)
        let lengthLengths = HuffmanCode.lengths(frequencies, limit: 7)
        let lengthCodes = HuffmanCode.codes(lengthLengths)
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        let orderCount = max(4, (order.lastIndex { lengthLengths[$0] != 0 } ?? 0) + 1)
        putBits(UInt32(literalCount - 257), 5)
        putBits(UInt32(distanceCount - 1), 5)
        putBits(UInt32(orderCount - 4), 4)
        for symbol in order[..<orderCount] { putBits(UInt32(lengthLengths[symbol]), 3) }
        for item in items {
            putBits(UInt32(lengthCodes[item.symbol]), Int(lengthLengths[item.symbol]))
            switch item.symbol {
            case 16: putBits(item.extra, 2)
            case 17: putBits(item.extra, 3)
            case 18: putBits(item.extra, 7)
            default: break
            }
        }
    }

    /// Gives the first unused symbols a count of one until at least two symbols are used.
    private static func ensureTwoSymbols(_ frequencies: inout [UInt32]) {
        var used = frequencies.count { $0 != 0 }
        for k in frequencies.indices where used < 2 && frequencies[k] == 0 {
            frequencies[k] = 1
            used += 1
        }
    }

    // MARK: - Bits

    /// Adds the low `count` bits of `bits` (at most 16), first bit first.
    @inline(__always) private func putBits(_ bits: UInt32, _ count: Int) {
        bitBuffer |= UInt64(bits) << UInt64(bitCount)
        bitCount += count
        if bitCount >= 32 { flushBits(all: false) }
    }

    /// Moves whole bytes (with `all`, the last partial byte too) from the bit buffer to the output.
    private func flushBits(all: Bool) {
        while bitCount >= 8 || (all && bitCount > 0) {
            output.append(UInt8(truncatingIfNeeded: bitBuffer))
            bitBuffer >>= 8
            bitCount = max(0, bitCount - 8)
        }
    }

    // MARK: - Length and distance codes (RFC 1951 §3.2.5)

    private static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                     35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    private static let lengthExtraBits = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2,
                                          3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    /// The length code (0–28, symbol 257 + code) of each match length 0...258.
    private static let lengthCodes: [Int] = {
        var codes = [Int](repeating: 0, count: 259)
        for code in lengthBase.indices {
            let last = code == lengthBase.count - 1 ? 258 : lengthBase[code + 1] - 1
            for length in lengthBase[code]...last { codes[length] = code }
        }
        return codes
    }()
    @inline(__always) private static func lengthCode(_ length: Int) -> Int { lengthCodes[length] }

    /// The distance code (0–29) of a distance 1...32768: two codes per power of two.
    @inline(__always) private static func distanceCode(_ distance: Int) -> Int {
        let x = distance - 1
        guard x >= 4 else { return x }
        let top = Int.bitWidth - 1 - x.leadingZeroBitCount
        return 2 * top + (x >> (top - 1)) & 1
    }

    @inline(__always) private static func distanceExtraBits(_ code: Int) -> Int { code < 4 ? 0 : code / 2 - 1 }

    private static let distanceBase: [Int] = (0..<30).map { code in
        code < 4 ? code + 1 : (2 + code & 1) << (code / 2 - 1) + 1
    }
}

/// Canonical Huffman codes as deflate stores them.
enum HuffmanCode {
    /// Code lengths for symbols with `frequencies` (0 for unused symbols), none longer than
    /// `limit`: when the optimal code is too deep, frequencies are halved until it fits.
    static func lengths(_ frequencies: [UInt32], limit: Int) -> [UInt8] {
        var weights = frequencies
        while true {
            let lengths = optimalLengths(weights)
            if (lengths.max() ?? 0) <= limit { return lengths }
            for k in weights.indices where weights[k] > 0 { weights[k] = (weights[k] + 1) / 2 }
        }
    }

    /// Huffman's code lengths, built with two queues over the symbols sorted by frequency (ties
    /// by symbol, so the result is the same on every run).
    private static func optimalLengths(_ frequencies: [UInt32]) -> [UInt8] {
        var lengths = [UInt8](repeating: 0, count: frequencies.count)
        let symbols = frequencies.indices.filter { frequencies[$0] > 0 }
            .sorted { (frequencies[$0], $0) < (frequencies[$1], $1) }
        let n = symbols.count
        guard n > 1 else {
            if let only = symbols.first { lengths[only] = 1 }
            return lengths
        }
        // Nodes 0..<n are the leaves in sorted order, n... the merged nodes in order of creation.
        var weight = symbols.map { UInt64(frequencies[$0]) } + [UInt64](repeating: 0, count: n - 1)
        var parent = [Int](repeating: 0, count: 2 * n - 1)
        var nextLeaf = 0, nextMerged = n, nodeCount = n
        func smallest() -> Int {
            if nextLeaf < n, nextMerged >= nodeCount || weight[nextLeaf] <= weight[nextMerged] {
                nextLeaf += 1
                return nextLeaf - 1
            }
            nextMerged += 1
            return nextMerged - 1
        }
        while nodeCount < 2 * n - 1 {
            let a = smallest(), b = smallest()
            weight[nodeCount] = weight[a] + weight[b]
            parent[a] = nodeCount
            parent[b] = nodeCount
            nodeCount += 1
        }
        var depth = [Int](repeating: 0, count: 2 * n - 1)
        for node in stride(from: 2 * n - 3, through: 0, by: -1) { depth[node] = depth[parent[node]] + 1 }
        for (leaf, symbol) in symbols.enumerated() { lengths[symbol] = UInt8(depth[leaf]) }
        return lengths
    }

    /// Each symbol's code for `lengths`, bit-reversed so that it can be written first bit first.
    static func codes(_ lengths: [UInt8]) -> [UInt16] {
        var countOfLength = [Int](repeating: 0, count: 16)
        for length in lengths where length > 0 { countOfLength[Int(length)] += 1 }
        var next = [Int](repeating: 0, count: 16)
        var code = 0
        for bits in 1..<16 {
            code = (code + countOfLength[bits - 1]) << 1
            next[bits] = code
        }
        return lengths.map { length in
            guard length > 0 else { return 0 }
            let value = next[Int(length)]
            next[Int(length)] += 1
            var reversed = 0
            for bit in 0..<Int(length) { reversed |= (value >> bit & 1) << (Int(length) - 1 - bit) }
            return UInt16(reversed)
        }
    }
}
