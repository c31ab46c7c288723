/// The flags of a span or link: the W3C trace flags in the low byte and OTLP's
/// "parent is remote" bits above them (OTLP `SpanFlags`).
public struct SpanFlags: OptionSet, Sendable, Hashable, Codable {
    /// The raw 32-bit value as carried on the wire.
    public var rawValue: UInt32

    /// Creates flags from their raw value.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// W3C `sampled` (bit 0).
    public static let sampled = SpanFlags(rawValue: 0x01)
    /// The producer knows whether the parent is remote (bit 8).
    public static let hasIsRemote = SpanFlags(rawValue: 0x100)
    /// The parent (or linked span) is remote (bit 9); meaningful with ``hasIsRemote``.
    public static let isRemote = SpanFlags(rawValue: 0x200)

    /// The W3C trace flags byte.
    public var traceFlags: UInt8 { UInt8(truncatingIfNeeded: rawValue) }
}
