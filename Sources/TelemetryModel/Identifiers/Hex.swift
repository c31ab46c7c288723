/// Lowercase hexadecimal encoding and case-insensitive decoding of fixed-size identifiers.
@usableFromInline
enum Hex {
    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// Appends the lowercase hex digits of `value` (most significant first) to `output`.
    static func append(_ value: UInt64, byteCount: Int, to output: inout [UInt8]) {
        var shift = (byteCount * 8) - 4
        while shift >= 0 {
            output.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    /// The value of one hex digit, case-insensitive, or `nil` for any other byte.
    @inlinable
    static func nibble(_ byte: UInt8) -> UInt64? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt64(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt64(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt64(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// Parses exactly `digits.count` hex digits (at most 16) into an integer.
    @inlinable
    static func parse(_ digits: some Collection<UInt8>) -> UInt64? {
        var value: UInt64 = 0
        for byte in digits {
            guard let nibble = nibble(byte) else { return nil }
            value = (value << 4) | nibble
        }
        return value
    }
}
