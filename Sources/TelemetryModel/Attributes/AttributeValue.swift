public import Foundation

/// A value of an attribute, a log body or an array element: every kind of OTLP `AnyValue`.
public enum AttributeValue: Sendable, Hashable {
    /// A UTF-8 string.
    case string(String)
    /// A boolean.
    case bool(Bool)
    /// A signed 64-bit integer.
    case int(Int64)
    /// A 64-bit floating-point number.
    case double(Double)
    /// Raw bytes.
    case bytes(Data)
    /// An ordered list of values, which may mix kinds.
    case array([AttributeValue])
    /// A nested list of key-value pairs.
    case keyValueList(Attributes)
    /// An `AnyValue` with no value set, which OTLP allows and means "empty".
    case empty

    /// The string, when this is a `.string`.
    public var stringValue: String? {
        if case .string(let value) = self { value } else { nil }
    }

    /// The integer, when this is an `.int`.
    public var intValue: Int64? {
        if case .int(let value) = self { value } else { nil }
    }

    /// The number, when this is a `.double`, or an `.int` converted to `Double`.
    public var doubleValue: Double? {
        switch self {
        case .double(let value): value
        case .int(let value): Double(value)
        default: nil
        }
    }

    /// The boolean, when this is a `.bool`.
    public var boolValue: Bool? {
        if case .bool(let value) = self { value } else { nil }
    }

    /// The name of this value's kind, as OTLP/JSON spells its field (`stringValue`, `intValue`, …).
    public var kindName: String {
        switch self {
        case .string: "stringValue"
        case .bool: "boolValue"
        case .int: "intValue"
        case .double: "doubleValue"
        case .bytes: "bytesValue"
        case .array: "arrayValue"
        case .keyValueList: "kvlistValue"
        case .empty: "empty"
        }
    }
}

extension AttributeValue: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension AttributeValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension AttributeValue: ExpressibleByFloatLiteral {
    public init(floatLiteral value: Double) { self = .double(value) }
}

extension AttributeValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AttributeValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: AttributeValue...) { self = .array(elements) }
}

extension AttributeValue: CustomStringConvertible {
    /// A compact, unambiguous, single-line rendering: strings quoted with `"`, `\` and control
    /// characters escaped, bytes in hex, arrays and lists bracketed.
    public var description: String {
        switch self {
        case .string(let value): "\"\(value.escaped)\""
        case .bool(let value): String(value)
        case .int(let value): String(value)
        case .double(let value): String(value)
        case .bytes(let value): "0x" + value.map { String($0, radix: 16).leftPadded(to: 2) }.joined()
        case .array(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case .keyValueList(let attributes): attributes.description
        case .empty: "<empty>"
        }
    }
}

extension String {
    /// The string with `"`, `\` and control characters escaped, as in a Swift literal.
    var escaped: String {
        var result = ""
        for scalar in unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F:
                result += "\\u{" + String(scalar.value, radix: 16) + "}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

extension AttributeValue: Codable {
    private enum CodingKeys: String, CodingKey, CaseIterable {
        case string, bool, int, double, bytes, array, keyValueList, empty

        static var allNames: String { allCases.map(\.stringValue).joined(separator: ", ") }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard let key = container.allKeys.first, container.allKeys.count == 1 else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "an attribute value has exactly one of \(CodingKeys.allNames)"
                )
            )
        }
        switch key {
        case .string: self = .string(try container.decode(String.self, forKey: key))
        case .bool: self = .bool(try container.decode(Bool.self, forKey: key))
        case .int: self = .int(try container.decode(Int64.self, forKey: key))
        case .double: self = .double(try container.decode(Double.self, forKey: key))
        case .bytes: self = .bytes(try container.decode(Data.self, forKey: key))
        case .array: self = .array(try container.decode([AttributeValue].self, forKey: key))
        case .keyValueList: self = .keyValueList(try container.decode(Attributes.self, forKey: key))
        case .empty: self = .empty
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .string(let value): try container.encode(value, forKey: .string)
        case .bool(let value): try container.encode(value, forKey: .bool)
        case .int(let value): try container.encode(value, forKey: .int)
        case .double(let value): try container.encode(value, forKey: .double)
        case .bytes(let value): try container.encode(value, forKey: .bytes)
        case .array(let value): try container.encode(value, forKey: .array)
        case .keyValueList(let value): try container.encode(value, forKey: .keyValueList)
        case .empty: try container.encodeNil(forKey: .empty)
        }
    }
}
