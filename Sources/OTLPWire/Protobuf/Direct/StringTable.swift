import Foundation

/// Strings decoded from one request, shared: the same attribute key or repeated value in 512
/// spans is one string buffer, not 512, and no string is allocated for bytes seen before.
///
/// A fixed-size table indexed by a hash of the bytes; a collision replaces the older string
/// (sharing is an optimisation, never a requirement). Strings of at most 15 UTF-8 bytes are
/// stored inline by Swift and are not worth a table slot; strings longer than
/// ``maximumSharedLength`` are rarely repeated.
struct StringTable {
    /// The longest string the table shares.
    static let maximumSharedLength = 256
    private static let slots = 1024

    private var strings: [String?] = Array(repeating: nil, count: StringTable.slots)

    /// The string of `bytes`, or `nil` when they are not valid UTF-8 (as SwiftProtobuf rejects).
    mutating func string(_ bytes: UnsafeRawBufferPointer) -> String? {
        let units = bytes.assumingMemoryBound(to: UInt8.self)
        guard units.count > 15, units.count <= Self.maximumSharedLength else { return Self.validated(units) }
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in units { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        let slot = Int(hash % UInt64(Self.slots))
        if let known = strings[slot], Self.equal(known, units) { return known }
        guard let string = Self.validated(units) else { return nil }
        strings[slot] = string
        return string
    }

    /// `units` as a string when they are valid UTF-8; ASCII, most of OTLP, needs no validation.
    private static func validated(_ units: UnsafeBufferPointer<UInt8>) -> String? {
        var isASCII = true
        for unit in units where unit >= 0x80 {
            isASCII = false
            break
        }
        return isASCII ? String(decoding: units, as: UTF8.self) : String(validating: units, as: UTF8.self)
    }

    /// Whether `string`'s UTF-8 is `units`.
    private static func equal(_ string: String, _ units: UnsafeBufferPointer<UInt8>) -> Bool {
        var string = string
        return string.withUTF8 { stored in
            stored.count == units.count && (units.isEmpty || memcmp(stored.baseAddress!, units.baseAddress!, units.count) == 0)
        }
    }
}
