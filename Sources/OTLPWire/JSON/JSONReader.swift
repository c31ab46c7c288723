import Foundation
import TelemetryModel

/// Reads OTLP/JSON values out of a ``JSONValue`` tree, keeping the path for errors and the
/// deviations accepted in lenient mode.
struct JSONReader {
    enum PathComponent {
        case key(String)
        case index(Int)
    }

    let lenient: Bool
    private(set) var deviations: [OTLPDecodingError] = []
    private var path: [PathComponent] = []

    init(lenient: Bool) {
        self.lenient = lenient
    }

    // MARK: Paths, errors and deviations

    var pathString: String {
        var result = ""
        for component in path {
            switch component {
            case .key(let key): result += result.isEmpty ? key : "." + key
            case .index(let index): result += "[\(index)]"
            }
        }
        return result
    }

    func error(_ reason: OTLPDecodingError.Reason) -> OTLPDecodingError {
        OTLPDecodingError(path: pathString, reason: reason)
    }

    /// In strict mode throws `reason`; in lenient mode records it and carries on.
    mutating func deviate(_ reason: OTLPDecodingError.Reason) throws(OTLPDecodingError) {
        guard lenient else { throw error(reason) }
        deviations.append(error(reason))
    }

    /// Runs `body` one level down the path.
    mutating func descend<T>(
        _ component: PathComponent,
        _ body: (inout JSONReader) throws(OTLPDecodingError) -> T
    ) throws(OTLPDecodingError) -> T {
        path.append(component)
        defer { path.removeLast() }
        return try body(&self)
    }

    // MARK: Structure

    /// The members of an object with a value other than `null`, keyed by their lowerCamelCase
    /// names. A snake_case spelling of a known key is a deviation; other unknown keys are ignored,
    /// as the OTLP/JSON mapping requires.
    mutating func members(of value: JSONValue, known: [String]) throws(OTLPDecodingError) -> [(key: String, value: JSONValue)] {
        guard case .object(let members) = value else {
            throw error(.typeMismatch(expected: "object", found: value.typeName))
        }
        var result: [(key: String, value: JSONValue)] = []
        result.reserveCapacity(members.count)
        for member in members {
            if case .null = member.value { continue }
            if known.contains(member.key) {
                result.append(member)
            } else if member.key.contains("_"), case let camel = lowerCamelCase(member.key), known.contains(camel) {
                try descend(.key(member.key)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                    try reader.deviate(.snakeCaseKey(key: member.key, expected: camel))
                }
                result.append((camel, member.value))
            }
        }
        return result
    }

    /// The elements of an array, each read by `body` with its index on the path.
    mutating func elements<T>(
        of value: JSONValue,
        _ body: (inout JSONReader, JSONValue) throws(OTLPDecodingError) -> T
    ) throws(OTLPDecodingError) -> [T] {
        guard case .array(let elements) = value else {
            throw error(.typeMismatch(expected: "array", found: value.typeName))
        }
        var result: [T] = []
        result.reserveCapacity(elements.count)
        for (index, element) in elements.enumerated() {
            result.append(
                try descend(.index(index)) { (reader: inout JSONReader) throws(OTLPDecodingError) in
                    try body(&reader, element)
                }
            )
        }
        return result
    }

    // MARK: Scalars

    func string(_ value: JSONValue) throws(OTLPDecodingError) -> String {
        guard case .string(let string) = value else {
            throw error(.typeMismatch(expected: "string", found: value.typeName))
        }
        return string
    }

    func bool(_ value: JSONValue) throws(OTLPDecodingError) -> Bool {
        guard case .bool(let bool) = value else {
            throw error(.typeMismatch(expected: "boolean", found: value.typeName))
        }
        return bool
    }

    /// An integer field, given as a JSON number or a decimal string (the mapping allows both).
    func integer<T: FixedWidthInteger>(_ value: JSONValue, as _: T.Type = T.self) throws(OTLPDecodingError) -> T {
        let text: String
        switch value {
        case .number(let number): text = number
        case .string(let string): text = string
        default: throw error(.typeMismatch(expected: "integer", found: value.typeName))
        }
        if let integer = T(text) { return integer }
        // Exponent or fraction notation is allowed when the value is an exact integer. Only
        // decimal notation: Swift's Double(_:) would also take hex floats and "inf".
        if text.utf8.allSatisfy({ Self.isDecimalNumberByte($0) }), let double = Double(text),
            double.rounded() == double, abs(double) < 9_007_199_254_740_992, let integer = T(exactly: double)
        {
            return integer
        }
        throw error(.invalidNumber(text: text, type: String(describing: T.self)))
    }

