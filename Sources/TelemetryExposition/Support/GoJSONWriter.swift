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

    /// Writes `text` quoted, escaped as encoding/json escapes it. Runs of bytes that need no escape
    /// are copied whole from the string's UTF-8 (a string per scalar made answers of a million
    /// spans spend most of their time here). Only ASCII bytes and U+2028/U+2029 (E2 80 A8/A9)
    /// are escaped, so a multi-byte scalar is never split.
    private mutating func appendQuoted(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var copied = 0
            var index = 0
            while index < utf8.count {
                let byte = utf8[index]
                let width: Int
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), 0..<0x20:
                    width = 1
                case 0xE2 where index + 2 < utf8.count && utf8[index + 1] == 0x80 && (utf8[index + 2] == 0xA8 || utf8[index + 2] == 0xA9):
                    width = 3
                default:
                    index += 1
                    continue
                }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<index]))
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: #"\""#.utf8)
                case UInt8(ascii: "\\"): bytes.append(contentsOf: #"\\"#.utf8)
                case UInt8(ascii: "\n"): bytes.append(contentsOf: #"\n"#.utf8)
                case UInt8(ascii: "\r"): bytes.append(contentsOf: #"\r"#.utf8)
                case UInt8(ascii: "\t"): bytes.append(contentsOf: #"\t"#.utf8)
                case 0x08: bytes.append(contentsOf: #"\b"#.utf8)
                case 0x0C: bytes.append(contentsOf: #"\f"#.utf8)
                case 0xE2: appendUnicodeEscape(utf8[index + 2] == 0xA8 ? 0x2028 : 0x2029)
                default: appendUnicodeEscape(UInt32(byte))
                }
                index += width
                copied = index
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied...]))
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
