import TelemetryModel

/// Jaeger's spelling and parsing of ids.
enum JaegerID {
    /// `TraceID.String()`: 16 hex digits when the high half is zero, else 32.
    static func string(_ id: TraceID) -> String {
        id.high == 0 ? SpanID(id.low).hex : id.hex
    }

    /// `SpanID.String()`: 16 hex digits.
    static func string(_ id: SpanID) -> String {
        id.hex
    }

    /// `model.TraceIDFromString`: up to 32 hex digits, either case, shorter ids padded; the
    /// error is Go's message.
    static func traceID(_ text: String) -> Result<TraceID, JaegerIDError> {
        let utf8 = Array(text.utf8)
        if utf8.count > 32 {
            return .failure(JaegerIDError(message: "TraceID cannot be longer than 32 hex characters: \(text)"))
        }
        if utf8.count > 16 {
            let split = utf8.count - 16
            guard let high = parseHex(Array(utf8[..<split])) else { return .failure(syntaxError(String(decoding: utf8[..<split], as: UTF8.self))) }
            guard let low = parseHex(Array(utf8[split...])) else { return .failure(syntaxError(String(decoding: utf8[split...], as: UTF8.self))) }
            return .success(TraceID(high: high, low: low))
        }
        guard let low = parseHex(utf8) else { return .failure(syntaxError(text)) }
        return .success(TraceID(high: 0, low: low))
    }

    /// `strconv.ParseUint(s, 16, 64)`.
    private static func parseHex(_ digits: [UInt8]) -> UInt64? {
        guard !digits.isEmpty else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            let nibble: UInt8
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = digit - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = digit - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = (value << 4) | UInt64(nibble)
        }
        return value
    }

    private static func syntaxError(_ text: String) -> JaegerIDError {
        JaegerIDError(message: "strconv.ParseUint: parsing \"\(text)\": invalid syntax")
    }
}