    /// A double, given as a number or as a string (including `NaN`, `Infinity`, `-Infinity`).
    func double(_ value: JSONValue) throws(OTLPDecodingError) -> Double {
        switch value {
        case .number(let text):
            // A JSON number is decimal by grammar; one too large for a double (1e400) is rejected.
            guard let double = Double(text), double.isFinite else { throw error(.invalidNumber(text: text, type: "double")) }
            return double
        case .string(let text):
            switch text {
            case "NaN": return .nan
            case "Infinity": return .infinity
            case "-Infinity": return -.infinity
            default:
                guard text.utf8.allSatisfy({ Self.isDecimalNumberByte($0) }), let double = Double(text), double.isFinite else {
                    throw error(.invalidNumber(text: text, type: "double"))
                }
                return double
            }
        default:
            throw error(.typeMismatch(expected: "number", found: value.typeName))
        }
    }

    /// Digits, sign, decimal point and exponent: the bytes of a decimal number.
    static func isDecimalNumberByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
            UInt8(ascii: "e"), UInt8(ascii: "E"):
            true
        default: false
        }
    }

    /// Bytes in base64, standard or URL-safe alphabet, padded or not.
    func bytes(_ value: JSONValue) throws(OTLPDecodingError) -> Data {
        let text = try string(value)
        guard let data = Base64.decode(text) else { throw error(.invalidBase64(text: text)) }
        return data
    }

    /// An enum given as its integer value; a name is a deviation, an undefined value an error.
    mutating func enumeration<E: RawRepresentable & CaseIterable>(
        _ value: JSONValue,
        as _: E.Type,
        name: String,
        names: [String]
    ) throws(OTLPDecodingError) -> E where E.RawValue == Int32 {
        if case .string(let text) = value, let index = names.firstIndex(of: text) {
            try deviate(.enumName(enum: name, name: text))
            return E.allCases[E.allCases.index(E.allCases.startIndex, offsetBy: index)]
        }
        let raw: Int32
        do {
            raw = try integer(value, as: Int32.self)
        } catch {
            if case .string(let text) = value { throw self.error(.enumName(enum: name, name: text)) }
            throw error
        }
        guard let known = E(rawValue: raw) else {
            throw error(.unknownEnumValue(enum: name, value: Int64(raw)))
        }
        return known
    }

    // MARK: Ids

    mutating func traceID(_ value: JSONValue) throws(OTLPDecodingError) -> TraceID {
        let text = try string(value)
        if let id = TraceID(hex: text) { return id }
        return TraceID(bytes: try nonHexID(text, byteCount: TraceID.byteCount))!
    }

    mutating func spanID(_ value: JSONValue) throws(OTLPDecodingError) -> SpanID {
        let text = try string(value)
        if let id = SpanID(hex: text) { return id }
        return SpanID(bytes: try nonHexID(text, byteCount: SpanID.byteCount))!
    }

    /// An optional id: an empty string means absent.
    mutating func optionalTraceID(_ value: JSONValue) throws(OTLPDecodingError) -> TraceID? {
        if case .string(let text) = value, text.isEmpty { return nil }
        return try traceID(value)
    }

    /// An optional id: an empty string means absent.
    mutating func optionalSpanID(_ value: JSONValue) throws(OTLPDecodingError) -> SpanID? {
        if case .string(let text) = value, text.isEmpty { return nil }
        return try spanID(value)
    }

    /// An id that is not `byteCount * 2` hex digits: base64 of the right length, as protobuf's
    /// canonical JSON writes it, is a deviation; hex of another length is `.wrongIDLength`;
    /// anything else is `.invalidHexID`.
    private mutating func nonHexID(_ text: String, byteCount: Int) throws(OTLPDecodingError) -> [UInt8] {
        if text.unicodeScalars.allSatisfy({ $0.isASCII && Character($0).isHexDigit }) {
            if text.utf8.count % 2 == 1 { throw error(.invalidHexID(text: text)) }
            throw error(.wrongIDLength(expectedBytes: byteCount, foundBytes: text.utf8.count / 2))
        }
        // Only base64 that decodes to exactly the id's length counts as base64; anything else,
        // such as 32 characters with a stray non-hex digit, is malformed hex.
        if let decoded = Base64.decode(text), decoded.count == byteCount {
            try deviate(.base64ID(text: text))
            return [UInt8](decoded)
        }
        throw error(.invalidHexID(text: text))
    }
}

/// `resource_spans` → `resourceSpans`.
func lowerCamelCase(_ snake: String) -> String {
    var result = ""
    var upper = false
    for character in snake {
        if character == "_" {
            upper = true
        } else {
            result.append(upper ? Character(character.uppercased()) : character)
            upper = false
        }
    }
    return result
}

enum Base64 {
    /// Decodes standard or URL-safe base64, with or without padding; `nil` when invalid.
    static func decode(_ text: String) -> Data? {
        var normalized = String(text.map { $0 == "-" ? "+" : $0 == "_" ? "/" : $0 })
        let remainder = normalized.utf8.count % 4
        if remainder == 1 { return nil }
        if remainder > 0 { normalized += String(repeating: "=", count: 4 - remainder) }
        return Data(base64Encoded: normalized)
    }
}
