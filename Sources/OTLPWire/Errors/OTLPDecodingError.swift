/// Why an OTLP payload could not be decoded, and where.
///
/// ``path`` names the offending field in OTLP/JSON terms, for example
/// `resourceSpans[0].scopeSpans[0].spans[3].traceId`, whether the payload was JSON or protobuf.
public struct OTLPDecodingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What was wrong.
    public enum Reason: Sendable, Hashable {
        /// The bytes are not JSON; `offset` is the byte where parsing failed.
        case invalidJSON(message: String, offset: Int)
        /// The bytes are not a valid protobuf encoding of the message (truncated, bad tag, …).
        case invalidProtobuf(message: String)
        /// A JSON value has the wrong type, for example a string where an object belongs.
        case typeMismatch(expected: String, found: String)
        /// An id does not have the required number of bytes.
        case wrongIDLength(expectedBytes: Int, foundBytes: Int)
        /// A JSON id is not hex digits; `text` is what was found.
        case invalidHexID(text: String)
        /// A JSON id is base64, as protobuf's canonical JSON writes it, instead of hex.
        case base64ID(text: String)
        /// An enum has a value the OTLP schema does not define.
        case unknownEnumValue(enum: String, value: Int64)
        /// A JSON enum is given by name; OTLP/JSON requires the integer.
        case enumName(enum: String, name: String)
        /// A JSON key is in snake_case; OTLP/JSON requires lowerCamelCase (`expected`).
        case snakeCaseKey(key: String, expected: String)
        /// A number is malformed or outside the field's range.
        case invalidNumber(text: String, type: String)
        /// Bytes are not valid base64.
        case invalidBase64(text: String)
        /// More than one member of a one-of is set, for example two `AnyValue` kinds.
        case multipleOneOfMembers(names: [String])
        /// A field that must be present is missing or empty.
        case missingField(name: String)
        /// A string field holds bytes that are not UTF-8.
        case invalidUTF8
        /// Nesting (of `AnyValue` arrays and lists, or JSON) goes deeper than the configured limit.
        case nestingTooDeep(limit: Int)
        /// A field that belongs only to another signal (for example profiles' `*_strindex`).
        case unsupportedField(name: String, why: String)
    }

    /// The JSON path of the offending field; empty for the payload as a whole.
    public var path: String
    /// What was wrong.
    public var reason: Reason

    /// Creates an error.
    public init(path: String = "", reason: Reason) {
        self.path = path
        self.reason = reason
    }

    /// A sentence naming the place and the fault.
    public var description: String {
        let place = path.isEmpty ? "payload" : path
        return "\(place): \(reasonDescription)"
    }

    private var reasonDescription: String {
        switch reason {
        case .invalidJSON(let message, let offset):
            "invalid JSON at byte \(offset): \(message)"
        case .invalidProtobuf(let message):
            "invalid protobuf: \(message)"
        case .typeMismatch(let expected, let found):
            "expected \(expected), found \(found)"
        case .wrongIDLength(let expected, let found):
            "id must be \(expected) bytes (\(expected * 2) hex digits), found \(found) bytes"
        case .invalidHexID(let text):
            "id must be hex digits, found \"\(text)\""
        case .base64ID(let text):
            "id \"\(text)\" is base64; OTLP/JSON requires hex (use lenient mode to accept it)"
        case .unknownEnumValue(let name, let value):
            "\(value) is not a value of \(name)"
        case .enumName(let name, let text):
            "\(name) given by name \"\(text)\"; OTLP/JSON requires the integer value"
        case .snakeCaseKey(let key, let expected):
            "key \"\(key)\" is snake_case; OTLP/JSON requires \"\(expected)\""
        case .invalidNumber(let text, let type):
            "\"\(text)\" is not a valid \(type)"
        case .invalidBase64(let text):
            "\"\(text.prefix(40))\" is not valid base64"
        case .multipleOneOfMembers(let names):
            "only one of \(names.joined(separator: ", ")) may be set"
        case .missingField(let name):
            "required field \(name) is missing or empty"
        case .invalidUTF8:
            "string is not valid UTF-8"
        case .nestingTooDeep(let limit):
            "nesting deeper than the limit of \(limit)"
        case .unsupportedField(let name, let why):
            "field \(name) is not supported here: \(why)"
        }
    }

    /// This error with `component` put in front of its path (`spans[3]` + `.traceId`).
    func prefixed(with component: String) -> OTLPDecodingError {
        var copy = self
        if path.isEmpty {
            copy.path = component
        } else if path.hasPrefix("[") {
            copy.path = component + path
        } else {
            copy.path = component + "." + path
        }
        return copy
    }
}

/// Runs `body`, putting `component` in front of the path of any error it throws.
@inline(__always)
func at<T>(_ component: @autoclosure () -> String, _ body: () throws(OTLPDecodingError) -> T) throws(OTLPDecodingError) -> T {
    do {
        return try body()
    } catch {
        throw error.prefixed(with: component())
    }
}
