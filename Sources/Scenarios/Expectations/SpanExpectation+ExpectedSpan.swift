import StackConfiguration
import TelemetryModel
import TelemetryQueries

extension SpanExpectation {
    /// The expectation as the span-tree matcher takes it: children in any order, other children
    /// allowed unless the file says otherwise, attribute values read as the number or boolean
    /// they look like.
    var expectedSpan: ExpectedSpan {
        var expected = ExpectedSpan(
            name,
            service: service,
            kind: kind.flatMap(Self.spanKind),
            status: status.flatMap(Self.statusCode),
            attributes: Attributes(attributes.sorted { $0.key < $1.key }.map { Attribute(key: $0.key, value: Self.value($0.value)) }),
            childOrder: .anyOrder,
            allowsOtherChildren: allowsOtherChildren
        )
        expected.children = children.map(\.expectedSpan)
        return expected
    }

    static func spanKind(_ text: String) -> SpanKind? {
        switch text {
        case "server": .server
        case "client": .client
        case "producer": .producer
        case "consumer": .consumer
        case "internal": .internal
        default: nil
        }
    }

    static func statusCode(_ text: String) -> SpanStatus.Code? {
        switch text {
        case "ok": .ok
        case "error": .error
        case "unset": .unset
        default: nil
        }
    }

    /// `200` as an integer, `1.5` as a double, `true` as a boolean, anything else as a string.
    static func value(_ text: String) -> AttributeValue {
        if let integer = Int64(text) { return .int(integer) }
        if let double = Double(text), text.contains(".") { return .double(double) }
        if text == "true" || text == "false" { return .bool(text == "true") }
        return .string(text)
    }
}
