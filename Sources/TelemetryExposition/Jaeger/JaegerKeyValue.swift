import Foundation
import TelemetryModel

/// A Jaeger tag or log field (`model.KeyValue`), with the typed value Jaeger keeps.
struct JaegerKeyValue: Hashable {
    /// The typed value; the case names are Jaeger's `ValueType`s.
    enum Value: Hashable {
        case string(String)
        case bool(Bool)
        case int64(Int64)
        case float64(Double)
        case binary(Data)
    }

    var key: String
    var value: Value

    /// The contrib translator's `attributeToJaegerProtoTag`: lists and maps become their JSON
    /// text, an empty value an empty string.
    init(key: String, attribute: AttributeValue) {
        self.key = key
        switch attribute {
        case .string(let value): self.value = .string(value)
        case .bool(let value): self.value = .bool(value)
        case .int(let value): self.value = .int64(value)
        case .double(let value): self.value = .float64(value)
        case .bytes(let value): self.value = .binary(value)
        case .array, .keyValueList: self.value = .string(attribute.goString)
        case .empty: self.value = .string("")
        }
    }

    init(key: String, value: Value) {
        self.key = key
        self.value = value
    }

    /// The type name the JSON model writes.
    var typeName: String {
        switch value {
        case .string: "string"
        case .bool: "bool"
        case .int64: "int64"
        case .float64: "float64"
        case .binary: "binary"
        }
    }

    /// `KeyValue.AsString()`, which tag searches compare against.
    var stringValue: String {
        switch value {
        case .string(let value): value
        case .bool(let value): value ? "true" : "false"
        case .int64(let value): String(value)
        case .float64(let value): String(format: "%.10g", value)
        case .binary(let value): value.map { String(format: "%02x", $0) }.joined()
        }
    }

    /// `{"key":…,"type":…,"value":…}` as `FromDomain` writes it: integers beyond JavaScript's
    /// safe range as strings, bytes in base64.
    func write(to writer: inout GoJSONWriter) {
        writer.object { writer in
            writer.key("key")
            writer.string(key)
            writer.key("type")
            writer.string(typeName)
            writer.key("value")
            switch value {
            case .string(let value): writer.string(value)
            case .bool(let value): writer.bool(value)
            case .int64(let value):
                let safe: Int64 = (1 << 53) - 1
                if value > safe || value < -safe {
                    writer.string(String(value))
                } else {
                    writer.integer(value)
                }
            case .float64(let value): writer.double(value)
            case .binary(let value): writer.string(value.base64EncodedString())
            }
        }
    }
}

extension Array where Element == JaegerKeyValue {
    /// `KeyValues.Sort()`: by key (byte order); equal keys keep their order.
    func sortedByKey() -> [JaegerKeyValue] {
        enumerated().sorted { lhs, rhs in
            lhs.element.key == rhs.element.key ? lhs.offset < rhs.offset : utf8Less(lhs.element.key, rhs.element.key)
        }.map(\.element)
    }

    /// Writes the list as a JSON array (`[]` when empty).
    func write(to writer: inout GoJSONWriter) {
        writer.array { writer in
            for keyValue in self { keyValue.write(to: &writer) }
        }
    }
}
