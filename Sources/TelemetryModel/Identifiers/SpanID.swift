/// An 8-byte span identifier, printed as 16 lowercase hex digits.
public struct SpanID: Sendable, Hashable, Comparable {
    /// The id's eight bytes as a big-endian integer.
    public var value: UInt64

    /// The number of bytes in a span id.
    public static let byteCount = 8

    /// The all-zero id, which OpenTelemetry treats as invalid.
    public static let zero = SpanID(0)

    /// Creates an id from its big-endian integer value.
    public init(_ value: UInt64) {
        self.value = value
    }

    /// Creates an id from exactly 8 bytes, or returns `nil` for any other length.
    ///
    /// Inlinable, so that a decoder's call is specialized for its collection (see ``TraceID``).
    @inlinable
    public init?<Bytes: Collection<UInt8>>(bytes: Bytes) {
        guard bytes.count == Self.byteCount else { return nil }
        var value: UInt64 = 0
        for byte in bytes { value = (value << 8) | UInt64(byte) }
        self.init(value)
    }

    /// Creates an id from 16 hex digits in either case, or returns `nil`.
    public init?(hex: some StringProtocol) {
        self.init(hexDigits: Array(hex.utf8))
    }

    /// Creates an id from the UTF-8 of 16 hex digits in either case (a decoder's bytes, with no
    /// string made of them), or returns `nil`.
    @inlinable
    public init?(hexDigits digits: some Collection<UInt8>) {
        guard digits.count == Self.byteCount * 2, let value = Hex.parse(digits) else { return nil }
        self.init(value)
    }

    /// The id's 8 bytes, big-endian.
    public var bytes: [UInt8] {
        (0..<8).map { UInt8(truncatingIfNeeded: value >> UInt64(56 - $0 * 8)) }
    }

    /// Whether the id is all zeros.
    public var isZero: Bool { value == 0 }

    /// The id as 16 lowercase hex digits.
    public var hex: String {
        var output: [UInt8] = []
        output.reserveCapacity(16)
        Hex.append(value, byteCount: 8, to: &output)
        return String(decoding: output, as: UTF8.self)
    }

    public static func < (lhs: SpanID, rhs: SpanID) -> Bool { lhs.value < rhs.value }
}

extension SpanID: CustomStringConvertible {
    public var description: String { hex }
}

extension SpanID: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let id = SpanID(hex: text) else {
            throw DecodingError.dataCorruptedError(
                in: container,
                debugDescription: "expected 16 hex digits for a span id, found \"\(text)\""
            )
        }
        self = id
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(hex)
    }
}
