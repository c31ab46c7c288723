/// A 16-byte trace identifier, printed as 32 lowercase hex digits.
public struct TraceID: Sendable, Hashable, Comparable {
    /// The first (most significant) eight bytes, big-endian.
    public var high: UInt64
    /// The last eight bytes, big-endian.
    public var low: UInt64

    /// The number of bytes in a trace id.
    public static let byteCount = 16

    /// The all-zero id, which OpenTelemetry treats as invalid.
    public static let zero = TraceID(high: 0, low: 0)

    /// Creates an id from its two big-endian halves.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an id from exactly 16 bytes, or returns `nil` for any other length.
    ///
    /// Inlinable, so that a decoder's call is specialized for its collection: unspecialized, the
    /// generic iteration looked up type metadata at run time for every id, an eighth of the
    /// receiver's ingest time.
    @inlinable
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == Self.byteCount else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        var index = 0
        for byte in bytes {
            if index < 8 { high = (high << 8) | UInt64(byte) } else { low = (low << 8) | UInt64(byte) }
            index += 1
        }
        self.init(high: high, low: low)
    }

    /// Creates an id from 32 hex digits in either case, or returns `nil`.
    public init?(hex: some StringProtocol) {
        self.init(hexDigits: Array(hex.utf8))
    }

    /// Creates an id from the UTF-8 of 32 hex digits in either case (a decoder's bytes, with no
    /// string made of them), or returns `nil`.
    @inlinable
    public init?<Digits: Collection<UInt8>>(hexDigits digits: Digits) {
        guard digits.count == Self.byteCount * 2 else { return nil }
        let middle = digits.index(digits.startIndex, offsetBy: 16)
        guard let high = Hex.parse(digits[..<middle]), let low = Hex.parse(digits[middle...]) else { return nil }
        self.init(high: high, low: low)
    }

    /// The id's 16 bytes, big-endian.
    public var bytes: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> UInt64(56 - (index % 8) * 8))
        }
    }

    /// Whether the id is all zeros.
    public var isZero: Bool { high == 0 && low == 0 }

    /// The id as 32 lowercase hex digits.
    public var hex: String {
        var output: [UInt8] = []
        output.reserveCapacity(32)
        Hex.append(high, byteCount: 8, to: &output)
        Hex.append(low, byteCount: 8, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    public static func < (lhs: TraceID, rhs: TraceID) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}

extension TraceID: CustomStringConvertible {
    public var description: String { hex }
}

extension TraceID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = TraceID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected 32 hex digits for a trace id, found \"\(text)\""
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
