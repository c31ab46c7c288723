/// Writes compact JSON byte for byte as Go's `encoding/json` does: keys in the order given,
/// no whitespace, `<`, `>` and `&` escaped as `\u003c`, `\u003e` and `\u0026`, U+2028 and
/// U+2029 escaped, and control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`.
struct GoJSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value in the current container needs a comma before it.
    private var needsComma = false

    /// Writes an object; `body` writes its members with `key(_:)` followed by a value.
    mutating func object(_ body: (inout GoJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes an array; `body` writes its elements.
    mutating func array(_ body: (inout GoJSONWriter) -> Void) {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
        body(&self)
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    /// Writes an object member's key; the next call writes its value.
    mutating func key(_ key: String) {
        separate()
        appendQuoted(key)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    /// Writes a string.
    mutating func string(_ value: String) {
        separate()
        appendQuoted(value)
        needsComma = true
    }

    /// Writes an integer.
    mutating func integer(_ value: some BinaryInteger) {
        raw(String(value))
    }

    /// Writes a boolean.
    mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    /// Writes `null`.
    mutating func null() {
        raw("null")
    }

    /// Writes a double as encoding/json does. Go refuses NaN and infinities (the whole response
    /// fails); this writer spells them as strings instead, so the output stays valid JSON.
    mutating func double(_ value: Double) {
        if value.isFinite {
            raw(GoFloat.json(value))
        } else {
            string(GoFloat.shortestG(value))
        }
    }

    /// Writes pre-encoded JSON (for example an OTLP/JSON document) as one value.
    mutating func encoded(_ json: some Sequence<UInt8>) {
        separate()
        bytes.append(contentsOf: json)
        needsComma = true
    }

    private mutating func raw(_ text: String) {
        separate()
        bytes.append(contentsOf: text.utf8)
        needsComma = true
    }

    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": bytes.append(contentsOf: #"\""#.utf8)
            case "\\": bytes.append(contentsOf: #"\\"#.utf8)
            case "\n": bytes.append(contentsOf: #"\n"#.utf8)
            case "\r": bytes.append(contentsOf: #"\r"#.utf8)
            case "\t": bytes.append(contentsOf: #"\t"#.utf8)
            case "\u{08}": bytes.append(contentsOf: #"\b"#.utf8)
            case "\u{0C}": bytes.append(contentsOf: #"\f"#.utf8)
            case "<", ">", "&", "\u{2028}", "\u{2029}":
                appendUnicodeEscape(scalar.value)
            case _ where scalar.value < 0x20:
                appendUnicodeEscape(scalar.value)
            default:
                bytes.append(contentsOf: String(scalar).utf8)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private mutating func appendUnicodeEscape(_ value: UInt32) {
        bytes.append(contentsOf: #"\u"#.utf8)
        for shift in stride(from: 12, through: 0, by: -4) {
            bytes.append(Self.hexDigits[Int((value >> UInt32(shift)) & 0xF)])
        }
    }
}
