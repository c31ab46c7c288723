import Foundation
import TelemetryModel

/// Reads JSON from a byte buffer token by token, for the direct OTLP/JSON decoders, checking the
/// grammar as ``JSONParser`` does.
///
/// Every read returns `nil` (or `false`) on anything it does not take: input that is not JSON,
/// nesting past the limit, and forms the fast path leaves to the tree reader (an escape in a
/// key, a number with a fraction or an exponent where an integer is read). The direct decoder
/// then gives up, and ``JSONParser`` with ``JSONReader`` decodes the request or names what is
/// wrong with it.
struct JSONScanner {
    private let bytes: UnsafeRawBufferPointer
    private var position = 0
    private var depth = 0
    private let maximumDepth: Int

    /// A scanner of `bytes` that refuses nesting deeper than `maximumDepth`.
    init(_ bytes: UnsafeRawBufferPointer, maximumDepth: Int) {
        self.bytes = bytes
        self.maximumDepth = maximumDepth
    }

    // MARK: Structure

    /// Whether nothing but whitespace is left.
    mutating func isAtEnd() -> Bool {
        skipWhitespace()
        return position == bytes.count
    }

    /// Reads an object, calling `body` with each member's key (its bytes: a key with an escape
    /// is refused) to read the member's value. A member whose value is `null` is skipped without
    /// calling `body`, as the tree reader ignores it.
    mutating func object(_ body: (_ key: UnsafeRawBufferPointer, inout JSONScanner) -> Bool) -> Bool {
        guard open(UInt8(ascii: "{")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return close() }
        while true {
            skipWhitespace()
            guard let key = plainString() else { return false }
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { return false }
            skipWhitespace()
            if peek() == UInt8(ascii: "n") {
                guard literal("null") else { return false }
            } else {
                guard body(key, &self) else { return false }
            }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "}")) else { return false }
            return close()
        }
    }

    /// Reads an array, calling `body` to read each element.
    mutating func array(_ body: (inout JSONScanner) -> Bool) -> Bool {
        guard open(UInt8(ascii: "[")) else { return false }
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return close() }
        while true {
            skipWhitespace()
            guard body(&self) else { return false }
            skipWhitespace()
            if consume(UInt8(ascii: ",")) { continue }
            guard consume(UInt8(ascii: "]")) else { return false }
            return close()
        }
    }

    /// Reads any value and drops it (an unknown member's), checking it as the parser would.
    mutating func skipValue() -> Bool {
        skipWhitespace()
        switch peek() {
        case UInt8(ascii: "{"): return object { _, scanner in scanner.skipValue() }
        case UInt8(ascii: "["): return array { scanner in scanner.skipValue() }
        case UInt8(ascii: "\""): return stringBytes(validating: true) { _ in true } != nil
        case UInt8(ascii: "t"): return literal("true")
        case UInt8(ascii: "f"): return literal("false")
        case UInt8(ascii: "n"): return literal("null")
        default: return numberToken() != nil
        }
    }

    // MARK: Scalars

    /// A string, shared through `table` when it is long enough to be worth sharing (the table
    /// checks its UTF-8).
    mutating func string(_ table: inout StringTable) -> String? {
        stringBytes(validating: false) { table.string($0) } ?? nil
    }

    /// A string, not shared.
    mutating func string() -> String? {
        stringBytes(validating: true) { String(decoding: $0, as: UTF8.self) }
    }

    /// Reads `""` when it comes next; `false` (and nothing read) otherwise.
    mutating func emptyString() -> Bool {
        skipWhitespace()
        guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\""), bytes[position + 1] == UInt8(ascii: "\"") else {
            return false
        }
        position += 2
        return true
    }

    /// `true` or `false`.
    mutating func bool() -> Bool? {
        switch peek() {
        case UInt8(ascii: "t"): literal("true") ? true : nil
        case UInt8(ascii: "f"): literal("false") ? false : nil
        default: nil
        }
    }

    /// An unsigned integer given as a number or a string of decimal digits, that fits `T`.
    mutating func unsigned<T: FixedWidthInteger & UnsignedInteger>(_: T.Type = T.self) -> T? {
        guard let digits = integerDigits(), let magnitude = Self.decimal(digits.bytes), !digits.isNegative else { return nil }
        return T(exactly: magnitude)
    }

    /// A signed 64-bit integer given as a number or a string of decimal digits.
    mutating func signed() -> Int64? {
        guard let digits = integerDigits(), let magnitude = Self.decimal(digits.bytes) else { return nil }
        if !digits.isNegative { return Int64(exactly: magnitude) }
        if magnitude == UInt64(Int64.max) + 1 { return .min }
        return Int64(exactly: magnitude).map { -$0 }
    }

    /// A double given as a JSON number, or as a string: `"NaN"`, `"Infinity"`, `"-Infinity"` or a
    /// decimal number (as the tree reader takes them).
    mutating func double() -> Double? {
        let token: UnsafeRawBufferPointer
        if peek() == UInt8(ascii: "\"") {
            guard let text = plainString() else { return nil }
            if text.equals("NaN") { return .nan }
            if text.equals("Infinity") { return .infinity }
            if text.equals("-Infinity") { return -.infinity }
            guard text.allSatisfy(JSONReader.isDecimalNumberByte) else { return nil }
            token = text
        } else {
            guard let number = numberToken() else { return nil }
            token = number
        }
        guard let double = Double(String(decoding: token, as: UTF8.self)), double.isFinite else { return nil }
        return double
    }

    /// A trace id: a string of 32 hex digits, either case (hex digits are ASCII, so valid UTF-8).
    mutating func traceID() -> TraceID? {
        stringBytes(validating: false) { TraceID(hexDigits: $0) } ?? nil
    }

    /// A span id: a string of 16 hex digits, either case.
    mutating func spanID() -> SpanID? {
        stringBytes(validating: false) { SpanID(hexDigits: $0) } ?? nil
    }

    /// The raw bytes of a string with no escapes (a member's key).
    private mutating func plainString() -> UnsafeRawBufferPointer? {
        guard consume(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return Self.isValidUTF8(text) ? text : nil
            }
            if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            position += 1
        }
        return nil
    }

    /// A string's content, unescaped, handed to `body`; checked to be valid UTF-8 when
    /// `validating` (else `body` checks it, or takes only ASCII).
    private mutating func stringBytes<Result>(validating: Bool, _ body: (UnsafeRawBufferPointer) -> Result) -> Result? {
        guard peek() == UInt8(ascii: "\"") else { return nil }
        let start = position + 1
        position = start
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = UnsafeRawBufferPointer(rebasing: bytes[start..<position])
                position += 1
                return !validating || Self.isValidUTF8(text) ? body(text) : nil
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            position += 1
        }
        // Escapes: unescaped into a buffer of their own, as the parser does.
        var buffer = [UInt8](UnsafeRawBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                guard String(validating: buffer, as: UTF8.self) != nil else { return nil }
                return buffer.withUnsafeBytes(body)
            case UInt8(ascii: "\\"):
                guard position < bytes.count else { return nil }
                let escape = bytes[position]
                position += 1
                if let unescaped = JSONParser.simpleEscape(escape) {
                    buffer.append(unescaped)
                } else {
                    guard escape == UInt8(ascii: "u"), let scalar = unicodeEscape() else { return nil }
                    buffer.append(contentsOf: String(Character(scalar)).utf8)
                }
            default:
                guard byte >= 0x20 else { return nil }
                buffer.append(byte)
            }
        }
        return nil
    }

    /// The scalar of a `\u` escape (after the `u`), a surrogate pair read whole.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard var scalar = hex4() else { return nil }
        if (0xD800...0xDBFF).contains(scalar) {
            guard bytes.count - position >= 2, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                return nil
            }
            position += 2
            guard let low = hex4(), (0xDC00...0xDFFF).contains(low) else { return nil }
            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00...0xDFFF).contains(scalar) {
            return nil
        }
        return Unicode.Scalar(scalar)
    }

    private mutating func hex4() -> UInt32? {
        guard bytes.count - position >= 4 else { return nil }
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let nibble = JSONParser.hexValue(bytes[position]) else { return nil }
            value = value << 4 | nibble
            position += 1
        }
        return value
    }

    /// The digits of an integer given as a number (no fraction, no exponent) or as a string of
    /// digits with an optional minus sign.
    private mutating func integerDigits() -> (bytes: UnsafeRawBufferPointer, isNegative: Bool)? {
        let token: UnsafeRawBufferPointer
        if peek() == UInt8(ascii: "\"") {
            // Digits in a string with no escapes (an escaped digit is left to the tree reader).
            guard let text = plainString() else { return nil }
            token = text
        } else {
            guard let number = numberToken() else { return nil }
            token = number
        }
        let isNegative = token.first == UInt8(ascii: "-")
        let digits = UnsafeRawBufferPointer(rebasing: token[(isNegative ? 1 : 0)...])
        guard !digits.isEmpty, digits.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else { return nil }
        return (digits, isNegative)
    }

    /// A JSON number's text, checked against the grammar.
    private mutating func numberToken() -> UnsafeRawBufferPointer? {
        let start = position
        if peek() == UInt8(ascii: "-") { position += 1 }
        guard let first = peek(), JSONParser.isDigit(first) else { return nil }
        position += 1
        if first != UInt8(ascii: "0") {
            while let byte = peek(), JSONParser.isDigit(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: ".") {
            position += 1
            guard let byte = peek(), JSONParser.isDigit(byte) else { return nil }
            while let byte = peek(), JSONParser.isDigit(byte) { position += 1 }
        }
        if peek() == UInt8(ascii: "e") || peek() == UInt8(ascii: "E") {
            position += 1
            if peek() == UInt8(ascii: "+") || peek() == UInt8(ascii: "-") { position += 1 }
            guard let byte = peek(), JSONParser.isDigit(byte) else { return nil }
            while let byte = peek(), JSONParser.isDigit(byte) { position += 1 }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[start..<position])
    }

    // MARK: Bytes

    @inline(__always)
    private func peek() -> UInt8? {
        position < bytes.count ? bytes[position] : nil
    }

    @inline(__always)
    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func open(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard consume(byte) else { return false }
        depth += 1
        return depth <= maximumDepth
    }

    private mutating func close() -> Bool {
        depth -= 1
        return true
    }

    private mutating func literal(_ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard bytes.count - position >= count, memcmp(bytes.baseAddress! + position, text.utf8Start, count) == 0 else { return false }
        position += count
        return true
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Decimal digits as a number; `nil` past `UInt64.max`.
    private static func decimal(_ digits: UnsafeRawBufferPointer) -> UInt64? {
        var value: UInt64 = 0
        for digit in digits {
            let (times10, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times10.addingReportingOverflow(UInt64(digit - UInt8(ascii: "0")))
            guard !overflow, !carry else { return nil }
            value = sum
        }
        return value
    }

    /// Whether `text` is valid UTF-8 (ASCII, most of OTLP, is checked byte by byte).
    private static func isValidUTF8(_ text: UnsafeRawBufferPointer) -> Bool {
        text.allSatisfy { $0 < 0x80 } || String(validating: text.assumingMemoryBound(to: UInt8.self), as: UTF8.self) != nil
    }
}

extension UnsafeRawBufferPointer {
    /// Whether these bytes are `text`'s UTF-8.
    @inline(__always)
    func equals(_ text: StaticString) -> Bool {
        count == text.utf8CodeUnitCount && (count == 0 || memcmp(baseAddress!, text.utf8Start, count) == 0)
    }
}
